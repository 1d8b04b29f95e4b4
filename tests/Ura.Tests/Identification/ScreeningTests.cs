using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Identification;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;
using static Ura.Tests.Identification.IdentificationTestSupport;

namespace Ura.Tests.Identification;

/// <summary>Screening interviews with the built-in ILO instrument (unverified: answers recorded, no suggestion).</summary>
public sealed class ScreeningTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Start_CaseWorkerBeforeCase_UsesIloInstrumentAndGivesNoSuggestion()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker);

        var screening = await StartAsync(client);

        Assert.Equal((DefaultInstruments.IloKey, "adult_labour", "None", (Guid?)null), (screening.InstrumentKey, screening.List, screening.Suggestion, screening.CaseId));
        Assert.Contains("InstrumentUnverified", screening.NoSuggestionReasons);
        Assert.Equal(6, screening.Dimensions.Count);
        var row = await factory.ScreeningRowAsync(screening.Id);
        var ilo = await factory.WithDb(db => db.ScreeningInstruments.SingleAsync(i => i.Key == DefaultInstruments.IloKey));
        Assert.Equal((ilo.Id, (Guid?)null), (row.InstrumentId, row.CaseId));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "screening.start" && e.EntityId == screening.Id.ToString())));
    }

    [Fact]
    public async Task Answer_YesWithNote_StoredWithEncryptedNoteAndPositiveDimension()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker);
        var screening = await StartAsync(client);
        var ecw = IloIndicators("exploitative_conditions_of_work");

        var response = await AnswerAsync(client, screening.Id,
            new { indicator = ecw[0], answer = "Yes", note = "Works 16 hours a day" },
            new { indicator = ecw[1], answer = "Yes", note = (string?)null },
            new { indicator = ecw[2], answer = "Unknown", note = (string?)null });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<ScreeningView>())!;
        Assert.Contains(view.Dimensions, d => d.Dimension == "exploitative_conditions_of_work" && d.Positive);
        Assert.Equal("None", view.Suggestion);
        var row = await factory.ScreeningRowAsync(screening.Id);
        Assert.Equal("exploitative_conditions_of_work", row.PositiveDimensions);
        Assert.Equal(3, row.Answers.Count);
        var raw = await factory.WithDb(db => db.Database
            .SqlQuery<string>($"SELECT \"Note\" AS \"Value\" FROM \"ScreeningAnswers\" WHERE \"ScreeningId\" = {screening.Id} AND \"Note\" IS NOT NULL").ToListAsync());
        Assert.DoesNotContain(raw, n => n.Contains("16 hours", StringComparison.Ordinal));
        Assert.Equal("Works 16 hours a day", row.Answers.Single(a => a.IndicatorId == ecw[0]).Note);
    }

    [Fact]
    public async Task Answer_ChangedAnswer_ReplacesTheEarlierOne()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker);
        var screening = await StartAsync(client);
        var ecw = IloIndicators("exploitative_conditions_of_work");
        await AnswerAsync(client, screening.Id, new { indicator = ecw[0], answer = "Yes" });

        await AnswerAsync(client, screening.Id, new { indicator = ecw[0], answer = "No" });

        var row = await factory.ScreeningRowAsync(screening.Id);
        Assert.Equal(Answer.No, row.Answers.Single().Answer);
    }

    [Fact]
    public async Task Get_ScreenerAndSupervisor_SeeItAndReadIsAudited()
    {
        var screening = await StartAsync(await factory.ClientAsync(Demo.CaseWorker));

        foreach (var email in new[] { Demo.CaseWorker, Demo.Supervisor })
            Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientAsync(email)).GetAsync($"/api/v1/screenings/{screening.Id}")).StatusCode);

        Assert.True(await factory.ReadAuditedAsync(nameof(Screening), screening.Id));
        var supervisorPage = await (await factory.ClientAsync(Demo.Supervisor)).GetAsync($"/identification/screenings/{screening.Id}");
        Assert.Equal(HttpStatusCode.OK, supervisorPage.StatusCode);
        Assert.DoesNotContain(factory.Text("Screening.Interview.Save"), await supervisorPage.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScreeningWithoutCase_Outsiders_404OnEveryPageAndEndpointAndNothingChanges()
    {
        var screening = await StartAsync(await factory.ClientAsync(Demo.CaseWorker));
        var ecw = IloIndicators("exploitative_conditions_of_work");
        var outsiders = Outsiders.Append(Demo.Email("sheltermanager")).ToArray();
        var before = await factory.StateAsync();

        foreach (var email in outsiders)
        {
            var client = await factory.ClientAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/screenings/{screening.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/identification/screenings/{screening.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/identification/screenings/{screening.Id}/result")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await AnswerAsync(client, screening.Id, new { indicator = ecw[0], answer = "Yes" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/screenings/{screening.Id}/conclusion", new { conclusion = "Unsure", reason = "x" })).StatusCode);
            var list = await client.GetFromJsonAsync<List<ScreeningSummary>>("/api/v1/screenings");
            Assert.DoesNotContain(list!, s => s.Id == screening.Id);
        }

        Assert.Equal(before, await factory.StateAsync());
        Assert.Empty((await factory.ScreeningRowAsync(screening.Id)).Answers);
    }

    [Fact]
    public async Task Start_RolesWithoutCaseWork_403AndNothingStored()
    {
        var before = await factory.StateAsync();

        foreach (var email in new[] { Demo.Supervisor, Demo.OrgAdmin, Demo.Coordinator, Demo.Analyst, Demo.SystemAdmin, Demo.Police })
        {
            var response = await (await factory.ClientAsync(email)).PostAsJsonAsync("/api/v1/screenings", new { list = "adult_labour" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Start_UnknownList_LocalisedErrorNothingStored()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker, "mk");
        var before = await factory.StateAsync();

        var response = await client.PostAsJsonAsync("/api/v1/screenings", new { list = "adult_fishing" });

        Assert.Contains(factory.Text("Screening.Interview.UnknownList", "mk"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Theory]
    [InlineData("no-such-indicator", "Yes", "Screening.Interview.UnknownIndicator")]
    [InlineData(null, "Maybe", "Screening.Interview.UnknownAnswer")]
    [InlineData(null, "1", "Screening.Interview.UnknownAnswer")]
    public async Task Answer_BadInput_LocalisedErrorNothingChanges(string? indicator, string answer, string messageKey)
    {
        var client = await factory.ClientAsync(Demo.CaseWorker, "sr-Latn");
        var screening = await StartAsync(client);
        var before = await factory.StateAsync();

        var response = await AnswerAsync(client, screening.Id, new { indicator = indicator ?? IloIndicators("coercion_at_destination")[0], answer });

        Assert.Contains(factory.Text(messageKey, "sr-Latn"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Answer_NoteTooLong_LocalisedErrorNothingChanges()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker, "sq");
        var screening = await StartAsync(client);
        var before = await factory.StateAsync();

        var response = await AnswerAsync(client, screening.Id, new { indicator = IloIndicators("coercion_at_destination")[0], answer = "Yes", note = new string('x', 2001) });

        Assert.Contains(factory.Text("Screening.Interview.NoteTooLong", "sq"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Conclude_WithReason_StoredEncryptedAndAnswersThenFinal()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker, "sq");
        var screening = await StartAsync(client);

        var concluded = await client.PostAsJsonAsync($"/api/v1/screenings/{screening.Id}/conclusion", new { conclusion = "PresumedVictim", reason = "Passport taken by the employer" });
        Assert.Equal(HttpStatusCode.OK, concluded.StatusCode);
        var before = await factory.StateAsync();
        var again = await AnswerAsync(client, screening.Id, new { indicator = IloIndicators("coercion_at_destination")[0], answer = "Yes" });

        Assert.Contains(factory.Text("Screening.Interview.AlreadyConcluded", "sq"), await ProblemTextAsync(again), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
        var row = await factory.ScreeningRowAsync(screening.Id);
        Assert.Equal((ScreeningConclusion.PresumedVictim, "Passport taken by the employer"), (row.Conclusion, row.ConclusionReason));
        var raw = await factory.WithDb(db => db.Database.SqlQuery<string>($"SELECT \"ConclusionReason\" AS \"Value\" FROM \"Screenings\" WHERE \"Id\" = {screening.Id}").SingleAsync());
        Assert.DoesNotContain("Passport", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Certain", "because", "Screening.Conclusion.Unknown")]
    [InlineData("Unsure", "   ", "Screening.Conclusion.ReasonRequired")]
    public async Task Conclude_BadInput_LocalisedErrorNothingChanges(string conclusion, string reason, string messageKey)
    {
        var client = await factory.ClientAsync(Demo.CaseWorker, "mk");
        var screening = await StartAsync(client);
        var before = await factory.StateAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/screenings/{screening.Id}/conclusion", new { conclusion, reason });

        Assert.Contains(factory.Text(messageKey, "mk"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task OpenCase_FromOwnScreeningApi_LinksScreeningAndRecordsOnTimeline()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker);
        var screening = await StartAsync(client);

        var response = await client.PostAsJsonAsync($"/api/v1/cases?screening={screening.Id}", Adult("Lule", "Hoxha", "1994-07-01"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var opened = (await response.Content.ReadFromJsonAsync<Features.Cases.CaseView>())!;
        Assert.Equal(opened.Id, (await factory.ScreeningRowAsync(screening.Id)).CaseId);
        Assert.True(await factory.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "screening.link")));
        var forCase = await client.GetFromJsonAsync<List<ScreeningSummary>>($"/api/v1/cases/{opened.Id}/screenings");
        Assert.Equal(screening.Id, Assert.Single(forCase!).Id);
    }

    [Fact]
    public async Task OpenCase_FromSomeoneElsesScreening_RefusedNothingCreated()
    {
        var screening = await StartAsync(await factory.ClientAsync(Demo.CaseWorker));
        var other = await factory.ClientAsync(Demo.SocialWorker, "sq");
        var before = await factory.StateAsync();

        var response = await other.PostAsJsonAsync($"/api/v1/cases?screening={screening.Id}", Adult("Besa", "Krasniqi", "1990-02-02"));

        Assert.Contains(factory.Text("Screening.Link.NotYours", "sq"), await ProblemTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Start_ForCaseOfTheTeam_LinkedAndOnTimeline_OutsidersGet404AndNothingStored()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker);
        var opened = await OpenAsync(client, Adult("Mira", "Leka", "1992-03-03"));

        var screening = await StartAsync(client, "child_labour", opened.Id);

        Assert.Equal(opened.Id, screening.CaseId);
        Assert.True(await factory.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "screening.start")));
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientAsync(Demo.Supervisor)).GetAsync($"/api/v1/cases/{opened.Id}/screenings")).StatusCode);
        var before = await factory.StateAsync();
        foreach (var email in Outsiders)
        {
            var outsider = await factory.ClientAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/cases/{opened.Id}/screenings")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/screenings/{screening.Id}")).StatusCode);
            var started = await outsider.PostAsJsonAsync("/api/v1/screenings", new { list = "adult_labour", caseId = opened.Id });
            Assert.Contains(started.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/identification/screenings/{screening.Id}/result")).StatusCode);
        }
        Assert.Equal(before, await factory.StateAsync());
        Assert.True(await factory.ReadAuditedAsync("Case", opened.Id));
    }

    [Fact]
    public async Task Pages_ScreenThenOpenCase_WholeFlowWorksWithoutScript()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker, "sq");
        var list = await client.GetAsync("/identification/screenings");
        Assert.Contains(factory.Text("Screening.Start.Title", "sq"), await list.HtmlAsync(), StringComparison.Ordinal);

        var started = await UraFactory.PostFormAsync(client, "/identification/screenings", new() { ["Age"] = "adult", ["Exploitation"] = "labour" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var interview = started.Headers.Location!.OriginalString;
        var id = Guid.Parse(interview["/identification/screenings/".Length..]);
        var form = await client.GetAsync(interview);
        var html = await form.HtmlAsync();
        Assert.Contains("Excessive working days or hours", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Screening.Dimension.coercion_at_destination", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Screening.Interview.NoSuggestionWillBeGiven", "sq"), html, StringComparison.Ordinal);

        var ecw = IloIndicators("exploitative_conditions_of_work");
        var answered = await UraFactory.PostFormAsync(client, interview, new() { ["answer." + ecw[0]] = "Yes", ["note." + ecw[0]] = "shënim", ["answer." + ecw[1]] = "No" });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var result = await (await client.GetAsync($"/identification/screenings/{id}/result")).HtmlAsync();
        Assert.Contains(factory.Text("Suggestion.None", "sq"), result, StringComparison.Ordinal);
        Assert.Contains(factory.Text("NoSuggestionReason.InstrumentUnverified", "sq"), result, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Screening.Result.NotALegalFinding", "sq"), result, StringComparison.Ordinal);

        var concluded = await UraFactory.PostFormAsync(client, $"/identification/screenings/{id}/result", new() { ["Conclusion"] = "Unsure", ["Reason"] = "Duhet bisedë tjetër" });
        Assert.Equal(HttpStatusCode.Redirect, concluded.StatusCode);
        var after = await (await client.GetAsync($"/identification/screenings/{id}/result")).HtmlAsync();
        Assert.Contains("Duhet bisedë tjetër", after, StringComparison.Ordinal);
        Assert.Contains($"/cases/new?screening={id}", after, StringComparison.Ordinal);

        var caseForm = new Dictionary<string, string>
        {
            ["screening"] = id.ToString(), ["Input.GivenNames"] = "Arbana", ["Input.FamilyName"] = "Gashi", ["Input.BirthDate"] = "1991-05-05",
            ["Input.Gender"] = "Feminine", ["Input.Citizenships"] = "AL", ["Input.Languages"] = "sq", ["Input.ConfirmedDifferentPerson"] = "true",
        };
        var opened = await UraFactory.PostFormAsync(client, "/cases/new", caseForm, $"/cases/new?screening={id}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var caseId = Guid.Parse(opened.Headers.Location!.OriginalString["/cases/".Length..]);
        var row = await factory.ScreeningRowAsync(id);
        Assert.Equal((caseId, ScreeningConclusion.Unsure), (row.CaseId, row.Conclusion));
        Assert.Equal("shënim", row.Answers.Single(a => a.IndicatorId == ecw[0]).Note);
    }

    [Fact]
    public async Task StartPage_NoChoice_LocalisedErrorsNothingStored()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker, "mk");
        var before = await factory.StateAsync();

        var response = await UraFactory.PostFormAsync(client, "/identification/screenings", new() { ["Age"] = "elder" });

        var html = await response.HtmlAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Screening.Start.AgeRequired", "mk"), html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Screening.Start.ExploitationRequired", "mk"), html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task ListPage_RolesWithoutScreening_403()
    {
        foreach (var email in new[] { Demo.OrgAdmin, Demo.Coordinator, Demo.Analyst, Demo.SystemAdmin, Demo.Police })
        {
            var client = await factory.ClientAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/identification/screenings")));
        }
    }
}
