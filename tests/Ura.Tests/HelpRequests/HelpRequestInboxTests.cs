using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Awareness.HelpRequests;
using Ura.Tests.Admin;
using Ura.Tests.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.HelpRequests.HelpRequestTestSupport;

namespace Ura.Tests.HelpRequests;

/// <summary>The hotline's inbox: reading (audited, encoded), opening a screening or a case, closing.</summary>
public sealed class HelpRequestInboxTests(HelpRequestFactory factory) : IClassFixture<HelpRequestFactory>
{
    [Fact]
    public async Task Inbox_HotlineCaseWorker_SeesNewRequestOfTheCountryInPageAndApi()
    {
        var id = await factory.SubmitAsync("Inbox line " + Guid.NewGuid(), danger: "Yes");
        var client = await factory.SignInAsync(Hotline, "en");

        var page = await (await client.GetAsync("/help-requests")).HtmlAsync();
        Assert.Contains($"/help-requests/{id}", page);
        var list = await client.GetFromJsonAsync<ListBody>("/api/v1/help-requests");
        Assert.Contains(list!.Items, r => r.Id == id && r.Danger == "Yes" && r.Status == "New");
        Assert.Contains("/help-requests", await (await client.GetAsync("/")).HtmlAsync());
    }

    [Fact]
    public async Task Detail_ScriptInRequest_EncodedNeverMarkupAndReadAudited()
    {
        const string attack = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var id = await factory.SubmitAsync(attack);
        var client = await factory.SignInAsync(Hotline, "en");

        var response = await client.GetAsync($"/help-requests/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", raw);
        Assert.DoesNotContain("<img src=x", raw);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", raw);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "read" && e.EntityType == "HelpRequest" && e.EntityId == id.ToString())));
        var view = await client.GetFromJsonAsync<HelpRequestView>($"/api/v1/help-requests/{id}");
        Assert.Equal(attack, view!.Account);
    }

