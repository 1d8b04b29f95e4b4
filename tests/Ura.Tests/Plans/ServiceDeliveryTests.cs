using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Plans.PlansTestSupport;

namespace Ura.Tests.Plans;

public sealed class ServiceDeliveryTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task RecordService_LinkedToGoal_SavedWithFiguresInClearAndNoteEncrypted()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        var own = await factory.OrganisationOfAsync(Demo.CaseWorker);
        var goal = await client.CreatedAsync<PlanGoalView>($"/api/v1/cases/{opened.Id}/plan-goals", GoalBody());
        var body = ServiceBody(own);
        body["planGoalId"] = goal.Id;

        var saved = await client.CreatedAsync<ServiceDeliveryView>($"/api/v1/cases/{opened.Id}/services", body);

        Assert.Equal(("Accommodation", 3m, "Nights", 45.50m, "EUR", goal.Id), (saved.Type, saved.Quantity, saved.Unit, saved.Cost, saved.Currency, saved.PlanGoalId));
        var (row, note) = await factory.WithDb(async db => (
            await db.ServiceDeliveries.AsNoTracking().SingleAsync(s => s.Id == saved.Id),
            await db.Database.SqlQuery<string>($"""SELECT "Note" AS "Value" FROM "ServiceDeliveries" WHERE "Id" = {saved.Id}""").SingleAsync()));
        Assert.Equal((ServiceType.Accommodation, Today, own, opened.Id), (row.Type, row.DeliveredOn, row.ProviderOrganisationId, row.CaseId));
        Assert.DoesNotContain("Emergency", note, StringComparison.Ordinal);
        Assert.Equal("ServiceType.Accommodation", await factory.WithDb(db => db.CaseEvents.Where(e => e.CaseId == opened.Id && e.Action == "service.add").Select(e => e.Detail).SingleAsync()));
    }

    [Fact]
    public async Task ListServices_SeveralCurrencies_NewestFirstWithTotalsPerCurrency()
    {
        var (client, opened) = await OpenCaseAsync(factory);
        await factory.BackdateAsync(opened.Id, 10);
        var own = await factory.OrganisationOfAsync(Demo.CaseWorker);
        var older = ServiceBody(own, Today.AddDays(-5));
        var medical = ServiceBody(own);
        medical["type"] = "Medical";
        medical["cost"] = 1200m;
        medical["currency"] = "ALL";
        var interpretation = ServiceBody(own, Today.AddDays(-2));
        interpretation["type"] = "Interpretation";
        interpretation["quantity"] = 2;
        interpretation["unit"] = "Hours";
        interpretation["cost"] = 20m;
        var familyContact = ServiceBody(own, Today.AddDays(-1));
        familyContact["type"] = "FamilyContact";
        familyContact["quantity"] = null;
        familyContact["unit"] = null;
        familyContact["cost"] = null;
        familyContact["currency"] = null;
        foreach (var body in new[] { older, medical, interpretation, familyContact })
            await client.CreatedAsync<ServiceDeliveryView>($"/api/v1/cases/{opened.Id}/services", body);

        var list = await client.GetFromJsonAsync<ServiceList>($"/api/v1/cases/{opened.Id}/services");

        Assert.Equal(["Medical", "FamilyContact", "Interpretation", "Accommodation"], list!.Items.Select(s => s.Type));
        Assert.Equal([new CurrencyTotal("ALL", 1200m), new CurrencyTotal("EUR", 65.50m)], list.Totals);
    }

    [Fact]
    public async Task ServicesPage_RecordInMacedonian_ListedWithTotalAndReadAudited()
    {
        var (client, opened) = await OpenCaseAsync(factory, "mk");
        var own = await factory.OrganisationOfAsync(Demo.CaseWorker);
        var url = $"/cases/{opened.Id}/services";

        var posted = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.Type"] = "InKindAssistance",
            ["Input.DeliveredOn"] = Iso(Today),
            ["Input.ProviderOrganisationId"] = own.ToString(),
            ["Input.Quantity"] = "4",
            ["Input.Unit"] = "Items",
            ["Input.Cost"] = "1250,50",
            ["Input.Currency"] = "MKD",
            ["Input.Note"] = "Храна и хигиенски производи",
        });
        var html = await (await client.GetAsync(url)).HtmlAsync();

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(1250.50m, await factory.WithDb(db => db.ServiceDeliveries.Where(s => s.CaseId == opened.Id).Select(s => s.Cost).SingleAsync()));
        Assert.Contains(factory.Text("ServiceType.InKindAssistance", "mk"), html, StringComparison.Ordinal);
        Assert.Contains("Храна и хигиенски производи", html, StringComparison.Ordinal);
        Assert.Contains("MKD", html, StringComparison.Ordinal);
        Assert.True(await factory.ReadAuditedAsync(opened.Id, Demo.CaseWorker));
    }

    [Fact]
    public async Task ServiceEditPage_ChangeQuantity_Saved()
    {
        var (client, opened) = await OpenCaseAsync(factory, "en");
        var own = await factory.OrganisationOfAsync(Demo.CaseWorker);
        var saved = await client.CreatedAsync<ServiceDeliveryView>($"/api/v1/cases/{opened.Id}/services", ServiceBody(own));
        var url = $"/cases/{opened.Id}/services/{saved.Id}";
        var form = await (await client.GetAsync(url)).HtmlAsync();

        var response = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.Type"] = "Accommodation",
            ["Input.DeliveredOn"] = Iso(Today),
            ["Input.ProviderOrganisationId"] = own.ToString(),
            ["Input.Quantity"] = "5",
            ["Input.Unit"] = "Nights",
            ["Input.Cost"] = "75.5",
            ["Input.Currency"] = "EUR",
        });

        Assert.Contains($"value=\"{Iso(Today)}\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await factory.WithDb(db => db.ServiceDeliveries.AsNoTracking().SingleAsync(s => s.Id == saved.Id));
        Assert.Equal((5m, 75.5m, (string?)null), (row.Quantity, row.Cost, row.Note));
        Assert.True(await factory.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "service.change")));
    }

    [Theory]
    [InlineData("deliveredOn", "before-case", "deliveredOn", "Plans.DateBeforeCaseOpened")]
    [InlineData("deliveredOn", "future", "deliveredOn", "Plans.DateInFuture")]
    [InlineData("cost", "negative", "cost", "Services.NegativeCost")]
    [InlineData("currency", "USD", "currency", "Services.UnknownCurrency")]
    [InlineData("currency", null, "currency", "Services.UnknownCurrency")]
    [InlineData("type", "Massage", "type", "Services.UnknownType")]
    [InlineData("providerOrganisationId", "unknown", "providerOrganisationId", "Plans.UnknownOrganisation")]
    [InlineData("planGoalId", "unknown", "planGoalId", "Services.UnknownGoal")]
    [InlineData("quantity", "zero", "quantity", "Services.QuantityInvalid")]
    [InlineData("unit", "Buckets", "unit", "Services.UnitRequired")]
    public async Task RecordService_BadInput_LocalisedErrorAndNothingSaved(string field, string? value, string errorField, string messageKey)
    {
        var (client, opened) = await OpenCaseAsync(factory, "sq");
        var body = ServiceBody(await factory.OrganisationOfAsync(Demo.CaseWorker));
        body[field] = value switch
        {
            "before-case" => Iso(Today.AddDays(-1)),
            "future" => Iso(Today.AddDays(1)),
            "negative" => -10m,
            "unknown" => Guid.NewGuid(),
            "zero" => 0m,
            _ => value,
        };
        var before = await factory.PlanCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/services", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(messageKey, "sq")], await ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await factory.PlanCountsAsync());
    }

    [Fact]
    public async Task RecordService_GoalOfAnotherCase_RefusedAndNothingSaved()
    {
        var (client, opened) = await OpenCaseAsync(factory, "sr-Latn");
        var other = await Cases.CaseTestSupport.OpenAsync(client, Cases.CaseTestSupport.Adult("Jelena", "Marković"));
        var otherGoal = await client.CreatedAsync<PlanGoalView>($"/api/v1/cases/{other.Id}/plan-goals", GoalBody());
        var body = ServiceBody(await factory.OrganisationOfAsync(Demo.CaseWorker));
        body["planGoalId"] = otherGoal.Id;
        var before = await factory.PlanCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/services", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Services.UnknownGoal", "sr-Latn")], await ProblemErrorsAsync(response, "planGoalId"));
        Assert.Equal(before, await factory.PlanCountsAsync());
    }

    [Fact]
    public async Task ServicesPage_ServiceDatedBeforeTheCase_LocalisedErrorAndNothingSaved()
    {
        var (client, opened) = await OpenCaseAsync(factory, "sq");
        var before = await factory.PlanCountsAsync();

        var response = await UraFactory.PostFormAsync(client, $"/cases/{opened.Id}/services", new()
        {
            ["Input.Type"] = "Medical",
            ["Input.DeliveredOn"] = Iso(Today.AddDays(-7)),
            ["Input.ProviderOrganisationId"] = (await factory.OrganisationOfAsync(Demo.CaseWorker)).ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Plans.DateBeforeCaseOpened", "sq"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.PlanCountsAsync());
    }

    [Fact]
    public async Task ChangeService_ClosedCase_RefusedAndUnchanged()
    {
        var (client, opened) = await OpenCaseAsync(factory, "en");
        var own = await factory.OrganisationOfAsync(Demo.CaseWorker);
        var saved = await client.CreatedAsync<ServiceDeliveryView>($"/api/v1/cases/{opened.Id}/services", ServiceBody(own));
        await factory.CloseAsync(opened.Id);
        var body = ServiceBody(own);
        body["cost"] = 999m;

        var response = await client.PutAsJsonAsync($"/api/v1/cases/{opened.Id}/services/{saved.Id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Cases.Closed")], await ProblemErrorsAsync(response, ""));
        Assert.Equal(45.50m, await factory.WithDb(db => db.ServiceDeliveries.Where(s => s.Id == saved.Id).Select(s => s.Cost).SingleAsync()));
    }
}
