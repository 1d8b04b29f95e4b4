using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Features.Identification;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;
using static Ura.Tests.Identification.IdentificationTestSupport;

namespace Ura.Tests.Identification;

/// <summary>Submitting a case to the identification authority, the officer's decision, the reflection period and cooperation.</summary>
public sealed class FormalIdentificationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    private Task<Guid> AuthorityAsync(string country = "AL") =>
        factory.WithDb(db => db.Organisations.Where(o => o.IsIdentificationAuthority && o.CountryCode == country).Select(o => o.Id).FirstAsync());

    /// <summary>A new case of the Albanian shelter, screened, and submitted to the Albanian police.</summary>
    private async Task<(CaseView Case, Guid Submission)> SubmittedAsync(string given = "Drita")
    {
        var worker = await factory.ClientAsync(Demo.CaseWorker);
        var opened = await OpenAsync(worker, Adult(given, "Kola", "1995-01-01"));
        var screening = await StartAsync(worker, "adult_labour", opened.Id);
        await worker.PostAsJsonAsync($"/api/v1/screenings/{screening.Id}/conclusion", new { conclusion = "PresumedVictim", reason = "private reason" });
        var response = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/identification/submissions",
            new { authorityId = await AuthorityAsync(), statement = "She was recruited with a false job offer." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (opened, (await response.Content.ReadFromJsonAsync<SubmissionView>())!.Id);
    }

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid submission, string decision = "ActualVictimOfTrafficking", string? on = null, string? basis = "Interview on the day") =>
        client.PostAsJsonAsync($"/api/v1/identification/submissions/{submission}/decision", new { decision, decidedOn = on ?? Today, basis });

    [Fact]
    public async Task Submit_CaseTeam_AuthorityOfficerSeesOnlyTheFieldsToDecide()
    {
        var (opened, submission) = await SubmittedAsync("Vjosa");
        var police = await factory.ClientAsync(Demo.Police);

        var inbox = await police.GetFromJsonAsync<List<InboxItem>>("/api/v1/identification/submissions");
        var response = await police.GetAsync($"/api/v1/identification/submissions/{submission}");
        var json = await response.Content.ReadAsStringAsync();

        Assert.Contains(inbox!, i => i.Id == submission && i.CaseReference == opened.Reference);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<DecisionView>())!;
        Assert.Equal((opened.Reference, "Feminine", false), (view.CaseReference, view.Gender, view.IsChild));
        Assert.Equal(["AL", "XK"], view.Citizenships);
        Assert.Equal("PresumedVictim", Assert.Single(view.Screenings).Conclusion);
        Assert.Equal("She was recruited with a false job offer.", view.Statement);
        foreach (var personal in new[] { "Vjosa", "Kola", "1995", "BA1234567", "drita@example.org", "private reason" })
            Assert.DoesNotContain(personal, json, StringComparison.Ordinal);
        Assert.True(await factory.ReadAuditedAsync(nameof(IdentificationSubmission), submission));
        var page = await (await factory.ClientAsync(Demo.Police, "mk")).GetAsync($"/identification/submissions/{submission}");
        Assert.DoesNotContain("Vjosa", await page.HtmlAsync(), StringComparison.Ordinal);
        Assert.Contains(factory.Text("Identification.Decision.Intro", "mk"), await page.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_ActualVictim_StatusFollowsReflectionPeriodStoredAndRemindersForTheTeam()
    {
        var (opened, submission) = await SubmittedAsync();
        var police = await factory.ClientAsync(Demo.Police);

        var response = await DecideAsync(police, submission);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var days = await factory.WithDb(db => db.Countries.Where(c => c.Code == "AL").Select(c => c.ReflectionPeriodDays).SingleAsync());
        var end = today.AddDays(days);
        var (status, record, tasks, events) = await factory.WithDb(async db => (
            await db.Cases.Where(c => c.Id == opened.Id).Select(c => c.TraffickingStatus).SingleAsync(),
            await db.CaseIdentifications.SingleAsync(i => i.CaseId == opened.Id),
            await db.CaseTasks.Where(t => t.CaseId == opened.Id).OrderBy(t => t.DueOn).ToListAsync(),
            await db.CaseEvents.Where(e => e.CaseId == opened.Id).Select(e => e.Action).ToListAsync()));
        Assert.Equal(TraffickingStatus.ActualVictimOfTrafficking, status);
        Assert.Equal((today, end), (record.ReflectionStartsOn!.Value, record.ReflectionEndsOn!.Value));
        var worker = await factory.UserAsync(Demo.CaseWorker);
        Assert.Equal([end.AddDays(-ReflectionPeriod.ReminderLeadDays), end], tasks.Select(t => t.DueOn));
        Assert.All(tasks, t => Assert.Equal((CaseTaskKind.ReflectionPeriodEnd, worker.Id), (t.Kind, t.AssigneeId)));
        Assert.Contains("identification.decide", events);
        Assert.Contains("identification.reflection", events);
        // The officer decided on the submission without joining the case team.
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/api/v1/cases/{opened.Id}")).StatusCode);
        var section = await (await factory.ClientAsync(Demo.CaseWorker)).GetFromJsonAsync<CaseIdentificationView>($"/api/v1/cases/{opened.Id}/identification");
        Assert.Equal((today, end), (section!.Record.ReflectionStartsOn!.Value, section.Record.ReflectionEndsOn!.Value));
    }

    [Fact]
    public async Task Decide_NotAVictim_StatusFollowsNoReflectionPeriod()
    {
        var (opened, submission) = await SubmittedAsync();

        var response = await DecideAsync(await factory.ClientAsync(Demo.Police), submission, "NotAVictimOfTrafficking");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TraffickingStatus.NotAVictimOfTrafficking, await factory.WithDb(db => db.Cases.Where(c => c.Id == opened.Id).Select(c => c.TraffickingStatus).SingleAsync()));
        Assert.False(await factory.WithDb(db => db.CaseTasks.AnyAsync(t => t.CaseId == opened.Id)));
    }

    [Fact]
    public async Task Decide_AnyoneButTheAddressedAuthoritysOfficer_404AndNothingChanges()
    {
        var (_, submission) = await SubmittedAsync();
        var before = await factory.StateAsync();

        foreach (var email in new[] { Demo.CaseWorker, Demo.Supervisor, Demo.SocialWorker, Demo.Email("police", "xk"), Demo.OrgAdmin, Demo.Coordinator, Demo.Analyst, Demo.SystemAdmin })
        {
            var client = await factory.ClientAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(client, submission)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/identification/submissions/{submission}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/identification/submissions/{submission}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await UraFactory.PostFormAsync(client, $"/identification/submissions/{submission}",
                new() { ["Decision"] = "ActualVictimOfTrafficking", ["DecidedOn"] = Today, ["Basis"] = "x" }, "/account")).StatusCode);
        }

        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Decide_Twice_ClearLocalisedErrorFirstDecisionKept()
    {
        var (opened, submission) = await SubmittedAsync();
        var police = await factory.ClientAsync(Demo.Police, "sq");
        await DecideAsync(police, submission, "NotAVictimOfTrafficking");
        var before = await factory.StateAsync();

        var second = await DecideAsync(police, submission, "ActualVictimOfTrafficking");

        Assert.Contains(factory.Text("Identification.Decision.AlreadyDecided", "sq"), await ProblemTextAsync(second), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
        Assert.Equal(TraffickingStatus.NotAVictimOfTrafficking, await factory.WithDb(db => db.Cases.Where(c => c.Id == opened.Id).Select(c => c.TraffickingStatus).SingleAsync()));
    }

    [Fact]
    public async Task Decide_TwoAtTheSameMoment_OnlyOneRecorded()
    {
        var (opened, submission) = await SubmittedAsync();
        var police = await factory.ClientAsync(Demo.Police);

        var responses = await Task.WhenAll(DecideAsync(police, submission), DecideAsync(police, submission, "NotAVictimOfTrafficking"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], responses.Select(r => r.StatusCode).Order());
        var events = await factory.WithDb(db => db.CaseEvents.CountAsync(e => e.CaseId == opened.Id && e.Action == "identification.decide"));
        Assert.Equal(1, events);
    }

    public static TheoryData<string, string?, string?, string> BadDecisions => new()
    {
        { "ActualVictimOfTrafficking", "+1", "basis", "Identification.Date.Future" },
        { "ActualVictimOfTrafficking", "-1", "basis", "Identification.Date.BeforeCase" },
        { "PossibleVictimOfTrafficking", null, "basis", "Identification.Decision.Unknown" },
        { "Yes", null, "basis", "Identification.Decision.Unknown" },
        { "ActualVictimOfTrafficking", null, " ", "Identification.Decision.BasisRequired" },
    };

    [Theory]
    [MemberData(nameof(BadDecisions))]
    public async Task Decide_BadInput_LocalisedErrorNothingChanges(string decision, string? dayOffset, string? basis, string messageKey)
    {
        var (_, submission) = await SubmittedAsync();
        var police = await factory.ClientAsync(Demo.Police, "mk");
        var on = dayOffset is null ? Today : DateTime.UtcNow.AddDays(int.Parse(dayOffset, System.Globalization.CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd");
        var before = await factory.StateAsync();

        var response = await DecideAsync(police, submission, decision, on, basis);

        Assert.Contains(factory.Text(messageKey, "mk"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Submit_BadInput_LocalisedErrorNothingChanges()
    {
        var worker = await factory.ClientAsync(Demo.CaseWorker, "sr-Latn");
        var opened = await OpenAsync(worker, Adult("Ana", "Marku", "1993-01-01"));
        var socialServices = await factory.WithDb(db => db.Users.Where(u => u.NormalizedEmail == Demo.SocialWorker.ToUpperInvariant()).Select(u => u.OrganisationId).SingleAsync());
        var before = await factory.StateAsync();
        var url = $"/api/v1/cases/{opened.Id}/identification/submissions";

        var otherCountry = await worker.PostAsJsonAsync(url, new { authorityId = await AuthorityAsync("XK"), statement = "s" });
        var notAuthority = await worker.PostAsJsonAsync(url, new { authorityId = socialServices, statement = "s" });
        var noStatement = await worker.PostAsJsonAsync(url, new { authorityId = await AuthorityAsync(), statement = "" });

        Assert.Contains(factory.Text("Identification.Submit.UnknownAuthority", "sr-Latn"), await ProblemTextAsync(otherCountry), StringComparison.Ordinal);
        Assert.Contains(factory.Text("Identification.Submit.UnknownAuthority", "sr-Latn"), await ProblemTextAsync(notAuthority), StringComparison.Ordinal);
        Assert.Contains(factory.Text("Identification.Submit.StatementRequired", "sr-Latn"), await ProblemTextAsync(noStatement), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Submit_WhileAnotherWaits_LocalisedErrorNothingChanges()
    {
        var (opened, _) = await SubmittedAsync();
        var worker = await factory.ClientAsync(Demo.CaseWorker, "sq");
        var before = await factory.StateAsync();

        var response = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/identification/submissions", new { authorityId = await AuthorityAsync(), statement = "again" });

        Assert.Contains(factory.Text("Identification.Submit.AlreadyPending", "sq"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task CaseIdentification_Outsiders_404OnPageAndEndpointsAndNothingChanges()
    {
        var worker = await factory.ClientAsync(Demo.CaseWorker);
        var opened = await OpenAsync(worker, Adult("Elira", "Shehu", "1989-09-09"));
        var authority = await AuthorityAsync();
        var before = await factory.StateAsync();

        foreach (var email in Outsiders)
        {
            var client = await factory.ClientAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{opened.Id}/identification")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/cases/{opened.Id}/identification")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/identification/submissions", new { authorityId = authority, statement = "s" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/identification/cooperation", new { cooperation = "Cooperates", on = Today })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await UraFactory.PostFormAsync(client, $"/cases/{opened.Id}/identification?handler=Submit",
                new() { ["AuthorityId"] = authority.ToString(), ["Statement"] = "s" }, "/account")).StatusCode);
        }

        Assert.Equal(before, await factory.StateAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientAsync(Demo.Supervisor)).GetAsync($"/cases/{opened.Id}/identification")).StatusCode);
        Assert.True(await factory.ReadAuditedAsync("Case", opened.Id));
    }

    [Fact]
    public async Task Inbox_NotAnIdentificationOfficer_403()
    {
        foreach (var email in new[] { Demo.CaseWorker, Demo.Supervisor, Demo.OrgAdmin, Demo.Coordinator, Demo.SystemAdmin })
        {
            var client = await factory.ClientAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/identification/submissions")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/identification/submissions")));
        }
    }

    [Fact]
    public async Task Inbox_OfficerOfAnotherAuthority_DoesNotListTheSubmission()
    {
        var (_, submission) = await SubmittedAsync();

        var inbox = await (await factory.ClientAsync(Demo.Email("police", "xk"))).GetFromJsonAsync<List<InboxItem>>("/api/v1/identification/submissions");

        Assert.DoesNotContain(inbox!, i => i.Id == submission);
    }

    [Fact]
    public async Task Cooperation_DoesNotCooperate_EveryOtherActionStillPossible()
    {
        var worker = await factory.ClientAsync(Demo.CaseWorker);
        var opened = await OpenAsync(worker, Adult("Teuta", "Berisha", "1996-06-06"));

        var recorded = await worker.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/identification/cooperation", new { cooperation = "DoesNotCooperate", on = Today });

        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal(Cooperation.DoesNotCooperate, await factory.WithDb(db => db.CaseIdentifications.Where(i => i.CaseId == opened.Id).Select(i => i.Cooperation).SingleAsync()));
        var screening = await StartAsync(worker, "adult_labour", opened.Id);
        Assert.Equal(HttpStatusCode.OK, (await AnswerAsync(worker, screening.Id, new { indicator = IloIndicators("coercion_at_destination")[0], answer = "Yes" })).StatusCode);
        var workerId = (await factory.UserAsync(Demo.CaseWorker)).Id;
        var task = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/tasks",
            new { title = "Accompany to the clinic", kind = "FollowUp", dueOn = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"), assigneeId = workerId });
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        var submitted = await worker.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/identification/submissions", new { authorityId = await AuthorityAsync(), statement = "s" });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var submission = (await submitted.Content.ReadFromJsonAsync<SubmissionView>())!.Id;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(await factory.ClientAsync(Demo.Police), submission)).StatusCode);
        Assert.True(await factory.WithDb(db => db.CaseTasks.AnyAsync(t => t.CaseId == opened.Id && t.Kind == CaseTaskKind.ReflectionPeriodEnd)));
        Assert.Equal(HttpStatusCode.OK, (await worker.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/identification/cooperation", new { cooperation = "Cooperates", on = Today })).StatusCode);
    }

    [Theory]
    [InlineData("Maybe", "0", "Identification.Cooperation.Unknown")]
    [InlineData("Cooperates", "+1", "Identification.Date.Future")]
    [InlineData("Cooperates", null, "Identification.Date.Required")]
    public async Task Cooperation_BadInput_LocalisedErrorNothingChanges(string cooperation, string? dayOffset, string messageKey)
    {
        var worker = await factory.ClientAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(worker, Adult("Rina", "Dushi", "1997-07-07"));
        var on = dayOffset is null ? null : DateTime.UtcNow.AddDays(int.Parse(dayOffset, System.Globalization.CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd");
        var before = await factory.StateAsync();

        var response = await worker.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/identification/cooperation", new { cooperation, on });

        Assert.Contains(factory.Text(messageKey, "sq"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Pages_SubmitThenDecide_WholeFlowWorksWithoutScript()
    {
        var worker = await factory.ClientAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(worker, Adult("Blerta", "Hasani", "1990-10-10"));
        var section = await worker.GetAsync($"/cases/{opened.Id}/identification");
        Assert.Contains(factory.Text("Identification.Submit.Title", "sq"), await section.HtmlAsync(), StringComparison.Ordinal);

        var submitted = await UraFactory.PostFormAsync(worker, $"/cases/{opened.Id}/identification?handler=Submit",
            new() { ["AuthorityId"] = (await AuthorityAsync()).ToString(), ["Statement"] = "Deklaratë e punonjëses" }, $"/cases/{opened.Id}/identification");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var submission = await factory.WithDb(db => db.IdentificationSubmissions.Where(s => s.CaseId == opened.Id).Select(s => s.Id).SingleAsync());

        var police = await factory.ClientAsync(Demo.Police, "sq");
        Assert.Contains(opened.Reference, await (await police.GetAsync("/identification/submissions")).HtmlAsync(), StringComparison.Ordinal);
        var decided = await UraFactory.PostFormAsync(police, $"/identification/submissions/{submission}",
            new() { ["Decision"] = "ActualVictimOfTrafficking", ["DecidedOn"] = Today, ["Basis"] = "Intervistë" });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        var after = await (await worker.GetAsync($"/cases/{opened.Id}/identification")).HtmlAsync();
        Assert.Contains(factory.Text("TraffickingStatus.ActualVictimOfTrafficking", "sq"), after, StringComparison.Ordinal);
        Assert.Contains("Intervistë", after, StringComparison.Ordinal);
        var cooperation = await UraFactory.PostFormAsync(worker, $"/cases/{opened.Id}/identification?handler=Cooperation",
            new() { ["Cooperation"] = "NotDecidedYet", ["CooperationOn"] = Today }, $"/cases/{opened.Id}/identification");
        Assert.Equal(HttpStatusCode.Redirect, cooperation.StatusCode);
    }

    [Fact]
    public async Task DecisionPage_FutureDate_LocalisedErrorNothingChanges()
    {
        var (_, submission) = await SubmittedAsync();
        var police = await factory.ClientAsync(Demo.Police, "sr-Latn");
        var before = await factory.StateAsync();

        var response = await UraFactory.PostFormAsync(police, $"/identification/submissions/{submission}",
            new() { ["Decision"] = "ActualVictimOfTrafficking", ["DecidedOn"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), ["Basis"] = "b" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Identification.Date.Future", "sr-Latn"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }
}
