using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Provisions;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Provisions.ProvisionTestSupport;

namespace Ura.Tests.Provisions;

/// <summary>
/// Field provisions at identification points: deliveries add to a place's stock, distributions take from it
/// and count the people served by sex and age band; giving out more than a place holds and every kind of bad
/// input is refused with a localised message and changes nothing.
/// </summary>
public sealed class ProvisionTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Demo_PoliceHoldsTwoPlacesWithStockAndDistributions()
    {
        var client = await factory.SignInAsync(Demo.Police);

        var overview = await OverviewAsync(client);
        var demo = overview.Points.Where(p => p.Name is "Pika e kalimit kufitar Kakavijë" or "Porti i Durrësit").ToList();
        Assert.Equal(2, demo.Count);
        Assert.All(demo, p => Assert.Contains(p.Stock, s => s.Item == ProvisionItem.FoodParcel && s.Given > 0 && s.InStock == s.Delivered - s.Given && s.InStock > 0));
        var latest = await client.GetFromJsonAsync<Ura.Features.Admin.Paged<DistributionView>>($"{Api}/distributions?point={demo[0].Id}", JsonOptions);
        Assert.True(latest!.TotalCount > 20);
        Assert.All(latest.Items, d => Assert.True(d.Served.Total > 0));
    }

    [Fact]
    public async Task Distribution_WithinStock_StockFallsPeopleCountedAndAudited()
    {
        var client = await factory.SignInAsync(Demo.Police);
        var point = await PointWithStockAsync(client, ("FoodParcel", 10), ("HygieneKit", 4));
        var before = await OverviewAsync(client, 2026);

        var response = await client.PostAsJsonAsync($"{Api}/points/{point}/distributions",
            Distribution("2026-02-10", [("FoodParcel", 3), ("HygieneKit", 4)], ("Female", "From18To24", 2), ("OtherOrUnknown", "Under12", 1)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<DistributionView>(JsonOptions))!;
        Assert.Equal(3, view.Served.Total);
        Assert.Equal(new StockLine(ProvisionItem.FoodParcel, 10, 3, 7), await StockAsync(client, point, "FoodParcel"));
        Assert.Equal(new StockLine(ProvisionItem.HygieneKit, 4, 4, 0), await StockAsync(client, point, "HygieneKit"));
        var after = await OverviewAsync(client, 2026);
        Assert.Equal(before.Distributions + 1, after.Distributions);
        Assert.Equal(before.ServedInYear.Total + 3, after.ServedInYear.Total);
        Assert.Equal(before.ServedInYear.Of(Ura.Features.Awareness.Campaigns.Sex.Female, Ura.Features.Cases.AgeBand.From18To24) + 2,
            after.ServedInYear.Of(Ura.Features.Awareness.Campaigns.Sex.Female, Ura.Features.Cases.AgeBand.From18To24));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "provisions.distribution.add" && a.EntityId == view.Id.ToString())));
    }

    [Fact]
    public async Task Distribution_MoreThanInStock_RefusedInAlbanianNothingChanged()
    {
        var english = await factory.SignInAsync(Demo.Police);
        var point = await PointWithStockAsync(english, ("FoodParcel", 2));
        var client = await factory.SignInAsync(Demo.Police, "sq");
        var before = await factory.ProvisionRowsAsync();

        var response = await client.PostAsJsonAsync($"{Api}/points/{point}/distributions",
            Distribution("2026-02-10", [("FoodParcel", 3)], ("Female", "From18To24", 3)));
        var notDelivered = await client.PostAsJsonAsync($"{Api}/points/{point}/distributions",
            Distribution("2026-02-10", [("Blanket", 1)], ("Female", "From18To24", 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text("Provisions.NotEnough", "sq"), await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notDelivered.StatusCode);
        Assert.Equal(before, await factory.ProvisionRowsAsync());
    }

    public static TheoryData<string, string, object> BadDeliveries => new()
    {
        { "quantity", "Provisions.QuantityRange", Delivery("FoodParcel", -5) },
        { "quantity", "Provisions.QuantityRange", Delivery("FoodParcel", 0) },
        { "quantity", "Provisions.QuantityRange", Delivery("FoodParcel", 100_001) },
        { "item", "Provisions.UnknownItem", Delivery("Cigarettes", 5) },
        { "item", "Provisions.UnknownItem", Delivery("3", 5) },
        { "receivedOn", "Provisions.DateInFuture", Delivery("FoodParcel", 5, "2999-01-01") },
        { "receivedOn", "Provisions.DateTooEarly", Delivery("FoodParcel", 5, "1999-12-31") },
    };

    [Theory]
    [MemberData(nameof(BadDeliveries))]
    public async Task Delivery_BadInput_LocalisedErrorNothingChanged(string field, string key, object body)
    {
        var client = await factory.SignInAsync(Demo.Police, "mk");
        var point = await PointWithStockAsync(client);
        var before = await factory.ProvisionRowsAsync();

        var response = await client.PostAsJsonAsync($"{Api}/points/{point}/deliveries", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Contains(factory.Text(key, "mk"), problem!.Errors[field]);
        Assert.Equal(before, await factory.ProvisionRowsAsync());
    }

    public static TheoryData<string, string, object> BadDistributions => new()
    {
        { "served", "People.Negative", Distribution("2026-02-10", [("FoodParcel", 1)], ("Female", "From18To24", -1)) },
        { "served", "Provisions.NobodyServed", Distribution("2026-02-10", [("FoodParcel", 1)]) },
        { "served", "People.UnknownGroup", Distribution("2026-02-10", [("FoodParcel", 1)], ("Woman", "From18To24", 1)) },
        { "items", "Provisions.QuantityRange", Distribution("2026-02-10", [("FoodParcel", -2)], ("Female", "From18To24", 1)) },
        { "items", "Provisions.NoItems", Distribution("2026-02-10", [], ("Female", "From18To24", 1)) },
        { "items", "Provisions.DuplicateItem", Distribution("2026-02-10", [("FoodParcel", 1), ("FoodParcel", 1)], ("Female", "From18To24", 1)) },
        { "items", "Provisions.UnknownItem", Distribution("2026-02-10", [("Cigarettes", 1)], ("Female", "From18To24", 1)) },
        { "givenOn", "Provisions.DateInFuture", Distribution("2999-02-10", [("FoodParcel", 1)], ("Female", "From18To24", 1)) },
    };

    [Theory]
    [MemberData(nameof(BadDistributions))]
    public async Task Distribution_BadInput_LocalisedErrorNothingChanged(string field, string key, object body)
    {
        var client = await factory.SignInAsync(Demo.Police, "sr-Latn");
        var point = await PointWithStockAsync(client, ("FoodParcel", 10));
        var before = await factory.ProvisionRowsAsync();

        var response = await client.PostAsJsonAsync($"{Api}/points/{point}/distributions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Contains(factory.Text(key, "sr-Latn"), problem!.Errors[field]);
        Assert.Equal(before, await factory.ProvisionRowsAsync());
    }

    [Fact]
    public async Task Point_SameNameTwiceOrEmpty_Refused()
    {
        var client = await factory.SignInAsync(Demo.Police, "en");
        var name = "Border " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"{Api}/points", new { name })).StatusCode);
        var before = await factory.ProvisionRowsAsync();

        var twice = await client.PostAsJsonAsync($"{Api}/points", new { name });
        var empty = await client.PostAsJsonAsync($"{Api}/points", new { name = "  " });

        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains(factory.Text("Provisions.Point.Exists", "en"), await twice.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(before, await factory.ProvisionRowsAsync());
    }

    [Fact]
    public async Task Pages_DeliveryThenDistribution_ShowStockAndPeople()
    {
        var client = await factory.SignInAsync(Demo.Police, "en");
        var point = await PointWithStockAsync(client);
        var name = (await OverviewAsync(client)).Points.Single(p => p.Id == point).Name;

        var delivered = await UraFactory.PostFormAsync(client, $"/provisions/points/{point}/deliveries/new", new()
        {
            ["Input.ReceivedOn"] = "2026-03-01", ["Input.Item"] = "SanitaryPads", ["Input.Quantity"] = "12", ["Input.Source"] = "UNFPA",
        });
        var given = await UraFactory.PostFormAsync(client, $"/provisions/points/{point}/distributions/new", new()
        {
            ["Input.GivenOn"] = "2026-03-02", ["Input.Items[SanitaryPads]"] = "5", ["Input.People[Female_From18To24]"] = "5",
        });

        Assert.Equal((HttpStatusCode.Redirect, $"/provisions#point-{point}"), (delivered.StatusCode, RedirectPath(delivered)));
        Assert.Equal((HttpStatusCode.Redirect, $"/provisions#point-{point}"), (given.StatusCode, RedirectPath(given)));
        Assert.Equal(new StockLine(ProvisionItem.SanitaryPads, 12, 5, 7), await StockAsync(client, point, "SanitaryPads"));
        var html = await (await client.GetAsync("/provisions")).HtmlAsync();
        Assert.Contains(name, html);
        Assert.Contains(factory.Text("ProvisionItem.SanitaryPads", "en"), html);
        Assert.Contains($"/provisions/points/{point}/distributions/new", html);
    }

    [Fact]
    public async Task DistributionPage_NegativeUnreadableAndTooMany_MessagesInAlbanianNothingStored()
    {
        var client = await factory.SignInAsync(Demo.Police, "sq");
        var point = await PointWithStockAsync(client, ("Diapers", 3));
        var url = $"/provisions/points/{point}/distributions/new";
        var before = await factory.ProvisionRowsAsync();

        var negative = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.GivenOn"] = "2026-03-02", ["Input.Items[Diapers]"] = "1", ["Input.People[Female_Under12]"] = "-4",
        });
        var unreadable = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.GivenOn"] = "2026-03-02", ["Input.Items[Diapers]"] = "two", ["Input.People[Female_Under12]"] = "1",
        });
        var tooMany = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.GivenOn"] = "2026-03-02", ["Input.Items[Diapers]"] = "4", ["Input.People[Female_Under12]"] = "1",
        });
        var script = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.GivenOn"] = "", ["Input.Items[Diapers]"] = "1", ["Input.Notes"] = "<script>alert(1)</script>",
        });

        Assert.Contains(factory.Text("People.Negative", "sq"), await negative.HtmlAsync());
        Assert.Contains(factory.Text("Validation.Number", "sq"), await unreadable.HtmlAsync());
        Assert.Contains(factory.Text("Provisions.NotEnough", "sq"), await tooMany.HtmlAsync());
        var scriptHtml = await script.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", scriptHtml);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", scriptHtml);
        Assert.Equal(before, await factory.ProvisionRowsAsync());
    }
}
