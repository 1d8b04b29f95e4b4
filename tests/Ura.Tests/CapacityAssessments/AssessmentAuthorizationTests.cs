using System.Net;
using System.Net.Http.Json;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.CapacityAssessments.AssessmentTestSupport;

namespace Ura.Tests.CapacityAssessments;

/// <summary>
/// Who may read and record capacity assessments. The programme's own outreach officers read and record;
/// the country's coordinator and any analyst read only; another organisation's outreach officer and
/// another country's coordinator get 404; every other role 403; anonymous visitors the sign-in. After
/// every refused attempt the programmes, assessments and scores are exactly as before.
/// </summary>
public sealed class AssessmentAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly Guid Programme = DemoProgramme();
    private static readonly Guid Provider = LegalAid();

    private static string[] ReadPages => [$"/training/assessments/{Programme}", $"/training/assessments/{Programme}/providers/{Provider}"];

    private static string[] ReadApis => [$"/api/v1/training/programmes/{Programme}", $"/api/v1/training/programmes/{Programme}/providers/{Provider}"];

    public static TheoryData<string, HttpStatusCode, HttpStatusCode> Outsiders => new()
    {
        // user, reading the AL programme, recording in it
        { Outreach("xk"), HttpStatusCode.NotFound, HttpStatusCode.NotFound },
        { Outreach("mk"), HttpStatusCode.NotFound, HttpStatusCode.NotFound },
        { Demo.Email("coordinator", "xk"), HttpStatusCode.NotFound, HttpStatusCode.Forbidden },
        { Demo.Coordinator, HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { Demo.Analyst, HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { Demo.Email("analyst", "rs"), HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { Demo.CaseWorker, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Supervisor, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.SocialWorker, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Police, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.Email("sheltermanager"), HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.OrgAdmin, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Demo.SystemAdmin, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task PagesAndApi_NotTheProgrammesOutreachOfficer_ReadAsAllowedRecordNothing(string email, HttpStatusCode read, HttpStatusCode record)
    {
        var before = await SnapshotAsync(factory);
        var client = await factory.SignInAsync(email, "en");
        var assessmentId = await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .FirstAsync(db.CapacityAssessments.Where(a => a.ProgrammeId == Programme).Select(a => a.Id)));

        foreach (var page in ReadPages)
            Assert.Equal(read, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, page)));
        foreach (var api in ReadApis.Append($"/api/v1/training/assessments/{assessmentId}"))
            Assert.Equal(read, (await client.GetAsync(api)).StatusCode);
        Assert.Equal(record, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/training/assessments/{Programme}/assess")));
        var posted = await AdminTestSupport.PostPageAsync(client, $"/training/assessments/{Programme}/assess", new()
        {
            ["Input.ProviderId"] = Provider.ToString(), ["Input.AssessedOn"] = "2026-03-01", ["Input.Assessors"] = "Intruder",
        });
        Assert.Equal(record, (await AdminTestSupport.FollowAccessDeniedAsync(client, posted)).StatusCode);
        Assert.Equal(record, (await client.PostAsJsonAsync($"/api/v1/training/programmes/{Programme}/assessments", Assessment(Provider))).StatusCode);

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Theory]
    [InlineData("coordinator", "al", HttpStatusCode.Forbidden)]
    [InlineData("analyst", "al", HttpStatusCode.Forbidden)]
    [InlineData("caseworker", "al", HttpStatusCode.Forbidden)]
    [InlineData("orgadmin", "xk", HttpStatusCode.Forbidden)]
    public async Task CreateProgramme_NotAnOutreachOfficer_RefusedAndNothingStored(string login, string country, HttpStatusCode expected)
    {
        var before = await SnapshotAsync(factory);
        var client = await factory.SignInAsync(Demo.Email(login, country), "en");

        Assert.Equal(expected, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/training/assessments/new")));
        var posted = await AdminTestSupport.PostPageAsync(client, "/training/assessments/new", new()
        {
            ["Input.Name"] = "Not mine", ["Input.StartsOn"] = "2026-01-01", ["Input.EndsOn"] = "2026-12-31",
        });
        Assert.Equal(expected, (await AdminTestSupport.FollowAccessDeniedAsync(client, posted)).StatusCode);
        Assert.Equal(expected, (await client.PostAsJsonAsync("/api/v1/training/programmes", AssessmentTestSupport.Programme("Not mine"))).StatusCode);

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task Lists_EachReader_SeesOnlyTheProgrammesInTheirScope()
    {
        async Task<string> ListAsync(string email) => await (await factory.SignInAsync(email, "en")).GetStringAsync("/api/v1/training/programmes");

        var own = await ListAsync(Outreach());
        var otherOrganisation = await ListAsync(Outreach("xk"));
        var coordinator = await ListAsync(Demo.Coordinator);
        var analyst = await ListAsync(Demo.Email("analyst", "me"));

        Assert.Contains(Programme.ToString(), own);
        Assert.DoesNotContain(DemoProgramme("XK").ToString(), own);
        Assert.DoesNotContain(Programme.ToString(), otherOrganisation);
        Assert.Contains(DemoProgramme("XK").ToString(), otherOrganisation);
        Assert.Contains(Programme.ToString(), coordinator);
        Assert.DoesNotContain(DemoProgramme("MK").ToString(), coordinator);
        Assert.All(new[] { "AL", "XK", "MK", "ME", "RS", "BA" }, c => Assert.Contains(DemoProgramme(c).ToString(), analyst));
        var page = await (await factory.SignInAsync(Outreach("xk"), "en")).GetAsync("/training/assessments");
        Assert.DoesNotContain(Programme.ToString(), await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProviderHistory_Analyst_SeesFiguresButNoEvidenceOrAssessors()
    {
        var analyst = await factory.SignInAsync(Demo.Analyst, "en");
        var coordinator = await factory.SignInAsync(Demo.Coordinator, "en");
        var url = $"/api/v1/training/programmes/{Programme}/providers/{Provider}";

        var figures = await analyst.GetFromJsonAsync<Ura.Features.Training.Assessments.ProviderHistory>(url);
        var full = await coordinator.GetFromJsonAsync<Ura.Features.Training.Assessments.ProviderHistory>(url);

        Assert.All(figures!.Assessments, a => Assert.Null(a.Assessors));
        Assert.All(figures.Assessments.SelectMany(a => a.Scores), s => Assert.Null(s.Evidence));
        Assert.All(figures.Assessments, a => Assert.NotNull(a.Overall));
        Assert.All(full!.Assessments, a => Assert.False(string.IsNullOrEmpty(a.Assessors)));
        Assert.Contains(full.Assessments.SelectMany(a => a.Scores), s => s.Evidence is not null);
    }

    [Fact]
    public async Task PagesAndApi_OwnOutreachOfficer_Allowed()
    {
        var client = await factory.SignInAsync(Outreach(), "en");

        foreach (var page in ReadPages.Concat(["/training/assessments", "/training/assessments/new", $"/training/assessments/{Programme}/assess"]))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        foreach (var api in ReadApis.Concat(["/api/v1/training/programmes", "/api/v1/training/framework"]))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(api)).StatusCode);
        var form = await (await client.GetAsync($"/training/assessments/{Programme}/assess")).HtmlAsync();
        Assert.Contains("Fully in place, applied in practice and reviewed regularly.", form);
        Assert.Contains(Ura.Features.Training.Assessments.CapacityFramework.Current.Criteria.Last().Criterion.Text["en"], form);
    }

    [Fact]
    public async Task PagesAndApi_Anonymous_SentToSignInOrUnauthorised()
    {
        var before = await SnapshotAsync(factory);
        var client = factory.Anonymous();

        foreach (var page in ReadPages.Concat(["/training/assessments", "/training/assessments/new", $"/training/assessments/{Programme}/assess"]))
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", AdminTestSupport.RedirectPath(response));
        }
        foreach (var api in ReadApis.Concat(["/api/v1/training/programmes", "/api/v1/training/framework"]))
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync($"/api/v1/training/programmes/{Programme}/assessments", Assessment(Provider))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/training/programmes", AssessmentTestSupport.Programme())).StatusCode);

        Assert.Equal(before, await SnapshotAsync(factory));
    }
}
