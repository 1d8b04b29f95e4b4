using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Provisions.ProvisionTestSupport;

namespace Ura.Tests.Provisions;

/// <summary>
/// Who may keep field provisions: identification officers, case workers, supervisors and outreach officers,
/// each only for their own organisation; other roles are refused; another organisation finds nothing (404)
/// and changes nothing.
/// </summary>
public sealed class ProvisionAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    // {0} a place, {1} one of its deliveries, {2} one of its distributions.
    private static readonly string[] FormPages =
    [
        "/provisions/points/{0}/deliveries/new", "/provisions/points/{0}/distributions/new",
        "/provisions/points/{0}/deliveries/{1}/remove", "/provisions/points/{0}/distributions/{2}/remove",
    ];
    private static readonly string[] PointPages = [.. FormPages, "/provisions/points/{0}/records", "/provisions/points/{0}/records?kind=deliveries"];
    private static readonly string[] Pages = ["/provisions", "/provisions/points/new", .. PointPages];

    private async Task<(Guid Point, Guid Delivery, Guid Distribution)> AlbanianPoliceRecordsAsync() =>
        await PointWithRecordsAsync(await factory.SignInAsync(Demo.Police));

    private static string Url(string page, (Guid Point, Guid Delivery, Guid Distribution) r) => string.Format(page, r.Point, r.Delivery, r.Distribution);

    [Theory]
    [InlineData("police")]
    [InlineData("caseworker")]
    [InlineData("supervisor")]
    [InlineData("outreach")]
    public async Task Pages_AllowedRoles_Open(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login));
        var records = await PointWithRecordsAsync(client);

        foreach (var page in Pages)
            Assert.Equal((page, HttpStatusCode.OK), (page, (await client.GetAsync(Url(page, records))).StatusCode));
    }

    [Theory]
    [InlineData("sheltermanager")]
    [InlineData("orgadmin")]
    [InlineData("coordinator")]
    [InlineData("analyst")]
    public async Task PagesAndApi_OtherRoles_ForbiddenAndUnchanged(string login)
    {
        var records = await AlbanianPoliceRecordsAsync();
        var point = records.Point;
        var client = await factory.SignInAsync(Demo.Email(login));
        var before = await factory.ProvisionRowsAsync();

        foreach (var page in Pages)
            Assert.Equal((page, HttpStatusCode.Forbidden), (page, await FinalStatusAsync(client, new(HttpMethod.Get, Url(page, records)))));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/points/{point}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/points/{point}/distributions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RemoveAsync(client, point, "deliveries", records.Delivery)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RemoveAsync(client, point, "distributions", records.Distribution)).StatusCode);
        foreach (var page in FormPages[2..])
            Assert.Equal((page, HttpStatusCode.Forbidden), (page, (await FollowAccessDeniedAsync(client,
                await PostPageAsync(client, Url(page, records), new() { ["Input.Reason"] = "Recorded twice" }))).StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/distributions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/points", new { name = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/points/{point}/deliveries", Delivery("FoodParcel", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/points/{point}/distributions",
            Distribution("2026-02-01", [("FoodParcel", 1)], ("Female", "From18To24", 1)))).StatusCode);
        Assert.Equal(before, await factory.ProvisionRowsAsync());
    }

    [Fact]
    public async Task PagesAndApi_Anonymous_SignInRequired()
    {
        var records = await AlbanianPoliceRecordsAsync();
        var point = records.Point;
        var client = factory.Anonymous();
        var before = await factory.ProvisionRowsAsync();

        foreach (var page in Pages)
        {
            var response = await client.GetAsync(Url(page, records));
            Assert.Equal((page, HttpStatusCode.Redirect, "/account/login"), (page, response.StatusCode, RedirectPath(response)));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync($"{Api}/points/{point}/deliveries", Delivery("FoodParcel", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"{Api}/points/{point}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RemoveAsync(client, point, "deliveries", records.Delivery)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RemoveAsync(client, point, "distributions", records.Distribution)).StatusCode);
        Assert.Equal(before, await factory.ProvisionRowsAsync());
    }

    [Theory]
    [InlineData("police", "xk")]
    [InlineData("caseworker", "al")]
    public async Task PagesAndApi_OtherOrganisation_NotFoundAndUnchanged(string login, string country)
    {
        var records = await AlbanianPoliceRecordsAsync();
        var point = records.Point;
        var client = await factory.SignInAsync(Demo.Email(login, country));
        var own = await PointWithStockAsync(client, ("FoodParcel", 5));
        var before = await factory.ProvisionRowsAsync();

        foreach (var page in PointPages)
            Assert.Equal((page, HttpStatusCode.NotFound), (page, (await client.GetAsync(Url(page, records))).StatusCode));
        foreach (var page in FormPages)
        {
            var posted = await UraFactory.PostFormAsync(client, Url(page, records), new()
            {
                ["Input.ReceivedOn"] = "2026-02-01", ["Input.GivenOn"] = "2026-02-01", ["Input.Item"] = "FoodParcel", ["Input.Quantity"] = "1",
                ["Input.Items[FoodParcel]"] = "1", ["Input.People[Female_From18To24]"] = "1", ["Input.Reason"] = "Recorded twice",
            }, formPage: "/provisions/points/new");
            Assert.Equal((page, HttpStatusCode.NotFound), (page, posted.StatusCode));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/points/{point}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/points/{point}/distributions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RemoveAsync(client, point, "deliveries", records.Delivery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RemoveAsync(client, point, "distributions", records.Distribution)).StatusCode);
        // Their own place in the route does not reach the record either.
        Assert.Equal(HttpStatusCode.NotFound, (await RemoveAsync(client, own, "deliveries", records.Delivery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RemoveAsync(client, own, "distributions", records.Distribution)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/provisions/points/{own}/distributions/{records.Distribution}/remove")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"{Api}/points/{point}/deliveries", Delivery("FoodParcel", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"{Api}/points/{point}/distributions",
            Distribution("2026-02-01", [("FoodParcel", 1)], ("Female", "From18To24", 1)))).StatusCode);
        Assert.DoesNotContain((await OverviewAsync(client)).Points, p => p.Id == point);
        var distributions = await client.GetFromJsonAsync<Ura.Features.Admin.Paged<Ura.Features.Provisions.DistributionView>>($"{Api}/distributions?point={point}", JsonOptions);
        Assert.Equal(0, distributions!.TotalCount);
        Assert.DoesNotContain("Kakavij", await (await client.GetAsync("/provisions")).HtmlAsync());
        Assert.Equal(before, await factory.ProvisionRowsAsync());
        Assert.False(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action.EndsWith(".remove") && (a.EntityId == records.Delivery.ToString() || a.EntityId == records.Distribution.ToString()))));
    }
}
