using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Training.Trainings;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Trainings.TrainingTestSupport;

namespace Ura.Tests.Trainings;

/// <summary>
/// Correcting an exchange visit, on its page (<c>/training/visits/{id}/edit</c>) and in the API
/// (<c>PUT /api/v1/training/visits/{id}</c>): the recording organisation's outreach officers only, under
/// the rules of recording one. Another organisation gets 404, other roles 403; bad input is refused in the
/// reader's language; the visit is unchanged after every refusal.
/// </summary>
public sealed class VisitCorrectionTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task ChangeVisit_Api_ReplacesHostVisitorsDatesAndCountsAndAudits()
    {
        var client = await factory.SignInAsync(Outreach(), "en");
        var police = await OrganisationOfAsync(factory, Demo.Police);
        var hotline = await OrganisationOfAsync(factory, Outreach());
        var created = await CreateVisitAsync(client, VisitBody(await OrganisationOfAsync(factory, Outreach("me")), police));
        var createdAt = await factory.WithDb(db => db.ExchangeVisits.Where(v => v.Id == created.Id).Select(v => v.CreatedAt).SingleAsync());
        var body = VisitBody(await OrganisationOfAsync(factory, Outreach("xk")), hotline);
        body["visitingOrganisationIds"] = new[] { hotline, police };
        body["startsOn"] = "2026-04-02";
        body["endsOn"] = "2026-04-04";
        body["purpose"] = "  Vizitë studimore në Prishtinë.  ";
        body["outcomes"] = "";
        body["female"] = 4;
        body["male"] = 2;
        body["otherOrUnknown"] = 1;

        var response = await client.PutAsJsonAsync($"/api/v1/training/visits/{created.Id}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<ExchangeVisitView>())!;
        Assert.Equal(("XK", 7, "Vizitë studimore në Prishtinë.", (string?)null), (view.Host.CountryCode, view.Participants, view.Purpose, view.Outcomes));
        Assert.Equal(new DateOnly(2026, 4, 2), view.StartsOn);
        Assert.True(view.CanChange);
        var visit = await factory.WithDb(db => db.ExchangeVisits.AsNoTracking().Include(v => v.Visitors).SingleAsync(v => v.Id == created.Id));
        Assert.Equal("XK", visit.HostCountryCode);
        Assert.Equal(new[] { hotline, police }.Order(), visit.Visitors.Select(x => x.OrganisationId).Order());
        Assert.All(visit.Visitors, x => Assert.Equal("AL", x.CountryCode));
        Assert.Equal(createdAt, visit.CreatedAt);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "training.visit.change" && a.EntityId == created.Id.ToString())));
        // The host country's coordinator finds it now; the former host's no longer does.
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignInAsync(Demo.Email("coordinator", "xk"))).GetAsync($"/api/v1/training/visits/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignInAsync(Demo.Email("coordinator", "me"))).GetAsync($"/api/v1/training/visits/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task EditPage_OwnVisit_PrefilledThenSavedAndShownOnItsPage()
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var host = await OrganisationOfAsync(factory, Outreach("me"));
        var police = await OrganisationOfAsync(factory, Demo.Police);
        var created = await CreateVisitAsync(client, VisitBody(host, police));

        var detail = await (await client.GetAsync($"/training/visits/{created.Id}")).HtmlAsync();
        Assert.Contains($"href=\"/training/visits/{created.Id}/edit\">{factory.Text("Training.Visit.Correct", "sq")}</a>", detail);
        var form = await (await client.GetAsync($"/training/visits/{created.Id}/edit")).HtmlAsync();
        Assert.Contains($"<option value=\"{host}\" selected=\"selected\">", form);
        Assert.Contains($"id=\"i-v-{police}\" name=\"Input.VisitingOrganisationIds\" value=\"{police}\" checked=\"checked\"", form);
        Assert.Contains("name=\"Input.StartsOn\" type=\"date\" required=\"required\" value=\"2026-04-01\"", form);
        Assert.Contains("Të shohim si punon linja e ndihmës.</textarea>", form);
        Assert.Contains("name=\"Input.Female\" type=\"number\" value=\"3\"", form);

        var saved = await UraFactory.PostFormAsync(client, $"/training/visits/{created.Id}/edit", new()
        {
            ["Input.HostOrganisationId"] = host.ToString(),
            ["Input.VisitingOrganisationIds"] = police.ToString(),
            ["Input.StartsOn"] = "2026-04-01",
            ["Input.EndsOn"] = "2026-04-05",
            ["Input.Purpose"] = "Si punon linja SOS në Podgoricë",
            ["Input.Female"] = "6",
            ["Input.Male"] = "1",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/training/visits/{created.Id}", AdminTestSupport.RedirectPath(saved));
        var visit = await factory.WithDb(db => db.ExchangeVisits.AsNoTracking().SingleAsync(v => v.Id == created.Id));
        Assert.Equal((new DateOnly(2026, 4, 5), "Si punon linja SOS në Podgoricë", (string?)null, 6, 1, 0),
            (visit.EndsOn, visit.Purpose, visit.Outcomes, visit.Female, visit.Male, visit.OtherOrUnknown));
        Assert.Contains("Si punon linja SOS në Podgoricë", await (await client.GetAsync($"/training/visits/{created.Id}")).HtmlAsync());
    }

    /// <summary>Signed-in users who may not correct the AL hotline's visit, and what correcting it answers them.</summary>
    public static TheoryData<string, HttpStatusCode> Outsiders => new()
    {
        { Outreach("xk"), HttpStatusCode.NotFound },
        { Outreach("mk"), HttpStatusCode.NotFound },
        { Demo.Email("coordinator", "xk"), HttpStatusCode.Forbidden },
        { Demo.Coordinator, HttpStatusCode.Forbidden },
        { Demo.Analyst, HttpStatusCode.Forbidden },
        { Demo.CaseWorker, HttpStatusCode.Forbidden },
        { Demo.Police, HttpStatusCode.Forbidden },
        { Demo.OrgAdmin, HttpStatusCode.Forbidden },
        { Demo.SystemAdmin, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task CorrectVisit_NotTheRecordingOrganisation_RefusedAndVisitUnchanged(string email, HttpStatusCode expected)
    {
        var before = await VisitSnapshotAsync(factory, AlVisit);
        var client = await factory.SignInAsync(email);
        var host = await OrganisationOfAsync(factory, Outreach("me"));
        var visitor = await OrganisationOfAsync(factory, Outreach("rs"));

        Assert.Equal(expected, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/training/visits/{AlVisit}/edit")));
        var posted = await AdminTestSupport.PostPageAsync(client, $"/training/visits/{AlVisit}/edit", new()
        {
            ["Input.HostOrganisationId"] = host.ToString(), ["Input.VisitingOrganisationIds"] = visitor.ToString(),
            ["Input.StartsOn"] = "2026-01-01", ["Input.EndsOn"] = "2026-01-02", ["Input.Purpose"] = "Taken over", ["Input.Female"] = "9",
        });
        Assert.Equal(expected, (await AdminTestSupport.FollowAccessDeniedAsync(client, posted)).StatusCode);
        var body = VisitBody(host, visitor);
        body["purpose"] = "Taken over";
        Assert.Equal(expected, (await client.PutAsJsonAsync($"/api/v1/training/visits/{AlVisit}", body)).StatusCode);
        // Readers of the visit do not see the link to correct it.
        var page = await client.GetAsync($"/training/visits/{AlVisit}");
        if (page.StatusCode == HttpStatusCode.OK)
            Assert.DoesNotContain($"/training/visits/{AlVisit}/edit", await page.HtmlAsync());

        Assert.Equal(before, await VisitSnapshotAsync(factory, AlVisit));
        Assert.False(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "training.visit.change" && a.EntityId == AlVisit.ToString())));
    }

    [Fact]
    public async Task CorrectVisit_Anonymous_SignInOr401AndVisitUnchanged()
    {
        var before = await VisitSnapshotAsync(factory, AlVisit);
        var client = factory.Anonymous();

        var page = await client.GetAsync($"/training/visits/{AlVisit}/edit");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", AdminTestSupport.RedirectPath(page));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PutAsJsonAsync($"/api/v1/training/visits/{AlVisit}", VisitBody(Guid.NewGuid(), Guid.NewGuid()))).StatusCode);

        Assert.Equal(before, await VisitSnapshotAsync(factory, AlVisit));
    }

    [Fact]
    public async Task CorrectVisit_UnknownId_NotFound()
    {
        var client = await factory.SignInAsync(Outreach());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/training/visits/{Guid.NewGuid()}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/v1/training/visits/{Guid.NewGuid()}",
            VisitBody(await OrganisationOfAsync(factory, Outreach("me")), await OrganisationOfAsync(factory, Demo.Police)))).StatusCode);
    }

    public static TheoryData<string, object?, string, string> BadFields => new()
    {
        { "endsOn", "2026-03-01", "endsOn", "Training.EndsBeforeStarts" },
        { "startsOn", null, "startsOn", "Validation.Required" },
        { "female", -1, "female", "Training.CountOutOfRange" },
        { "male", 100_001, "male", "Training.CountOutOfRange" },
        { "otherOrUnknown", -5, "otherOrUnknown", "Training.CountOutOfRange" },
        { "visitingOrganisationIds", Array.Empty<Guid>(), "visitingOrganisationIds", "Training.Visit.VisitorRequired" },
        { "hostOrganisationId", Guid.NewGuid(), "hostOrganisationId", "Training.UnknownOrganisation" },
        { "purpose", "   ", "purpose", "Validation.Required" },
        { "purpose", new string('x', 2001), "purpose", "Validation.TooLong" },
        { "outcomes", new string('x', 4001), "outcomes", "Validation.TooLong" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task ChangeVisit_BadField_RefusedInAlbanianAndVisitUnchanged(string field, object? value, string errorField, string key)
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var body = VisitBody(await OrganisationOfAsync(factory, Outreach("me")), await OrganisationOfAsync(factory, Demo.Police));
        body[field] = value;
        var before = await VisitSnapshotAsync(factory, AlVisit);

        var response = await client.PutAsJsonAsync($"/api/v1/training/visits/{AlVisit}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await VisitSnapshotAsync(factory, AlVisit));
    }

    [Fact]
    public async Task ChangeVisit_DateNotADate_RefusedAndVisitUnchanged()
    {
        var client = await factory.SignInAsync(Outreach(), "sq");
        var body = VisitBody(await OrganisationOfAsync(factory, Outreach("me")), await OrganisationOfAsync(factory, Demo.Police));
        body["startsOn"] = "2026-02-30";
        var before = await VisitSnapshotAsync(factory, AlVisit);

        var response = await client.PutAsJsonAsync($"/api/v1/training/visits/{AlVisit}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(factory.Text("Problem.Status400", "sq"), (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Title);
        Assert.Equal(before, await VisitSnapshotAsync(factory, AlVisit));
    }

    public static TheoryData<string, string, string, string> BadPageFields => new()
    {
        // language, field, value, message key
        { "mk", "Input.StartsOn", "2026-02-30", "Validation.Invalid" },
        { "sr-Latn", "Input.EndsOn", "2026-03-01", "Training.EndsBeforeStarts" },
        { "sq", "Input.Female", "-2", "Training.CountOutOfRange" },
        { "en", "Input.Male", "many", "Validation.Invalid" },
        { "en", "Input.VisitingOrganisationIds", "", "Training.Visit.VisitorRequired" },
    };

    [Theory]
    [MemberData(nameof(BadPageFields))]
    public async Task EditPage_BadField_ShowsLocalisedErrorAndVisitUnchanged(string language, string field, string value, string key)
    {
        var client = await factory.SignInAsync(Outreach(), language);
        var fields = new Dictionary<string, string>
        {
            ["Input.HostOrganisationId"] = (await OrganisationOfAsync(factory, Outreach("me"))).ToString(),
            ["Input.VisitingOrganisationIds"] = (await OrganisationOfAsync(factory, Demo.Police)).ToString(),
            ["Input.StartsOn"] = "2026-03-10",
            ["Input.EndsOn"] = "2026-03-12",
            ["Input.Purpose"] = "Study visit",
            ["Input.Female"] = "2",
        };
        if (value.Length == 0)
            fields.Remove(field);
        else
            fields[field] = value;
        var before = await VisitSnapshotAsync(factory, AlVisit);

        var response = await UraFactory.PostFormAsync(client, $"/training/visits/{AlVisit}/edit", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text(key, language), await response.HtmlAsync());
        Assert.Equal(before, await VisitSnapshotAsync(factory, AlVisit));
    }

    private static async Task<ExchangeVisitView> CreateVisitAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/training/visits", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ExchangeVisitView>())!;
    }
}