    [Fact]
    public async Task OpenScreening_HotlineCaseWorker_ScreeningInOwnOrganisationLinkedAndRequestHandled()
    {
        var id = await factory.SubmitAsync("Screen me " + Guid.NewGuid());
        var client = await factory.SignInAsync(Hotline, "en");

        var response = await UraFactory.PostFormAsync(client, $"/help-requests/{id}?handler=Screening",
            new() { ["Age"] = "adult", ["Exploitation"] = "labour" }, formPage: $"/help-requests/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var hotline = await factory.UserAsync(Hotline);
        var (request, screening) = await factory.WithDb(async db =>
        {
            var r = await db.HelpRequests.AsNoTracking().SingleAsync(x => x.Id == id);
            return (r, await db.Screenings.AsNoTracking().SingleAsync(s => s.Id == r.ScreeningId));
        });
        Assert.Equal($"/identification/screenings/{screening.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal((HelpRequestStatus.ScreeningOpened, hotline.OrganisationId, hotline.Id), (request.Status, request.HandledByOrganisationId, request.HandledById));
        Assert.Equal((hotline.OrganisationId, hotline.Id, (Guid?)null), (screening.OrganisationId, screening.ScreenedById, screening.CaseId));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/identification/screenings/{screening.Id}")).StatusCode);

        // Handled once: a second screening is refused and nothing more is made.
        var screenings = await factory.WithDb(db => db.Screenings.CountAsync());
        var again = await client.PostAsJsonAsync($"/api/v1/help-requests/{id}/screening", new { age = "child", exploitation = "sexual" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(screenings, await factory.WithDb(db => db.Screenings.CountAsync()));
    }

    [Fact]
    public async Task OpenScreening_NoAgeOrExploitation_LocalisedErrorAndNothingChanged()
    {
        var id = await factory.SubmitAsync("No choice " + Guid.NewGuid());
        var before = await factory.SnapshotAsync(id);
        var screenings = await factory.WithDb(db => db.Screenings.CountAsync());
        var client = await factory.SignInAsync(Hotline, "sq");

        var response = await UraFactory.PostFormAsync(client, $"/help-requests/{id}?handler=Screening", new() { ["Exploitation"] = "labour" }, formPage: $"/help-requests/{id}");
        var api = await client.PostAsJsonAsync($"/api/v1/help-requests/{id}/screening", new { age = "elderly", exploitation = "labour" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"age-error\">{factory.Text("Screening.Start.AgeRequired", "sq")}", await response.HtmlAsync());
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal([factory.Text("Screening.Start.AgeRequired", "sq")], await AdminTestSupport.ProblemErrorsAsync(api, "age"));
        Assert.Equal(before, await factory.SnapshotAsync(id));
        Assert.Equal(screenings, await factory.WithDb(db => db.Screenings.CountAsync()));
    }

    [Fact]
    public async Task OpenCase_HotlineCaseWorker_CaseOpenedInOwnOrganisationAndLinked()
    {
        var id = await factory.SubmitAsync("Open a case " + Guid.NewGuid());
        var client = await factory.SignInAsync(Hotline, "en");

        var response = await client.PostAsJsonAsync($"/api/v1/help-requests/{id}/case", CaseTestSupport.Adult("Lirie", "Hasa"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<HelpRequestView>();
        var hotline = await factory.UserAsync(Hotline);
        var caseOrganisation = await factory.WithDb(db => db.Cases.Where(c => c.Id == view!.CaseId).Select(c => c.OrganisationId).SingleAsync());
        Assert.Equal(("CaseOpened", hotline.OrganisationId), (view!.Status, caseOrganisation));
        Assert.Equal(view.CaseId, await factory.WithDb(db => db.HelpRequests.Where(r => r.Id == id).Select(r => r.CaseId).SingleAsync()));
    }

    [Fact]
    public async Task OpenCase_Page_FormRegistersAndRedirectsToTheCase()
    {
        var id = await factory.SubmitAsync("Case from page " + Guid.NewGuid());
        var client = await factory.SignInAsync(Hotline, "en");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/help-requests/{id}/case")).StatusCode);

        var response = await UraFactory.PostFormAsync(client, $"/help-requests/{id}/case", new()
        {
            ["Input.GivenNames"] = "Besa", ["Input.FamilyName"] = "Kurti", ["Input.BirthDate"] = "2001-03-04", ["Input.Gender"] = "Feminine",
            ["Input.ConfirmedDifferentPerson"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var caseId = await factory.WithDb(db => db.HelpRequests.Where(r => r.Id == id).Select(r => r.CaseId).SingleAsync());
        Assert.Equal($"/cases/{caseId}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Close_WithoutReason_LocalisedErrorAndUnchanged_ThenWithReasonClosed()
    {
        var id = await factory.SubmitAsync("Close me " + Guid.NewGuid());
        var before = await factory.SnapshotAsync(id);
        var client = await factory.SignInAsync(Hotline, "mk");

        var empty = await UraFactory.PostFormAsync(client, $"/help-requests/{id}?handler=Close", new() { ["Close.Reason"] = "" }, formPage: $"/help-requests/{id}");
        var tooLong = await client.PostAsJsonAsync($"/api/v1/help-requests/{id}/close", new { reason = new string('x', CloseInput.MaxReasonLength + 1) });

        Assert.Contains(factory.Text("Validation.Required", "mk"), await empty.HtmlAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(before, await factory.SnapshotAsync(id));

        var closed = await UraFactory.PostFormAsync(client, $"/help-requests/{id}?handler=Close", new() { ["Close.Reason"] = "Spam, no person behind it" }, formPage: $"/help-requests/{id}");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var row = await factory.WithDb(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal((HelpRequestStatus.Closed, "Spam, no person behind it"), (row.Status, row.CloseReason));
        var handled = await client.GetFromJsonAsync<ListBody>("/api/v1/help-requests?handled=true");
        Assert.Contains(handled!.Items, r => r.Id == id && r.Status == "Closed");
    }

    [Fact]
    public async Task DemoData_EveryCountryHotline_ReceivesAndHasRequestsInFourLanguages()
    {
        var rows = await factory.WithDb(async db => await db.Organisations.Where(o => o.ReceivesHelpRequests).Select(o => o.CountryCode).ToListAsync());
        Assert.Equal(["AL", "BA", "ME", "MK", "RS", "XK"], rows.Order());
        var languages = await factory.WithDb(db => db.HelpRequests.Where(r => r.CountryCode == "XK").Select(r => r.Language).Distinct().ToListAsync());
        Assert.Equal(["en", "mk", "sq", "sr-Latn"], languages.Order(StringComparer.Ordinal));
    }

    private sealed record ListBody(List<HelpRequestSummary> Items, int Page, int PageSize, int TotalCount);
}
