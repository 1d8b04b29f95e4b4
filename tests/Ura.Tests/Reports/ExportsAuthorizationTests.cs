using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Reports.Exports;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Reports.ExportsTestSupport;

namespace Ura.Tests.Reports;

/// <summary>
/// Who may export: CTDC national coordinators, HTCDS supervisors (with a reason); other roles 403 with
/// nothing produced; a run and its file are the requester's alone (anyone else 404).
/// </summary>
public sealed class ExportsAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly string[] Pages = ["/reports/exports", "/reports/exports/{0}", "/reports/exports/{0}/file"];

    [Theory]
    [InlineData("caseworker")]
    [InlineData("analyst")]
    [InlineData("orgadmin")]
    [InlineData("police")]
    public async Task PagesAndApi_OtherRoles_ForbiddenAndNothingProduced(string login)
    {
        var supervisor = await factory.SignInAsync(Demo.Supervisor);
        var run = await RequestedAsync(supervisor, "Htcds", "Data portability");
        var client = await factory.SignInAsync(Demo.Email(login));
        var before = await factory.RunCountAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await RequestAsync(client, "Htcds", "Data portability")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RequestAsync(client, "Ctdc")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/{run.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/{run.Id}/file")).StatusCode);
        foreach (var page in Pages)
        {
            var response = await client.GetAsync(string.Format(page, run.Id));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("denied", StringComparison.OrdinalIgnoreCase) == true,
                $"{page}: {response.StatusCode} {response.Headers.Location}");
        }
        Assert.Equal(before, await factory.RunCountAsync());
    }

    [Fact]
    public async Task Request_WrongKindForRole_Forbidden()
    {
        var coordinator = await factory.SignInAsync(Demo.Coordinator);
        var supervisor = await factory.SignInAsync(Demo.Supervisor);
        var before = await factory.RunCountAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await RequestAsync(coordinator, "Htcds", "Portability")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RequestAsync(supervisor, "Ctdc")).StatusCode);
        Assert.Equal(before, await factory.RunCountAsync());
    }

    [Theory]
    [InlineData(null, "reason", "Thoni pse ju duhet ky eksport.")]
    [InlineData("   ", "reason", "Thoni pse ju duhet ky eksport.")]
    [InlineData("TooLong", "reason", "Arsyeja mund të jetë deri në 500 karaktere.")]
    public async Task Htcds_BadReason_LocalisedErrorNothingProduced(string? reason, string field, string message)
    {
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "sq");
        var before = await factory.RunCountAsync();

        var response = await RequestAsync(supervisor, "Htcds", reason == "TooLong" ? new string('a', 501) : reason);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal(message, Assert.Single(problem!.Errors[field]));
        Assert.Equal(before, await factory.RunCountAsync());
    }

    [Theory]
    [InlineData("Pdf")]
    [InlineData("1")]
    [InlineData("")]
    public async Task Request_UnknownKind_LocalisedErrorNothingProduced(string kind)
    {
        var coordinator = await factory.SignInAsync(Demo.Coordinator, "sq");
        var before = await factory.RunCountAsync();

        var response = await RequestAsync(coordinator, kind);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Contains(problem!.Errors["kind"], m => m.StartsWith("Zgjidhni", StringComparison.Ordinal) || m.StartsWith("Nuk ka", StringComparison.Ordinal));
        Assert.Equal(before, await factory.RunCountAsync());
    }

    [Fact]
    public async Task HtcdsPage_NoReason_LocalisedErrorNothingProduced()
    {
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "sq");
        var before = await factory.RunCountAsync();

        var response = await UraFactory.PostFormAsync(supervisor, "/reports/exports", new() { ["Input.Kind"] = "Htcds", ["Input.Reason"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thoni pse ju duhet ky eksport.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.RunCountAsync());
    }

    [Theory]
    [InlineData("supervisor", "xk")]
    [InlineData("coordinator", "al")]
    [InlineData("coordinator", "xk")]
    public async Task Run_SomeoneElse_NotFound(string login, string country)
    {
        var supervisor = await factory.SignInAsync(Demo.Supervisor);
        var run = await RequestedAsync(supervisor, "Htcds", "Data portability");
        await factory.RunJobAsync();
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"{Api}/{run.Id}/file")).StatusCode);
        var other = await factory.SignInAsync(Demo.Email(login, country));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Api}/{run.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Api}/{run.Id}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/reports/exports/{run.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/reports/exports/{run.Id}/file")).StatusCode);
        var mine = await other.GetFromJsonAsync<List<ExportRunView>>(Api, JsonOptions);
        Assert.DoesNotContain(mine!, r => r.Id == run.Id);
        Assert.DoesNotContain(run.Id.ToString(), await other.GetStringAsync("/reports/exports"), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDb(db => db.AuditEvents.CountAsync(a => a.EntityId == run.Id.ToString() && a.Action == "export.download" && a.UserId != db.Users.Where(u => u.Email == Demo.Supervisor).Select(u => u.Id).First())));
    }

    [Fact]
    public async Task Pages_Exporters_Open()
    {
        foreach (var login in new[] { Demo.Coordinator, Demo.Supervisor })
        {
            var client = await factory.SignInAsync(login);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/reports/exports")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/reports/exports/{Guid.NewGuid()}")).StatusCode);
        }
    }
}
