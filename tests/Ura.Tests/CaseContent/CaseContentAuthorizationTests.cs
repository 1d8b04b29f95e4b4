using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.CaseContent;

/// <summary>
/// The authorization matrix of the consent, notes, tasks and documents pages and endpoints: the case
/// team reads (audited) and changes; everyone else gets 404 and nothing changes.
/// </summary>
public sealed class CaseContentAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>A case opened by the Albanian shelter's case worker with one of each kind of content.</summary>
    private async Task<(CaseView Case, Guid Consent, Guid Task, Guid Document)> CaseWithContentAsync()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Rudina", "Kodra"));
        var consent = await RecordConsentAsync(client, opened.Id, ConsentBody());
        await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/notes", new { text = "Rudina's first note" });
        var worker = await factory.UserAsync(Demo.CaseWorker);
        var task = await (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/tasks", new { title = "Rudina's task", kind = "FollowUp", dueOn = Iso(Today.AddDays(1)), assigneeId = worker.Id }))
            .Content.ReadFromJsonAsync<TaskView>(WebJson);
        var document = await (await UploadAsync(client, opened.Id, Pdf(), "rudina.pdf")).Content.ReadFromJsonAsync<DocumentListItem>(WebJson);
        return (opened, consent.Id, task!.Id, document!.Id);
    }

    public static TheoryData<string, string> Outsiders => new()
    {
        { "socialworker", "al" },
        { "police", "al" },
        { "orgadmin", "al" },
        { "sheltermanager", "al" },
        { "coordinator", "al" },
        { "analyst", "al" },
        { "outreach", "al" },
        { "caseworker", "xk" },
        { "supervisor", "xk" },
        { "sysadmin", "" },
    };

    private static readonly string[] Reads =
    [
        "/cases/{0}/consent", "/cases/{0}/notes", "/cases/{0}/tasks", "/cases/{0}/documents", "/cases/{0}/documents/{3}",
        "/api/v1/cases/{0}/consents", "/api/v1/cases/{0}/consents/coverage?use=Research", "/api/v1/cases/{0}/notes",
        "/api/v1/cases/{0}/tasks", "/api/v1/cases/{0}/documents", "/api/v1/cases/{0}/documents/{3}/content",
    ];

    private static string Email(string login, string country) => login == "sysadmin" ? Demo.SystemAdmin : Demo.Email(login, country);

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Reads_OutsideTheCaseTeam_404WithoutContent(string login, string country)
    {
        var (opened, consent, task, document) = await CaseWithContentAsync();
        var client = await factory.SignInAsync(Email(login, country));

        foreach (var template in Reads)
        {
            var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, opened.Id, consent, task, document);
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
            Assert.DoesNotContain("Rudina", body, StringComparison.Ordinal);
            Assert.DoesNotContain(opened.Reference, body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Changes_OutsideTheCaseTeam_404AndNothingChanges(string login, string country)
    {
        var (opened, consent, task, _) = await CaseWithContentAsync();
        var client = await factory.SignInAsync(Email(login, country));
        var someone = (await factory.UserAsync(Email(login, country))).Id;
        var before = await factory.ContentCountsAsync(opened.Id);
        var consentPage = $"/cases/{opened.Id}/consent";

        var responses = new List<(string What, HttpResponseMessage Response)>
        {
            ("consent", await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents", ConsentBody())),
            ("withdraw", await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/consents/{consent}/withdrawal", new { withdrawnOn = Iso(Today) })),
            ("note", await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/notes", new { text = "intruder" })),
            ("task", await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/tasks", new { title = "intruder", kind = "Other", dueOn = Iso(Today), assigneeId = someone })),
            ("complete", await client.PostAsync($"/api/v1/cases/{opened.Id}/tasks/{task}/completion", null)),
            ("upload", await UploadAsync(client, opened.Id, Pdf(), "intruder.pdf")),
            // Pages: the form is posted with a token from a page the user can open.
            ("note page", await PostPageAsync(client, $"/cases/{opened.Id}/notes", new() { ["Text"] = "intruder" })),
            ("withdraw page", await PostPageAsync(client, $"{consentPage}?handler=Withdraw&consentId={consent}", new() { ["withdrawnOn"] = Iso(Today) })),
            ("complete page", await PostPageAsync(client, $"/cases/{opened.Id}/tasks?handler=Complete&taskId={task}", [])),
        };

        Assert.All(responses, r => Assert.True(r.Response.StatusCode == HttpStatusCode.NotFound, $"{r.What}: {r.Response.StatusCode}"));
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
        Assert.Null(await factory.WithDb(db => db.Consents.Where(c => c.Id == consent).Select(c => c.WithdrawnOn).SingleAsync()));
        Assert.Null(await factory.WithDb(db => db.CaseTasks.Where(t => t.Id == task).Select(t => t.CompletedAt).SingleAsync()));
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("supervisor")]
    public async Task Reads_CaseTeam_AllowedAndEachReadAudited(string login)
    {
        var (opened, consent, task, document) = await CaseWithContentAsync();
        var client = await factory.SignInAsync(Demo.Email(login), "en");
        var reader = (await factory.UserAsync(Demo.Email(login))).Id;

        foreach (var template in Reads)
        {
            var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, opened.Id, consent, task, document);
            var readsBefore = await factory.ReadsAsync(nameof(Case), opened.Id, reader);
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.True(await factory.ReadsAsync(nameof(Case), opened.Id, reader) > readsBefore, $"{url} was not audited");
        }
    }

    [Fact]
    public async Task Changes_Supervisor_AllowedOnTheCase()
    {
        var (opened, _, task, _) = await CaseWithContentAsync();
        var client = await factory.SignInAsync(Demo.Supervisor, "en");

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/notes", new { text = "Supervisor's note" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/cases/{opened.Id}/tasks/{task}/completion", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(client, opened.Id, Pdf(), "supervisor.pdf")).StatusCode);
    }

    [Fact]
    public async Task Pages_AnonymousVisitor_SentToSignIn()
    {
        var client = factory.Anonymous();

        var response = await client.GetAsync($"/cases/{Guid.NewGuid()}/consent");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", RedirectPath(response));
    }
}
