using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Cases;
using Ura.Features.Identification;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Cases.CaseTestSupport;
using static Ura.Tests.Identification.IdentificationTestSupport;

namespace Ura.Tests.Identification;

/// <summary>
/// With a complete, verified instrument imported, new screenings use it and the rule gives a
/// suggestion with its reasons; screenings started before keep the instrument they used.
/// </summary>
public sealed class VerifiedScreeningTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private async Task<ScreeningView> StartWithVerifiedAsync(HttpClient client, string list, string version)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Ura.Platform.Data.UraDbContext>();
            if (!await db.ScreeningInstruments.AnyAsync(i => i.Key == "test-instrument" && i.Version == version))
            {
                var json = TestInstruments.Verified(version: version).ToJsonString();
                db.ScreeningInstruments.Add(ScreeningInstrument.From(InstrumentDocument.Parse(json).Document!, json, null));
                await db.SaveChangesAsync();
            }
        }
        return await StartAsync(client, list);
    }

    private static object Yes(string id) => new { indicator = id, answer = "Yes" };

    [Fact]
    public async Task Evaluate_AdultWithMeansConditionsAndCoercion_SuggestsPresumedVictimWithReasons()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker);
        var screening = await StartWithVerifiedAsync(client, "adult_labour", "1");

        var response = await AnswerAsync(client, screening.Id, Yes("dr-s1"), Yes("dr-s2"), Yes("ecw-s1"), Yes("ecw-m1"), Yes("cad-m1"), Yes("cad-m2"), Yes("cad-m3"));

        var view = (await response.Content.ReadFromJsonAsync<ScreeningView>())!;
        Assert.Equal(("test-instrument", "PresumedVictim"), (view.InstrumentKey, view.Suggestion));
        Assert.Empty(view.NoSuggestionReasons);
        Assert.Equal(["deceptive_recruitment", "exploitative_conditions_of_work", "coercion_at_destination"], view.Dimensions.Where(d => d.Positive).Select(d => d.Dimension));
        Assert.Equal(["ecw-m1", "ecw-s1"], view.Dimensions.Single(d => d.Dimension == "exploitative_conditions_of_work").CountedIndicators.Order());
        Assert.Equal(Suggestion.PresumedVictim, (await factory.ScreeningRowAsync(screening.Id)).Suggestion);
    }

    [Fact]
    public async Task Evaluate_AdultWithConditionsOnly_SuggestsNotPresumedVictim()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker);
        var screening = await StartWithVerifiedAsync(client, "adult_sexual", "1");

        var view = (await (await AnswerAsync(client, screening.Id, Yes("ecw-s1"), Yes("ecw-s2"), new { indicator = "dr-s1", answer = "Unknown" })).Content.ReadFromJsonAsync<ScreeningView>())!;

        Assert.Equal("NotPresumedVictim", view.Suggestion);
    }

    [Fact]
    public async Task Evaluate_ChildWithConditionsOnly_SuggestsPresumedVictim()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker);
        var screening = await StartWithVerifiedAsync(client, "child_labour", "1");

        var view = (await (await AnswerAsync(client, screening.Id, Yes("ecw-s1"), Yes("ecw-w1"))).Content.ReadFromJsonAsync<ScreeningView>())!;

        Assert.Equal("PresumedVictim", view.Suggestion);
    }

    [Fact]
    public async Task ResultPage_Albanian_ShowsSuggestionReasonsAndTranslatedIndicators()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker, "sq");
        var screening = await StartWithVerifiedAsync(client, "child_sexual", "1");
        await AnswerAsync(client, screening.Id, Yes("ecw-s1"), Yes("ecw-s2"));

        var html = await (await client.GetAsync($"/identification/screenings/{screening.Id}/result")).HtmlAsync();
        var interview = await (await client.GetAsync($"/identification/screenings/{screening.Id}")).HtmlAsync();

        Assert.Contains(factory.Text("Suggestion.PresumedVictim", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Screening.Result.RuleChild", "sq"), html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("Screening.Result.NotALegalFinding", "sq"), html, StringComparison.Ordinal);
        Assert.Contains("sq ecw s1", html, StringComparison.Ordinal);
        Assert.Contains("sq dr w3", interview, StringComparison.Ordinal);
        // No translation into Macedonian in the test instrument: the English text is shown.
        var mk = await (await (await factory.ClientAsync(Demo.CaseWorker, "mk")).GetAsync($"/identification/screenings/{screening.Id}")).HtmlAsync();
        Assert.Contains("deceptive_recruitment weak 3", mk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_AfterNewerVersionImported_ScreeningKeepsItsInstrument()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker);
        var first = await StartWithVerifiedAsync(client, "adult_labour", "1");
        var second = await StartWithVerifiedAsync(client, "adult_labour", "2");

        await AnswerAsync(client, first.Id, Yes("ecw-s1"));

        Assert.NotEqual(first.InstrumentId, second.InstrumentId);
        Assert.Equal(first.InstrumentId, (await factory.ScreeningRowAsync(first.Id)).InstrumentId);
        Assert.Equal("2", second.InstrumentVersion);
    }

    [Fact]
    public async Task Start_ForClosedCase_LocalisedRefusalNothingStored()
    {
        var client = await factory.ClientAsync(Demo.CaseWorker, "mk");
        var opened = await OpenAsync(client, Adult("Sara", "Koci", "1988-08-08"));
        await factory.WithDb(db => db.Cases.Where(c => c.Id == opened.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CaseStatus.Closed)));
        var before = await factory.StateAsync();

        var started = await client.PostAsJsonAsync("/api/v1/screenings", new { list = "adult_labour", caseId = opened.Id });
        var cooperation = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/identification/cooperation", new { cooperation = "Cooperates", on = DateTime.UtcNow.ToString("yyyy-MM-dd") });

        Assert.Contains(factory.Text("Cases.Closed", "mk"), await ProblemTextAsync(started), StringComparison.Ordinal);
        Assert.Contains(factory.Text("Cases.Closed", "mk"), await ProblemTextAsync(cooperation), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/cases/{opened.Id}/identification")).StatusCode);
    }
}
