using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Provisions;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Provisions.ProvisionTestSupport;

namespace Ura.Tests.Provisions;

/// <summary>
/// Undoing a delivery or distribution recorded by mistake: a place's records listed newest first, removal with
/// a reason that the audit trail keeps, stock corrected; a delivery whose items were given out already stays,
/// and so does everything when the reason is missing or too long.
/// </summary>
public sealed class ProvisionRemovalTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task RemoveDistribution_Api_StockBackUpPeopleUncountedAndAudited()
    {
        var client = await factory.SignInAsync(Demo.Police);
        var point = await PointWithStockAsync(client, ("FoodParcel", 10), ("HygieneKit", 4));
        var kept = await DistributeAsync(client, point, "HygieneKit", 1);
        var response = await client.PostAsJsonAsync($"{Api}/points/{point}/distributions",
            Distribution("2026-02-10", [("FoodParcel", 3), ("HygieneKit", 2)], ("Female", "From18To24", 2), ("Male", "Under12", 1)));
        var mistake = (await response.Content.ReadFromJsonAsync<DistributionView>(JsonOptions))!.Id;
        var before = await OverviewAsync(client, 2026);

        var removed = await RemoveAsync(client, point, "distributions", mistake, "  Recorded twice  ");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(mistake, (await removed.Content.ReadFromJsonAsync<DistributionView>(JsonOptions))!.Id);
        Assert.Equal(new StockLine(ProvisionItem.FoodParcel, 10, 0, 10), await StockAsync(client, point, "FoodParcel"));
        Assert.Equal(new StockLine(ProvisionItem.HygieneKit, 4, 1, 3), await StockAsync(client, point, "HygieneKit"));
        var after = await OverviewAsync(client, 2026);
        Assert.Equal(before.Distributions - 1, after.Distributions);
        Assert.Equal(before.ServedInYear.Total - 3, after.ServedInYear.Total);
        var list = (await client.GetFromJsonAsync<Paged<DistributionView>>($"{Api}/points/{point}/distributions", JsonOptions))!;
        Assert.Equal([kept], list.Items.Select(d => d.Id).ToArray());
        Assert.Equal((0, 0), await factory.WithDb(async db => (
            await db.ProvisionDistributionItems.CountAsync(i => i.DistributionId == mistake),
            await db.ProvisionServed.CountAsync(s => s.DistributionId == mistake))));
        var police = await factory.UserAsync(Demo.Police);
        var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(a => a.Action == "provisions.distribution.remove" && a.EntityId == mistake.ToString()));
        Assert.Equal(((Guid?)police.Id, (Guid?)police.OrganisationId), (audit.UserId, audit.OrganisationId));
        Assert.Equal($"point={point}; given 2026-02-10; FoodParcel 3, HygieneKit 2; people 3; reason: Recorded twice", audit.Detail);
    }

    [Fact]
    public async Task RemoveDelivery_NoneOfItGivenOut_StockFallsAndAudited()
    {
        var client = await factory.SignInAsync(Demo.Police);
        var point = await PointWithStockAsync(client, ("Diapers", 10));
        await DistributeAsync(client, point, "Diapers", 4);
        var mistake = await DeliverAsync(client, point, "Diapers", 6, "2026-01-20");

        var removed = await RemoveAsync(client, point, "deliveries", mistake, "Wrong place");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(new StockLine(ProvisionItem.Diapers, 10, 4, 6), await StockAsync(client, point, "Diapers"));
        Assert.False(await factory.WithDb(db => db.ProvisionDeliveries.AnyAsync(d => d.Id == mistake)));
        var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(a => a.Action == "provisions.delivery.remove" && a.EntityId == mistake.ToString()));
        Assert.Equal((await factory.UserAsync(Demo.Police)).Id, audit.UserId!.Value);
        Assert.Equal($"point={point}; Diapers 6 received 2026-01-20; reason: Wrong place", audit.Detail);
    }

    [Fact]
    public async Task RemoveDelivery_ItemsAlreadyGivenOut_RefusedInMacedonianNothingChanged()
    {
        var english = await factory.SignInAsync(Demo.Police);
        var point = await PointWithStockAsync(english);
        var first = await DeliverAsync(english, point, "Blanket", 10);
        var second = await DeliverAsync(english, point, "Blanket", 5);
        await DistributeAsync(english, point, "Blanket", 8);
        var client = await factory.SignInAsync(Demo.Police, "mk");
        var before = await factory.ProvisionRowsAsync();

        // 15 delivered, 8 given: without the first delivery only 5 would be left for 8 given out.
        var response = await RemoveAsync(client, point, "deliveries", first);
        var page = await UraFactory.PostFormAsync(client, $"/provisions/points/{point}/deliveries/{first}/remove", new() { ["Input.Reason"] = "Recorded twice" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text("Provisions.Remove.AlreadyGiven", "mk"), await ProblemErrorsAsync(response, ""));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.HtmlAsync();
        Assert.Contains(factory.Text("Provisions.Remove.AlreadyGiven", "mk"), html);
        Assert.DoesNotContain(factory.Text("Provisions.Remove.Confirm", "mk"), html);
        Assert.Equal(before, await factory.ProvisionRowsAsync());
        Assert.Equal(new StockLine(ProvisionItem.Blanket, 15, 8, 7), await StockAsync(client, point, "Blanket"));
        Assert.False(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "provisions.delivery.remove" && a.EntityId == first.ToString())));

        // The second delivery can go: 10 delivered still cover the 8 given.
        Assert.Equal(HttpStatusCode.OK, (await RemoveAsync(client, point, "deliveries", second)).StatusCode);
        Assert.Equal(new StockLine(ProvisionItem.Blanket, 10, 8, 2), await StockAsync(client, point, "Blanket"));
    }

    public static TheoryData<string, string?, string> BadReasons => new()
    {
        { "deliveries", null, "Validation.Required" },
        { "deliveries", "   ", "Validation.Required" },
        { "deliveries", new string('x', 201), "Validation.TooLong" },
        { "distributions", null, "Validation.Required" },
        { "distributions", "", "Validation.Required" },
        { "distributions", new string('x', 201), "Validation.TooLong" },
    };

    [Theory]
    [MemberData(nameof(BadReasons))]
    public async Task Remove_MissingOrTooLongReason_LocalisedErrorNothingChanged(string kind, string? reason, string key)
    {
        var client = await factory.SignInAsync(Demo.Police, "sr-Latn");
        var records = await PointWithRecordsAsync(client);
        // A delivery none of whose items were given out, so that only the reason stands in the way.
        var id = kind == "deliveries" ? await DeliverAsync(client, records.Point, "Blanket", 2) : records.Distribution;
        var before = await factory.ProvisionRowsAsync();

        var response = await RemoveAsync(client, records.Point, kind, id, reason);
        var page = await UraFactory.PostFormAsync(client, $"/provisions/points/{records.Point}/{kind}/{id}/remove", new() { ["Input.Reason"] = reason ?? "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "sr-Latn"), await ProblemErrorsAsync(response, "reason"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(factory.Text(key, "sr-Latn"), await page.HtmlAsync());
        Assert.Equal(before, await factory.ProvisionRowsAsync());
    }

    [Fact]
    public async Task Remove_UnknownRecordOrOtherPlace_NotFoundNothingChanged()
    {
        var client = await factory.SignInAsync(Demo.Police);
        var records = await PointWithRecordsAsync(client);
        var other = await PointWithStockAsync(client, ("FoodParcel", 1));
        var before = await factory.ProvisionRowsAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await RemoveAsync(client, records.Point, "deliveries", Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RemoveAsync(client, records.Point, "distributions", records.Delivery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RemoveAsync(client, records.Point, "deliveries", records.Distribution)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RemoveAsync(client, other, "distributions", records.Distribution)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/provisions/points/{other}/deliveries/{records.Delivery}/remove")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/provisions/points/{records.Point}/parcels/{records.Delivery}/remove")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/points/{Guid.NewGuid()}/deliveries")).StatusCode);
        Assert.Equal(before, await factory.ProvisionRowsAsync());
    }

    [Fact]
    public async Task RemoveDistribution_Twice_SecondNotFound()
    {
        var client = await factory.SignInAsync(Demo.Police);
        var records = await PointWithRecordsAsync(client);

        Assert.Equal(HttpStatusCode.OK, (await RemoveAsync(client, records.Point, "distributions", records.Distribution)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RemoveAsync(client, records.Point, "distributions", records.Distribution)).StatusCode);
        Assert.Equal(new StockLine(ProvisionItem.FoodParcel, 5, 0, 5), await StockAsync(client, records.Point, "FoodParcel"));
    }

    [Fact]
    public async Task Lists_OnePlace_NewestFirstTwentyFiveAPage()
    {
        var client = await factory.SignInAsync(Demo.Police);
        var point = await PointWithStockAsync(client);
        var other = await PointWithStockAsync(client, ("Clothing", 3));
        for (var day = 1; day <= 27; day++)
            await DeliverAsync(client, point, "Clothing", day, $"2026-01-{day:00}");
        var older = await DistributeAsync(client, point, "Clothing", 1, "2026-02-01");
        var newer = await DistributeAsync(client, point, "Clothing", 2, "2026-02-03");
        await DistributeAsync(client, other, "Clothing", 1, "2026-02-02");

        var first = (await client.GetFromJsonAsync<Paged<DeliveryView>>($"{Api}/points/{point}/deliveries", JsonOptions))!;
        var second = (await client.GetFromJsonAsync<Paged<DeliveryView>>($"{Api}/points/{point}/deliveries?page=2", JsonOptions))!;
        var given = (await client.GetFromJsonAsync<Paged<DistributionView>>($"{Api}/points/{point}/distributions", JsonOptions))!;

        Assert.Equal((27, 25, 2), (first.TotalCount, first.Items.Count, second.Items.Count));
        Assert.Equal(Enumerable.Range(1, 27).Reverse(), first.Items.Concat(second.Items).Select(d => d.Quantity));
        Assert.All(first.Items, d => Assert.Equal(point, d.PointId));
        Assert.Equal([newer, older], given.Items.Select(d => d.Id).ToArray());
    }

    [Fact]
    public async Task Pages_RecordsListedRemoveDistributionThenDelivery_StockCorrected()
    {
        var client = await factory.SignInAsync(Demo.Police, "en");
        var point = await PointWithStockAsync(client);
        var delivery = await DeliverAsync(client, point, "BabyFood", 9);
        var distribution = await DistributeAsync(client, point, "BabyFood", 4);

        var overview = await (await client.GetAsync("/provisions")).HtmlAsync();
        var distributions = await (await client.GetAsync($"/provisions/points/{point}/records")).HtmlAsync();
        var deliveries = await (await client.GetAsync($"/provisions/points/{point}/records?kind=deliveries")).HtmlAsync();
        var confirm = await (await client.GetAsync($"/provisions/points/{point}/distributions/{distribution}/remove")).HtmlAsync();
        var refusedFirst = await (await client.GetAsync($"/provisions/points/{point}/deliveries/{delivery}/remove")).HtmlAsync();

        Assert.Contains($"/provisions/points/{point}/records", overview);
        Assert.Contains($"/provisions/points/{point}/distributions/{distribution}/remove", distributions);
        Assert.DoesNotContain($"/deliveries/{delivery}/remove", distributions);
        Assert.Contains($"/provisions/points/{point}/deliveries/{delivery}/remove", deliveries);
        Assert.Contains(factory.Text("Provisions.Remove.DistributionTitle"), confirm);
        Assert.Contains(factory.Text("Provisions.Remove.Confirm"), confirm);
        Assert.Contains(factory.Text("Provisions.Remove.AlreadyGiven"), refusedFirst);

        var removed = await UraFactory.PostFormAsync(client, $"/provisions/points/{point}/distributions/{distribution}/remove", new() { ["Input.Reason"] = "Entered at the wrong place" });

        Assert.Equal((HttpStatusCode.Redirect, $"/provisions/points/{point}/records"), (removed.StatusCode, RedirectPath(removed)));
        Assert.Equal(new StockLine(ProvisionItem.BabyFood, 9, 0, 9), await StockAsync(client, point, "BabyFood"));
        Assert.Contains(factory.Text("Provisions.Records.Removed"), await (await client.GetAsync(removed.Headers.Location)).HtmlAsync());
        Assert.Contains(factory.Text("Provisions.Remove.Confirm"), await (await client.GetAsync($"/provisions/points/{point}/deliveries/{delivery}/remove")).HtmlAsync());

        var removedDelivery = await UraFactory.PostFormAsync(client, $"/provisions/points/{point}/deliveries/{delivery}/remove", new() { ["Input.Reason"] = "Never arrived" });

        Assert.Equal((HttpStatusCode.Redirect, $"/provisions/points/{point}/records"), (removedDelivery.StatusCode, RedirectPath(removedDelivery)));
        Assert.Contains("kind=deliveries", removedDelivery.Headers.Location!.OriginalString);
        Assert.Null(await StockAsync(client, point, "BabyFood"));
        Assert.Contains(factory.Text("Provisions.Records.NoDeliveries"), await (await client.GetAsync($"/provisions/points/{point}/records?kind=deliveries")).HtmlAsync());
    }
}
