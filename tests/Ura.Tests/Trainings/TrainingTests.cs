using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Training.Trainings;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Trainings.TrainingTestSupport;

namespace Ura.Tests.Trainings;

/// <summary>What an outreach officer records about a training and a visit, and what its readers see.</summary>
public sealed class TrainingTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Create_WithScores_ComputesChangeShareAndTotals()
    {
        var client = await factory.SignInAsync(Outreach());
        var police = await OrganisationOfAsync(factory, Demo.Police);

        var created = await CreateAsync(client, Body(police));

        Assert.Equal(27.5m, created.ScoreChange);
        Assert.Equal(15m / 18m, created.ImprovedShare);
        Assert.Equal(20, created.ParticipantTotal);
        Assert.Equal(13, created.Count(ParticipantRole.Police));
        Assert.Equal(11, created.Count(ParticipantSex.Female));
        Assert.Equal([police], created.Organisations.Select(o => o.Id));
        Assert.Equal(await OrganisationOfAsync(factory, Outreach()), created.Organiser.Id);
        var stored = await factory.WithDb(db => db.Trainings.AsNoTracking().SingleAsync(t => t.Id == created.Id));
        Assert.Equal("AL", stored.CountryCode);
        Assert.Equal("Arta Hoxha", stored.Trainers);
    }

    [Fact]
    public async Task Create_ScoreFalls_ChangeIsNegative()
    {
        var client = await factory.SignInAsync(Outreach());
        var body = Body(await OrganisationOfAsync(factory, Demo.Police));
        body["scoreBefore"] = 70m;
        body["scoreAfter"] = 64.25m;
        body["improvedCount"] = null;

        var created = await CreateAsync(client, body);

        Assert.Equal(-5.75m, created.ScoreChange);
        Assert.Null(created.ImprovedShare);
    }

    [Fact]
    public async Task NewPage_AlbanianWithCommaScores_SavesAndShowsChange()
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Kujdesi për fëmijët viktima",
            ["Input.Topic"] = "ChildProtection",
            ["Input.CountryCode"] = "AL",
            ["Input.StartsOn"] = "2026-05-04",
            ["Input.EndsOn"] = "2026-05-05",
            ["Input.Participants[0].Role"] = "Teacher",
            ["Input.Participants[0].Sex"] = "Female",
            ["Input.Participants[0].Count"] = "12",
            ["Input.Participants[1].Role"] = "Teacher",
            ["Input.Participants[1].Sex"] = "Male",
            ["Input.Participants[1].Count"] = "",
            ["Input.TestedCount"] = "12",
            ["ScoreBefore"] = "50,25",
            ["ScoreAfter"] = "72.5",
        };

        var response = await UraFactory.PostFormAsync(client, "/training/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(AdminTestSupport.RedirectPath(response)!.Split('/')[^1]);
        var stored = await factory.WithDb(db => db.Trainings.AsNoTracking().Include(t => t.Participants).SingleAsync(t => t.Id == id));
        Assert.Equal(50.25m, stored.ScoreBefore);
        Assert.Equal(72.5m, stored.ScoreAfter);
        Assert.Equal(12, Assert.Single(stored.Participants).Count);
        var html = await (await client.GetAsync($"/training/{id}")).HtmlAsync();
        Assert.Contains(factory.Text("TrainingTopic.ChildProtection", "sq"), html);
        Assert.Contains("id=\"score-change\">+22,25<", html);
    }

    [Fact]
    public async Task Change_NewCountsAndOrganisations_ReplacesThem()
    {
        var client = await factory.SignInAsync(Outreach());
        var created = await CreateAsync(client, Body(await OrganisationOfAsync(factory, Demo.Police)));
        var body = Body(await OrganisationOfAsync(factory, Demo.SocialWorker), "Identifikimi – përsëritje");
        body["participants"] = new object[] { new { role = "Police", sex = "Female", count = 6 }, new { role = "HealthWorker", sex = "OtherOrUnknown", count = 1 } };

        var response = await client.PutAsJsonAsync($"/api/v1/training/trainings/{created.Id}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<TrainingView>())!;
        Assert.Equal("Identifikimi – përsëritje", view.Title);
        Assert.Equal(7, view.ParticipantTotal);
        Assert.Equal(0, view.Count(ParticipantRole.SocialWorker));
        Assert.Equal([await OrganisationOfAsync(factory, Demo.SocialWorker)], view.Organisations.Select(o => o.Id));
        Assert.Equal(2, await factory.WithDb(db => db.TrainingParticipants.CountAsync(p => p.TrainingId == created.Id)));
    }

    [Fact]
    public async Task FollowUp_AddThenMarkDone_ShownDoneOnPage()
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var created = await CreateAsync(client, Body(await OrganisationOfAsync(factory, Demo.Police)));

        var added = await UraFactory.PostFormAsync(client, $"/training/{created.Id}?handler=FollowUp", new()
        {
            ["FollowUp.Action"] = "Dërgo listën e treguesve në çdo komisariat",
            ["FollowUp.Owner"] = "Ilir Basha",
            ["FollowUp.DueOn"] = "2026-06-30",
        }, formPage: $"/training/{created.Id}");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var followUp = await factory.WithDb(db => db.TrainingFollowUps.AsNoTracking().SingleAsync(f => f.TrainingId == created.Id));
        Assert.False(followUp.Done);
        Assert.Equal(new DateOnly(2026, 6, 30), followUp.DueOn);

        var done = await UraFactory.PostFormAsync(client, $"/training/{created.Id}?handler=Done",
            new() { ["followUpId"] = followUp.Id.ToString(), ["done"] = "true" }, formPage: $"/training/{created.Id}");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.True(await factory.WithDb(db => db.TrainingFollowUps.Where(f => f.Id == followUp.Id).Select(f => f.Done).SingleAsync()));
        var html = await (await client.GetAsync($"/training/{created.Id}")).HtmlAsync();
        Assert.Contains("Dërgo listën e treguesve në çdo komisariat", html);
        Assert.Contains(factory.Text("Training.FollowUp.Reopen", "sq"), html);
    }

    [Fact]
    public async Task FollowUpApi_DoneThenOpen_Switches()
    {
        var client = await factory.SignInAsync(Outreach());
        var created = await CreateAsync(client, Body(await OrganisationOfAsync(factory, Demo.Police)));
        var added = await client.PostAsJsonAsync($"/api/v1/training/trainings/{created.Id}/follow-ups", new { action = "Takim pas tre muajsh", dueOn = "2026-07-01" });
        var followUp = Assert.Single((await added.Content.ReadFromJsonAsync<TrainingView>())!.FollowUps!);

        var done = await client.PutAsJsonAsync($"/api/v1/training/trainings/{created.Id}/follow-ups/{followUp.Id}/done", new { done = true });
        Assert.True(Assert.Single((await done.Content.ReadFromJsonAsync<TrainingView>())!.FollowUps!).Done);
        var reopened = await client.PutAsJsonAsync($"/api/v1/training/trainings/{created.Id}/follow-ups/{followUp.Id}/done", new { done = false });

        var view = (await reopened.Content.ReadFromJsonAsync<TrainingView>())!;
        Assert.False(Assert.Single(view.FollowUps!).Done);
        Assert.Equal(1, view.FollowUpsOpen);
    }

    [Fact]
    public async Task List_FilterByTopicAndYear_OnlyMatching()
    {
        var client = await factory.SignInAsync(Outreach());
        var body = Body(await OrganisationOfAsync(factory, Demo.Police), "Mbrojtja e të dhënave 2019");
        body["topic"] = "DataProtection";
        body["startsOn"] = "2019-02-01";
        body["endsOn"] = "2019-02-01";
        var created = await CreateAsync(client, body);

        var list = await client.GetFromJsonAsync<List<TrainingSummary>>("/api/v1/training/trainings?year=2019&topic=DataProtection&country=AL");

        Assert.Equal([created.Id], list!.Select(t => t.Id));
        var page = await (await client.GetAsync("/training?year=2019&topic=DataProtection")).HtmlAsync();
        Assert.Contains("Mbrojtja e të dhënave 2019", page);
        Assert.DoesNotContain("Mbrojtja e të dhënave personale në punën me rastet", page);
    }

    [Fact]
    public async Task Demo_EveryCountry_ThreeTrainingsWithScoresAndTwoVisits()
    {
        var demo = new[] { "AL", "XK", "MK", "ME", "RS", "BA" }.SelectMany(c => new[] { 1, 2, 3 }.Select(n => DemoTrainings.TrainingId(c, n))).ToList();
        var trainings = await factory.WithDb(db => db.Trainings.AsNoTracking().Where(t => demo.Contains(t.Id) && t.ScoreBefore != null && t.ScoreAfter != null)
            .GroupBy(t => t.CountryCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(["AL", "BA", "ME", "MK", "RS", "XK"], trainings.Select(t => t.Key).Order());
        Assert.All(trainings, t => Assert.Equal(3, t.Count));
        var visits = await factory.WithDb(db => db.ExchangeVisits.AsNoTracking().Include(v => v.Visitors).ToListAsync());
        Assert.Contains(visits, v => v.HostCountryCode == "XK" && v.Visitors.All(x => x.CountryCode == "AL"));
        Assert.Contains(visits, v => v.HostCountryCode == "RS" && v.Visitors.All(x => x.CountryCode == "MK"));
    }

    [Fact]
    public async Task Detail_Analyst_SeesFiguresButNoTrainerNamesOrFollowUps()
    {
        var analyst = await factory.SignInAsync(Demo.Analyst);
        var coordinator = await factory.SignInAsync(Demo.Coordinator);

        var seen = (await analyst.GetFromJsonAsync<TrainingView>($"/api/v1/training/trainings/{AlTraining}"))!;
        var page = await (await analyst.GetAsync($"/training/{AlTraining}")).HtmlAsync();

        Assert.Null(seen.Trainers);
        Assert.Null(seen.FollowUps);
        Assert.NotNull(seen.ScoreChange);
        Assert.DoesNotContain("Arta Hoxha", page);
        Assert.DoesNotContain("Shpërndaje listën", page);
        var full = (await coordinator.GetFromJsonAsync<TrainingView>($"/api/v1/training/trainings/{AlTraining}"))!;
        Assert.Equal("Arta Hoxha, Besnik Dervishi", full.Trainers);
        Assert.NotEmpty(full.FollowUps!);
        Assert.False(full.CanChange);
    }

    [Fact]
    public async Task Visits_CreateOnPage_StoredWithCountriesAndShown()
    {
        var client = await factory.SignInAsync(Outreach());
        var host = await OrganisationOfAsync(factory, Demo.Email("outreach", "me"));
        var visitor = await OrganisationOfAsync(factory, Demo.Police);

        var response = await UraFactory.PostFormAsync(client, "/training/visits/new", new()
        {
            ["Input.HostOrganisationId"] = host.ToString(),
            ["Input.VisitingOrganisationIds"] = visitor.ToString(),
            ["Input.StartsOn"] = "2026-02-02",
            ["Input.EndsOn"] = "2026-02-04",
            ["Input.Purpose"] = "Si punon linja SOS në Podgoricë",
            ["Input.Female"] = "2",
            ["Input.Male"] = "3",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(AdminTestSupport.RedirectPath(response)!.Split('/')[^1]);
        var visit = await factory.WithDb(db => db.ExchangeVisits.AsNoTracking().Include(v => v.Visitors).SingleAsync(v => v.Id == id));
        Assert.Equal("ME", visit.HostCountryCode);
        Assert.Equal("AL", Assert.Single(visit.Visitors).CountryCode);
        Assert.Equal(5, visit.Participants);
        var html = await (await client.GetAsync($"/training/visits/{id}")).HtmlAsync();
        Assert.Contains("Si punon linja SOS në Podgoricë", html);
        // The host country's coordinator reads it; the analyst reads figures without the purpose.
        var coordinatorMe = await factory.SignInAsync(Demo.Email("coordinator", "me"));
        Assert.Equal(HttpStatusCode.OK, (await coordinatorMe.GetAsync($"/api/v1/training/visits/{id}")).StatusCode);
        var analyst = await factory.SignInAsync(Demo.Analyst);
        var seen = (await analyst.GetFromJsonAsync<ExchangeVisitView>($"/api/v1/training/visits/{id}"))!;
        Assert.Null(seen.Purpose);
        Assert.Equal(5, seen.Participants);
    }
}
