using System.Net;
using System.Net.Http.Json;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Trainings.TrainingTestSupport;

namespace Ura.Tests.Trainings;

/// <summary>Scores outside 0-100, negative counts, a last day before the first and unknown choices: refused in the reader's language, nothing changed.</summary>
public sealed class TrainingBadInputTests(UraFactory factory) : IClassFixture<UraFactory>
{
    public static TheoryData<string, object?, string, string> BadFields => new()
    {
        { "scoreBefore", 101m, "scoreBefore", "Training.ScoreOutOfRange" },
        { "scoreAfter", -0.5m, "scoreAfter", "Training.ScoreOutOfRange" },
        { "scoreAfter", null, "testedCount", "Training.ScoresIncomplete" },
        { "testedCount", -1, "testedCount", "Training.CountOutOfRange" },
        { "improvedCount", 30, "improvedCount", "Training.ImprovedAboveTested" },
        { "improvedCount", -2, "improvedCount", "Training.CountOutOfRange" },
        { "participants", new object[] { new { role = "Police", sex = "Female", count = -3 } }, "participants", "Training.CountOutOfRange" },
        { "participants", new object[] { new { role = "Chef", sex = "Female", count = 3 } }, "participants", "Training.UnknownParticipantGroup" },
        { "endsOn", "2026-03-09", "endsOn", "Training.EndsBeforeStarts" },
        { "topic", "Cooking", "topic", "Training.UnknownTopic" },
        { "countryCode", "ZZ", "countryCode", "Training.UnknownCountry" },
        { "countryCode", "FR", "countryCode", "Training.UnknownCountry" },
        { "organisationIds", new[] { Guid.NewGuid() }, "organisationIds", "Training.UnknownOrganisation" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task CreateAndChange_BadField_RefusedInAlbanianAndNothingChanged(string field, object? value, string errorField, string key)
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var body = Body(await OrganisationOfAsync(factory, Demo.Police));
        body[field] = value;
        var counts = await CountsAsync(factory);
        var before = await SnapshotAsync(factory, AlTraining);

        var created = await client.PostAsJsonAsync("/api/v1/training/trainings", body);
        var changed = await client.PutAsJsonAsync($"/api/v1/training/trainings/{AlTraining}", body);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(created, errorField));
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(changed, errorField));
        Assert.Equal(counts, await CountsAsync(factory));
        Assert.Equal(before, await SnapshotAsync(factory, AlTraining));
    }

    public static TheoryData<string, string, string, string> BadPageFields => new()
    {
        { "ScoreBefore", "150", "Input.ScoreBefore", "Training.ScoreOutOfRange" },
        { "ScoreAfter", "a lot", "Input.ScoreAfter", "Training.ScoreOutOfRange" },
        { "Input.Participants[0].Count", "-4", "Input.Participants", "Training.CountOutOfRange" },
        { "Input.EndsOn", "2026-05-01", "Input.EndsOn", "Training.EndsBeforeStarts" },
    };

    [Theory]
    [MemberData(nameof(BadPageFields))]
    public async Task NewPage_BadField_ShowsErrorAndStoresNothing(string field, string value, string _, string key)
    {
        foreach (var language in new[] { "en", "mk" })
        {
            var client = await factory.SignInAsync(Outreach(), language);
            var fields = PageFields();
            fields[field] = value;
            var counts = await CountsAsync(factory);

            var response = await UraFactory.PostFormAsync(client, "/training/new", fields);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(factory.Text(key, language), await response.HtmlAsync());
            Assert.Equal(counts, await CountsAsync(factory));
        }
    }

    [Fact]
    public async Task EditPage_EndsBeforeStarts_ShowsErrorAndTrainingUnchanged()
    {
        var client = await factory.SignInAsync(Outreach(), "sr-Latn");
        var before = await SnapshotAsync(factory, AlTraining);
        var fields = PageFields();
        fields["Input.EndsOn"] = "2026-05-01";

        var response = await UraFactory.PostFormAsync(client, $"/training/{AlTraining}/edit", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Training.EndsBeforeStarts", "sr-Latn"), await response.HtmlAsync());
        Assert.Equal(before, await SnapshotAsync(factory, AlTraining));
    }

    [Fact]
    public async Task FollowUp_EmptyOrTooLong_RefusedAndNothingAdded()
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var counts = await CountsAsync(factory);

        var empty = await client.PostAsJsonAsync($"/api/v1/training/trainings/{AlTraining}/follow-ups", new { action = "  " });
        var tooLong = await client.PostAsJsonAsync($"/api/v1/training/trainings/{AlTraining}/follow-ups", new { action = new string('x', 1001) });
        var page = await UraFactory.PostFormAsync(client, $"/training/{AlTraining}?handler=FollowUp", new() { ["FollowUp.Action"] = "" },
            formPage: $"/training/{AlTraining}");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(factory.Text("Validation.Required", "sq"), await page.HtmlAsync());
        Assert.Equal(counts, await CountsAsync(factory));
    }

    public static TheoryData<string, object?, string, string> BadVisitFields => new()
    {
        { "visitingOrganisationIds", Array.Empty<Guid>(), "visitingOrganisationIds", "Training.Visit.VisitorRequired" },
        { "endsOn", "2026-03-01", "endsOn", "Training.EndsBeforeStarts" },
        { "female", -1, "female", "Training.CountOutOfRange" },
        { "hostOrganisationId", Guid.NewGuid(), "hostOrganisationId", "Training.UnknownOrganisation" },
    };

    [Theory]
    [MemberData(nameof(BadVisitFields))]
    public async Task CreateVisit_BadField_RefusedInAlbanianAndNothingStored(string field, object? value, string errorField, string key)
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var body = VisitBody(await OrganisationOfAsync(factory, Outreach("me")), await OrganisationOfAsync(factory, Outreach()));
        body[field] = value;
        var counts = await CountsAsync(factory);

        var response = await client.PostAsJsonAsync("/api/v1/training/visits", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(response, errorField));
        Assert.Equal(counts, await CountsAsync(factory));
    }

    [Fact]
    public async Task CreateVisit_HostAlsoVisiting_RefusedOnPageInEnglish()
    {
        var client = await factory.SignInAsync(Outreach(), "en");
        var host = await OrganisationOfAsync(factory, Outreach("me"));
        var counts = await CountsAsync(factory);

        var response = await UraFactory.PostFormAsync(client, "/training/visits/new", new()
        {
            ["Input.HostOrganisationId"] = host.ToString(),
            ["Input.VisitingOrganisationIds"] = host.ToString(),
            ["Input.StartsOn"] = "2026-02-02",
            ["Input.EndsOn"] = "2026-02-04",
            ["Input.Purpose"] = "Study visit",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Training.Visit.HostIsVisitor"), await response.HtmlAsync());
        Assert.Equal(counts, await CountsAsync(factory));
    }

    private static Dictionary<string, string> PageFields() => new()
    {
        ["Input.Title"] = "Trajnim për mësuesit",
        ["Input.Topic"] = "ChildProtection",
        ["Input.CountryCode"] = "AL",
        ["Input.StartsOn"] = "2026-05-04",
        ["Input.EndsOn"] = "2026-05-05",
        ["Input.Participants[0].Role"] = "Teacher",
        ["Input.Participants[0].Sex"] = "Female",
        ["Input.Participants[0].Count"] = "12",
        ["Input.TestedCount"] = "12",
        ["ScoreBefore"] = "40",
        ["ScoreAfter"] = "60",
    };
}
