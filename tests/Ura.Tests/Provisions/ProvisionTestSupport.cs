using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Provisions;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Provisions;

/// <summary>Places, deliveries and distributions through the API, and a fingerprint of every provisions row.</summary>
internal static class ProvisionTestSupport
{
    public const string Api = "/api/v1/provisions";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A new place with a unique name, holding <paramref name="stock"/> of each item given.</summary>
    public static async Task<Guid> PointWithStockAsync(HttpClient client, params (string Item, int Quantity)[] stock)
    {
        var created = await client.PostAsJsonAsync($"{Api}/points", new { name = "Point " + Guid.NewGuid().ToString("N")[..8] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<PointView>(JsonOptions))!.Id;
        foreach (var (item, quantity) in stock)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"{Api}/points/{id}/deliveries", Delivery(item, quantity))).StatusCode);
        return id;
    }

    /// <summary>Records a delivery through the API and answers its id.</summary>
    public static async Task<Guid> DeliverAsync(HttpClient client, Guid point, string item, int quantity, string on = "2026-01-05")
    {
        var response = await client.PostAsJsonAsync($"{Api}/points/{point}/deliveries", Delivery(item, quantity, on));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DeliveryView>(JsonOptions))!.Id;
    }

    /// <summary>Gives out <paramref name="quantity"/> of one item to as many women aged 18-24 through the API and answers the distribution's id.</summary>
    public static async Task<Guid> DistributeAsync(HttpClient client, Guid point, string item, int quantity, string on = "2026-02-10")
    {
        var response = await client.PostAsJsonAsync($"{Api}/points/{point}/distributions", Distribution(on, [(item, quantity)], ("Female", "From18To24", quantity)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DistributionView>(JsonOptions))!.Id;
    }

    /// <summary>A new place holding 5 food parcels from one delivery, 1 of them given out.</summary>
    public static async Task<(Guid Point, Guid Delivery, Guid Distribution)> PointWithRecordsAsync(HttpClient client)
    {
        var point = await PointWithStockAsync(client);
        var delivery = await DeliverAsync(client, point, "FoodParcel", 5);
        return (point, delivery, await DistributeAsync(client, point, "FoodParcel", 1));
    }

    /// <summary><c>DELETE</c> of a delivery or distribution (<paramref name="kind"/>), with the reason as its body unless null.</summary>
    public static Task<HttpResponseMessage> RemoveAsync(HttpClient client, Guid point, string kind, Guid id, string? reason = "Recorded twice") =>
        client.SendAsync(new(HttpMethod.Delete, $"{Api}/points/{point}/{kind}/{id}") { Content = reason is null ? null : JsonContent.Create(new { reason }) });

    public static object Delivery(string item, int quantity, string on = "2026-01-05") => new { receivedOn = on, item, quantity, source = "Red Cross" };

    public static object Distribution(string on, (string Item, int Quantity)[] items, params (string Sex, string Band, int People)[] served) => new
    {
        givenOn = on,
        items = items.Select(i => new { item = i.Item, quantity = i.Quantity }).ToArray(),
        served = served.Select(s => new { sex = s.Sex, ageBand = s.Band, people = s.People }).ToArray(),
    };

    public static async Task<ProvisionOverview> OverviewAsync(HttpClient client, int? year = null) =>
        (await client.GetFromJsonAsync<ProvisionOverview>(year is null ? Api : $"{Api}?year={year}", JsonOptions))!;

    public static async Task<StockLine?> StockAsync(HttpClient client, Guid point, string item) =>
        (await OverviewAsync(client)).Points.Single(p => p.Id == point).Stock.SingleOrDefault(s => s.Item.ToString() == item);

    /// <summary>Every place, delivery, distribution, item and count with its values: equal before and after means nothing changed.</summary>
    public static Task<string> ProvisionRowsAsync(this UraFactory factory) =>
        factory.WithDb(async db =>
        {
            var points = await db.ProvisionPoints.Select(p => $"P {p.Id} {p.Name} {p.Version}").ToListAsync();
            var deliveries = await db.ProvisionDeliveries.Select(d => $"D {d.Id} {d.PointId} {d.ReceivedOn} {d.Item} {d.Quantity}").ToListAsync();
            var distributions = await db.ProvisionDistributions.Select(d => $"G {d.Id} {d.PointId} {d.GivenOn} {d.Notes}").ToListAsync();
            var items = await db.ProvisionDistributionItems.Select(i => $"I {i.Id} {i.Item} {i.Quantity}").ToListAsync();
            var served = await db.ProvisionServed.Select(s => $"S {s.Id} {s.Sex} {s.AgeBand} {s.People}").ToListAsync();
            return string.Join("\n", points.Concat(deliveries).Concat(distributions).Concat(items).Concat(served).Order(StringComparer.Ordinal));
        });
}
