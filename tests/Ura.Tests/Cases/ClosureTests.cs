using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.Cases;

/// <summary>Closing a case: the team asks, a supervisor other than the requester decides, the team reopens.</summary>
public sealed partial class ClosureTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<(HttpClient Worker, CaseView Case)> OpenCaseAsync()
    {
        var worker = await factory.SignInAsync(Demo.CaseWorker, "en");
        return (worker, await OpenAsync(worker, Adult("Closure", "Person" + Guid.NewGuid().ToString("N")[..6])));
    }

    private Task<Case> CaseRowAsync(Guid id) => factory.WithDb(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task RequestThenApprove_WorkerAndSupervisor_CaseClosedTasksDoneTimelineNewestFirst()
    {
        var (worker, opened) = await OpenCaseAsync();
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "en");
        var workerUser = await factory.UserAsync(Demo.CaseWorker);
        await factory.WithDb(async db =>
        {
            db.CaseTasks.Add(new CaseTask { CaseId = opened.Id, OrganisationId = workerUser.OrganisationId, Title = "Call back", DueOn = new DateOnly(2030, 1, 1), AssigneeId = workerUser.Id });
            await db.SaveChangesAsync();
        });

        var requested = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "AssistanceCompleted", details = "Back at school, safe at home." });
        var pending = await supervisor.GetFromJsonAsync<List<ClosureView>>("/api/v1/cases/closures", Json);
        var approved = await supervisor.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure/approve", new { note = "Agreed." });

        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        var listed = Assert.Single(pending!, p => p.CaseId == opened.Id);
        Assert.Null(listed.Details);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var row = await CaseRowAsync(opened.Id);
        Assert.Equal((CaseStatus.Closed, ClosureReason.AssistanceCompleted), (row.Status, row.ClosureReason));
        Assert.NotNull(row.ClosedAt);
        Assert.Null(row.ClosureRequestedAt);
        Assert.Equal(0, await factory.WithDb(db => db.CaseTasks.CountAsync(t => t.CaseId == opened.Id && t.CompletedAt == null)));
        var timeline = await supervisor.GetFromJsonAsync<Paged<TimelineEntry>>($"/api/v1/cases/{opened.Id}/timeline", Json);
        Assert.Equal(["closure.approve", "closure.request", "open"], timeline!.Items.Select(e => e.Action));
        Assert.Equal("ClosureReason.AssistanceCompleted", timeline.Items[0].Detail);
        var stored = await factory.WithDb(db => db.Database.SqlQueryRaw<string>("SELECT \"Details\" AS \"Value\" FROM \"CaseClosures\" WHERE \"Details\" IS NOT NULL").ToListAsync());
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, d => d.Contains("school", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approve_ReasonReferral_ClosedReferred()
    {
        var (worker, opened) = await OpenCaseAsync();
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "en");

        await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ReferredToAnotherOrganisation" });
        await supervisor.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure/approve", new { });

        Assert.Equal(CaseStatus.ClosedReferred, (await CaseRowAsync(opened.Id)).Status);
    }

    [Fact]
    public async Task Approve_SupervisorsOwnRequest_RefusedCaseStaysOpen()
    {
        var (_, opened) = await OpenCaseAsync();
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "en");

        var requested = await supervisor.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ContactLost" });
        var approved = await supervisor.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure/approve", new { });

        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, approved.StatusCode);
        Assert.Contains(factory.Text("Cases.Closure.NotOwnRequest"), await approved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Active, (await CaseRowAsync(opened.Id)).Status);
    }

    [Fact]
    public async Task Refuse_WithoutNote_LocalisedErrorThenWithNote_CaseActiveAgainAndCanBeRequestedAgain()
    {
        var (worker, opened) = await OpenCaseAsync();
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "sq");
        await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "PersonDeclinedFurtherAssistance" });

        var bare = await supervisor.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure/refuse", new { note = " " });
        var before = await CaseRowAsync(opened.Id);
        var refused = await supervisor.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure/refuse", new { note = "Talk to her once more first." });
        var again = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ContactLost" });

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains(factory.Text("Cases.Closure.RefusalNeedsNote", "sq"), await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(before.ClosureRequestedAt);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var history = await worker.GetFromJsonAsync<List<ClosureView>>($"/api/v1/cases/{opened.Id}/closures", Json);
        Assert.Equal([null, ClosureDecision.Refused], history!.Select(h => h.Decision));
        Assert.Equal("Talk to her once more first.", history![1].DecisionNote);
    }

    [Fact]
    public async Task Request_BadInput_LocalisedErrorsNothingChanged()
    {
        var (worker, opened) = await OpenCaseAsync();
        var mk = await factory.SignInAsync(Demo.CaseWorker, "mk");
        var before = await factory.WithDb(db => db.CaseClosures.CountAsync());

        var unknown = await mk.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "Bored" });
        var otherWithoutWords = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "Other" });
        var tooLong = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "Other", details = new string('x', 2001) });
        var twice = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ContactLost" });
        var second = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ContactLost" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains(factory.Text("Cases.Closure.UnknownReason", "mk"), await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherWithoutWords.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains(factory.Text("Cases.Closure.AlreadyRequested"), await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await factory.WithDb(db => db.CaseClosures.CountAsync()));
    }

    [Fact]
    public async Task ClosedCase_ChangeRefusedUntilReopenedWithReason()
    {
        var (worker, opened) = await OpenCaseAsync();
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "en");
        await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "AssistanceCompleted" });
        await supervisor.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure/approve", new { });

        var editClosed = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ContactLost" });
        var noReason = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/reopen", new { reason = "" });
        var stillClosed = await CaseRowAsync(opened.Id);
        var reopened = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/reopen", new { reason = "She came back to the shelter." });

        Assert.Equal(HttpStatusCode.BadRequest, editClosed.StatusCode);
        Assert.Contains(factory.Text("Cases.Closed"), await editClosed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(CaseStatus.Closed, stillClosed.Status);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var row = await CaseRowAsync(opened.Id);
        Assert.Equal(CaseStatus.Active, row.Status);
        Assert.Null(row.ClosedAt);
        var history = await worker.GetFromJsonAsync<List<ClosureView>>($"/api/v1/cases/{opened.Id}/closures", Json);
        Assert.Equal("She came back to the shelter.", Assert.Single(history!).ReopenReason);
    }

    public static TheoryData<string> Outsiders => new()
    {
        Demo.Email("supervisor", "xk"), Demo.SocialWorker, Demo.Email("caseworker", "xk"), Demo.OrgAdmin, Demo.Coordinator, Demo.Analyst, Demo.SystemAdmin,
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Closure_Outsider_NotFoundOrForbiddenAndCaseUnchanged(string outsider)
    {
        var (worker, opened) = await OpenCaseAsync();
        await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ContactLost" });
        var before = await CaseRowAsync(opened.Id);
        var client = await factory.SignInAsync(outsider);

        var statuses = new[]
        {
            (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure/approve", new { })).StatusCode,
            (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure/refuse", new { note = "no" })).StatusCode,
            (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ContactLost" })).StatusCode,
            (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/reopen", new { reason = "x" })).StatusCode,
            (await client.GetAsync($"/api/v1/cases/{opened.Id}/timeline")).StatusCode,
            (await client.GetAsync($"/api/v1/cases/{opened.Id}/closures")).StatusCode,
            (await client.GetAsync($"/cases/{opened.Id}/timeline")).StatusCode,
            (await client.GetAsync($"/cases/{opened.Id}/closure")).StatusCode,
        };

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, s.ToString()));
        Assert.Contains(HttpStatusCode.NotFound, statuses);
        var after = await CaseRowAsync(opened.Id);
        Assert.Equal((before.Status, before.ClosureRequestedAt, before.UpdatedAt), (after.Status, after.ClosureRequestedAt, after.UpdatedAt));
        Assert.Equal(1, await factory.WithDb(db => db.CaseClosures.CountAsync(c => c.CaseId == opened.Id)));
    }

    [Fact]
    public async Task Approve_CaseWorker_Forbidden()
    {
        var (worker, opened) = await OpenCaseAsync();
        await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ContactLost" });

        var approved = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure/approve", new { });

        Assert.Equal(HttpStatusCode.Forbidden, approved.StatusCode);
        Assert.NotNull((await CaseRowAsync(opened.Id)).ClosureRequestedAt);
    }

    [Fact]
    public async Task PendingList_OtherOrganisationsSupervisor_DoesNotSeeRequest()
    {
        var (worker, opened) = await OpenCaseAsync();
        await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/closure", new { reason = "ContactLost" });
        var other = await factory.SignInAsync(Demo.Email("supervisor", "xk"));

        var pending = await other.GetFromJsonAsync<List<ClosureView>>("/api/v1/cases/closures", Json);
        var page = await (await other.GetAsync("/cases/closures")).HtmlAsync();

        Assert.DoesNotContain(pending!, p => p.CaseId == opened.Id);
        Assert.DoesNotContain(opened.Reference, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_RequestApproveReopen_ThroughTheFormsInSerbian()
    {
        var (_, opened) = await OpenCaseAsync();
        var worker = await factory.SignInAsync(Demo.CaseWorker, "sr-Latn");
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "sr-Latn");
        var url = $"/cases/{opened.Id}/closure";

        var missing = await UraFactory.PostFormAsync(worker, url + "?handler=Request", new() { ["Input.Reason"] = "" }, formPage: url);
        var requested = await UraFactory.PostFormAsync(worker, url + "?handler=Request", new() { ["Input.Reason"] = "AssistanceCompleted", ["Input.Details"] = "" }, formPage: url);
        var list = await (await supervisor.GetAsync("/cases/closures")).HtmlAsync();
        var approved = await UraFactory.PostFormAsync(supervisor, url + "?handler=Approve", new() { ["Input.Note"] = "" }, formPage: url);
        var closedPage = await (await worker.GetAsync(url)).HtmlAsync();
        var reopened = await UraFactory.PostFormAsync(worker, url + "?handler=Reopen", new() { ["Input.ReopenReason"] = "Nova opasnost." }, formPage: url);

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains(factory.Text("Cases.Closure.UnknownReason", "sr-Latn"), await missing.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        Assert.Contains(opened.Reference, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains(factory.Text("Cases.Closure.Reopen", "sr-Latn"), closedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var timeline = await (await worker.GetAsync($"/cases/{opened.Id}/timeline")).HtmlAsync();
        Assert.True(timeline.IndexOf(factory.Text("Timeline.reopen", "sr-Latn"), StringComparison.Ordinal)
            < timeline.IndexOf(factory.Text("Timeline.open", "sr-Latn"), StringComparison.Ordinal));
        Assert.Equal(CaseStatus.Active, (await CaseRowAsync(opened.Id)).Status);
    }

    [Fact]
    public async Task Timeline_Read_Audited()
    {
        var (worker, opened) = await OpenCaseAsync();
        var before = await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "read" && e.EntityId == opened.Id.ToString()));

        await worker.GetAsync($"/cases/{opened.Id}/timeline");

        Assert.Equal(before + 1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "read" && e.EntityId == opened.Id.ToString())));
    }

    /// <summary>Every action a feature records on a case has its words on the timeline, in every language.</summary>
    [Fact]
    public void Source_EveryRecordedAction_HasTimelineText()
    {
        var english = LocalizationKeys();
        var actions = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src", "Ura"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => RecordCall().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.Contains("closure.approve", actions);
        Assert.DoesNotContain(actions, a => !english.Contains("Timeline." + a));
    }

    private static HashSet<string> LocalizationKeys() =>
        System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot.Path, "src", "Ura", "Resources", "Text.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

    [GeneratedRegex("""\.Record\(\s*[@\w.]+\s*,\s*"([a-z.\-]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex RecordCall();
}
