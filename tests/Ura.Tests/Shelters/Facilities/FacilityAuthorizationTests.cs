using System.Net;
using System.Net.Http.Json;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Shelters.Facilities.FacilityTestSupport;

namespace Ura.Tests.Shelters.Facilities;

/// <summary>
/// Who may open and change a facility: its own organisation's shelter managers only. Another
/// organisation's shelter manager gets 404; every other role 403 (a role policy); and after their
/// attempt the facility, its beds and its standards are exactly as before.
/// </summary>
public sealed class FacilityAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly Guid Facility = Emergency();

    public static TheoryData<string, HttpStatusCode> Outsiders => new()
    {
        { ShelterManager("xk"), HttpStatusCode.NotFound },
        { ShelterManager("mk"), HttpStatusCode.NotFound },
        { Demo.CaseWorker, HttpStatusCode.Forbidden },
        { Demo.Supervisor, HttpStatusCode.Forbidden },
        { Demo.SocialWorker, HttpStatusCode.Forbidden },
        { Demo.Email("caseworker", "xk"), HttpStatusCode.Forbidden },
        { Demo.OrgAdmin, HttpStatusCode.Forbidden },
        { Demo.Coordinator, HttpStatusCode.Forbidden },
        { Demo.Analyst, HttpStatusCode.Forbidden },
        { Demo.Police, HttpStatusCode.Forbidden },
        { Demo.SystemAdmin, HttpStatusCode.Forbidden },
    };

    private static readonly string[] Pages = ["", "/edit", "/beds", "/standards"];

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task FacilityPagesAndApi_Outsider_RefusedAndNothingChanged(string email, HttpStatusCode expected)
    {
        var before = await SnapshotAsync(factory, Facility);
        var bed = await FirstBedAsync(factory, Facility);
        var client = await factory.SignInAsync(email);

        foreach (var page in Pages)
            Assert.Equal(expected, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/shelters/{Facility}{page}")));
        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"/shelters/{Facility}/edit", new() { ["Input.Name"] = "Taken over", ["Input.Type"] = "EmergencyShelter", ["Input.Populations"] = "Men",
                ["Input.Currency"] = "EUR", ["Input.ServiceId"] = ShelterService().ToString(), ["Input.Street"] = "x", ["Input.City"] = "x", ["Input.CountryCode"] = "AL" }),
            ($"/shelters/{Facility}/beds?handler=AddRoom", new() { ["NewRoom.Room"] = "99", ["NewRoom.Count"] = "3", ["NewRoom.Type"] = "Adult" }),
            ($"/shelters/{Facility}/beds?handler=Service", new() { ["bedId"] = bed.ToString(), ["inService"] = "false" }),
            ($"/shelters/{Facility}/beds?handler=Remove", new() { ["bedId"] = bed.ToString() }),
            ($"/shelters/{Facility}/standards", new() { ["Items[0].Code"] = "Health", ["Items[0].Level"] = "NotMet" }),
        };
        foreach (var (url, fields) in posts)
            Assert.Equal(expected, (await AdminTestSupport.FollowAccessDeniedAsync(client, await AdminTestSupport.PostPageAsync(client, url, fields))).StatusCode);

        var api = $"/api/v1/shelters/facilities/{Facility}";
        Assert.Equal(expected, (await client.GetAsync(api)).StatusCode);
        Assert.Equal(expected, (await client.GetAsync(api + "/beds")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync(api + "/standards")).StatusCode);
        Assert.Equal(expected, (await client.PutAsJsonAsync(api, Body(ShelterService(), "Taken over"))).StatusCode);
        Assert.Equal(expected, (await client.PostAsJsonAsync(api + "/beds", new { room = "99", count = 3, type = "Adult" })).StatusCode);
        Assert.Equal(expected, (await client.PutAsJsonAsync($"{api}/beds/{bed}", new { inService = false, label = "Z" })).StatusCode);
        Assert.Equal(expected, (await client.DeleteAsync($"{api}/beds/{bed}")).StatusCode);
        Assert.Equal(expected, (await client.PutAsJsonAsync(api + "/standards", new[] { new { code = "Health", level = "NotMet" } })).StatusCode);

        Assert.Equal(before, await SnapshotAsync(factory, Facility));
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task ListAndCreate_Outsider_SeesNoneOfTheFacilityAndCreatesNothingForIt(string email, HttpStatusCode expected)
    {
        var counts = await CountsAsync(factory);
        var client = await factory.SignInAsync(email);

        var list = await client.GetAsync("/api/v1/shelters/facilities");
        var page = await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/shelters"));
        var created = await client.PostAsJsonAsync("/api/v1/shelters/facilities", Body(ShelterService()));

        if (expected == HttpStatusCode.NotFound)
        {
            // Another organisation's shelter manager has a list of their own, without this facility, and cannot
            // hang a facility on this organisation's service.
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.DoesNotContain(Facility.ToString(), await list.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, page);
            Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        }
        else
        {
            Assert.Equal(expected, list.StatusCode);
            Assert.Equal(expected, page);
            Assert.Equal(expected, created.StatusCode);
            Assert.Equal(expected, await AdminTestSupport.FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/shelters/new")));
        }
        Assert.Equal(counts, await CountsAsync(factory));
    }

    [Fact]
    public async Task FacilityPagesAndApi_OwnShelterManager_Allowed()
    {
        var client = await factory.SignInAsync(ShelterManager());

        foreach (var page in Pages)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/shelters/{Facility}{page}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/shelters")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/shelters/new")).StatusCode);
        var api = $"/api/v1/shelters/facilities/{Facility}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(api + "/beds")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(api + "/standards")).StatusCode);
        Assert.Contains(Facility.ToString(), await client.GetStringAsync("/api/v1/shelters/facilities"));
    }
}
