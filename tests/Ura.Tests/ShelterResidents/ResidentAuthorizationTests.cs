using System.Net;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.ShelterResidents.ResidentTestSupport;

namespace Ura.Tests.ShelterResidents;

/// <summary>
/// Residents are seen and changed only by the shelter managers of the facility's organisation. Another
/// organisation's shelter manager finds nothing (404); every other role is refused by the policy (403);
/// in both cases nothing changes.
/// </summary>
public sealed class ResidentAuthorizationTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>Roles that are not shelter managers: the operating organisation's own case workers and supervisors too.</summary>
    public static TheoryData<string> NotShelterManagers => new()
    {
        Demo.CaseWorker, Demo.Supervisor, Demo.SocialWorker, Demo.Email("caseworker", "xk"), Demo.Police,
        Demo.OrgAdmin, Demo.Coordinator, Demo.Analyst, Demo.SystemAdmin,
    };

    private async Task<(Guid Facility, Guid Stay, Guid FreeBed)> ResidentAsync(string given)
    {
        var facilityId = await factory.AddFacilityAsync();
        var own = await factory.OwnCaseAsync(Cases.CaseTestSupport.Adult(given, "Hasani"));
        var manager = await factory.SignInAsync(ShelterManager, "en");
        var beds = await factory.BedsAsync(facilityId);
        var resident = await AdmittedAsync(manager, facilityId, new { caseReference = own.Reference, bedId = beds[0].Id });
        return (facilityId, resident.Id, beds[1].Id);
    }

    private static string[] Reads(Guid facility, Guid stay) =>
    [
        $"/shelters/{facility}/residents", $"/shelters/{facility}/admit", $"/shelters/{facility}/residents/{stay}",
        $"/api/v1/shelters/facilities/{facility}/residents", $"/api/v1/shelters/facilities/{facility}/residents/{stay}",
        $"/api/v1/shelters/facilities/{facility}/admissions",
    ];

    private static (string Url, object Body)[] Changes(Guid facility, Guid stay, Guid bed) =>
    [
        ($"/api/v1/shelters/facilities/{facility}/admissions", new { caseReference = "AL-2026-000001", bedId = bed }),
        ($"/api/v1/shelters/facilities/{facility}/residents/{stay}/move", new { bedId = bed }),
        ($"/api/v1/shelters/facilities/{facility}/residents/{stay}/discharge", new { dischargedOn = Iso(Today), destination = "Family" }),
    ];

    [Fact]
    public async Task ResidentPagesAndEndpoints_ShelterManagerOfOperatingOrganisation_Allowed()
    {
        var (facility, stay, _) = await ResidentAsync("Ada");
        var manager = await factory.SignInAsync(ShelterManager, "en");

        foreach (var url in Reads(facility, stay))
            Assert.True((await manager.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
    }

    [Fact]
    public async Task ResidentPagesAndEndpoints_ShelterManagerOfAnotherOrganisation_404AndUnchanged()
    {
        var (facility, stay, bed) = await ResidentAsync("Blerta");
        var other = await factory.SignInAsync(OtherShelterManager, "en");
        var before = await factory.ShelterStateAsync(facility);

        foreach (var url in Reads(facility, stay))
            Assert.True((await other.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        foreach (var (url, body) in Changes(facility, stay, bed))
            Assert.True((await other.SendAsync(Json(HttpMethod.Post, url, body))).StatusCode == HttpStatusCode.NotFound, url);
        var token = await UraFactory.AntiforgeryTokenAsync(other, "/account");
        foreach (var url in new[] { $"/shelters/{facility}/admit?handler=Case", $"/shelters/{facility}/residents/{stay}?handler=Discharge", $"/shelters/{facility}/residents/{stay}?handler=Move" })
        {
            var response = await other.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__af"] = token, ["Input.CaseReference"] = "AL-2026-000001", ["Input.CaseBedId"] = bed.ToString(), ["Input.BedId"] = bed.ToString(),
                ["Input.DischargedOn"] = Iso(Today), ["Input.Destination"] = "Family",
            }));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, url);
        }

        Assert.Equal(before, await factory.ShelterStateAsync(facility));
    }

    [Theory]
    [MemberData(nameof(NotShelterManagers))]
    public async Task ResidentPagesAndEndpoints_NotAShelterManager_403AndUnchanged(string email)
    {
        var (facility, stay, bed) = await ResidentAsync("Cima");
        var client = await factory.SignInAsync(email, "en");
        var before = await factory.ShelterStateAsync(facility);

        foreach (var url in Reads(facility, stay))
            Assert.True(await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, url)) == HttpStatusCode.Forbidden, url);
        foreach (var (url, body) in Changes(facility, stay, bed))
            Assert.True(await FinalStatusAsync(client, Json(HttpMethod.Post, url, body)) == HttpStatusCode.Forbidden, url);

        Assert.Equal(before, await factory.ShelterStateAsync(facility));
    }

    [Fact]
    public async Task ResidentReads_ShelterManager_Audited()
    {
        var (facility, stay, _) = await ResidentAsync("Dorina");
        var manager = await factory.SignInAsync(ShelterManager, "en");
        var managerId = (await factory.UserAsync(ShelterManager)).Id;

        await manager.GetAsync($"/api/v1/shelters/facilities/{facility}/residents/{stay}");
        await manager.GetAsync($"/api/v1/shelters/facilities/{facility}/admissions");

        Assert.True(await factory.ReadsAsync("Stay", stay, managerId) > 0);
        Assert.True(await factory.ReadsAsync("ShelterAdmissions", facility, managerId) > 0);
    }
}
