using System.Net;
using System.Net.Http.Json;
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
    private static readonly string[] PointPages = ["/provisions/points/{0}/deliveries/new", "/provisions/points/{0}/distributions/new"];
    private static readonly string[] Pages = ["/provisions", "/provisions/points/new", .. PointPages];

    private async Task<Guid> AlbanianPolicePointAsync() => await PointWithStockAsync(await factory.SignInAsync(Demo.Police), ("FoodParcel", 5));

    [Theory]
    [InlineData("police")]
    [InlineData("caseworker")]
    [InlineData("supervisor")]
    [InlineData("outreach")]
    public async Task Pages_AllowedRoles_Open(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login));
        var point = await PointWithStockAsync(client, ("Blanket", 1));

        foreach (var page in Pages)
            Assert.Equal((page, HttpStatusCode.OK), (page, (await client.GetAsync(string.Format(page, point))).StatusCode));
    }

    [Theory]
    [InlineData("sheltermanager")]
    [InlineData("orgadmin")]
    [InlineData("coordinator")]
    [InlineData("analyst")]
    public async Task PagesAndApi_OtherRoles_ForbiddenAndUnchanged(string login)
    {
        var point = await AlbanianPolicePointAsync();
        var client = await factory.SignInAsync(Demo.Email(login));
        var before = await factory.ProvisionRowsAsync();

        foreach (var page in Pages)
            Assert.Equal((page, HttpStatusCode.Forbidden), (page, await FinalStatusAsync(client, new(HttpMethod.Get, string.Format(page, point)))));
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
        var point = await AlbanianPolicePointAsync();
        var client = factory.Anonymous();

        foreach (var page in Pages)
        {
            var response = await client.GetAsync(string.Format(page, point));
            Assert.Equal((page, HttpStatusCode.Redirect, "/account/login"), (page, response.StatusCode, RedirectPath(response)));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync($"{Api}/points/{point}/deliveries", Delivery("FoodParcel", 1))).StatusCode);
    }

    [Theory]
    [InlineData("police", "xk")]
    [InlineData("caseworker", "al")]
    public async Task PagesAndApi_OtherOrganisation_NotFoundAndUnchanged(string login, string country)
    {
        var point = await AlbanianPolicePointAsync();
        var client = await factory.SignInAsync(Demo.Email(login, country));
        var before = await factory.ProvisionRowsAsync();

        foreach (var page in PointPages)
        {
            Assert.Equal((page, HttpStatusCode.NotFound), (page, (await client.GetAsync(string.Format(page, point))).StatusCode));
            var posted = await UraFactory.PostFormAsync(client, string.Format(page, point), new()
            {
                ["Input.ReceivedOn"] = "2026-02-01", ["Input.GivenOn"] = "2026-02-01", ["Input.Item"] = "FoodParcel", ["Input.Quantity"] = "1",
                ["Input.Items[FoodParcel]"] = "1", ["Input.People[Female_From18To24]"] = "1",
            }, formPage: "/provisions/points/new");
            Assert.Equal((page, HttpStatusCode.NotFound), (page, posted.StatusCode));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"{Api}/points/{point}/deliveries", Delivery("FoodParcel", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"{Api}/points/{point}/distributions",
            Distribution("2026-02-01", [("FoodParcel", 1)], ("Female", "From18To24", 1)))).StatusCode);
        Assert.DoesNotContain((await OverviewAsync(client)).Points, p => p.Id == point);
        var distributions = await client.GetFromJsonAsync<Ura.Features.Admin.Paged<Ura.Features.Provisions.DistributionView>>($"{Api}/distributions?point={point}", JsonOptions);
        Assert.Equal(0, distributions!.TotalCount);
        Assert.DoesNotContain("Kakavij", await (await client.GetAsync("/provisions")).HtmlAsync());
        Assert.Equal(before, await factory.ProvisionRowsAsync());
    }
}
