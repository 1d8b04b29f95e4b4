using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ura.Features.Directory;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.ServiceDirectory;

/// <summary>The service page and API: how to refer, statuses, and the confidential shelter address.</summary>
public sealed class ServicePageTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private const string ShelterStreet = "Rruga Pjetër Budi 21";
    private static readonly Guid Shelter = DemoDirectory.ServiceId("AL", "shelter");

    public static TheoryData<string> Outsiders => new()
    {
        Demo.SocialWorker, Demo.Email("caseworker", "xk"), Demo.Coordinator, Demo.Analyst, Demo.Email("police"), Demo.SystemAdmin,
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task ServicePage_ConfidentialShelterOutsideItsOrganisation_ShowsCityButNeverTheStreet(string email)
    {
        var client = await factory.SignInAsync(email, "en");

        var page = await client.GetAsync($"/directory/services/{Shelter}");
        var html = await page.HtmlAsync();
        var api = await client.GetStringAsync($"/api/v1/directory/services/{Shelter}");
        var search = await (await client.GetAsync("/directory?country=AL&category=emergency-shelter")).HtmlAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Tiranë", html);
        Assert.Contains(factory.Text("Directory.Location.Confidential"), html);
        Assert.DoesNotContain(ShelterStreet, html);
        Assert.DoesNotContain("Pjet", api);
        Assert.DoesNotContain("Pjet", search);
        using var json = JsonDocument.Parse(api);
        // The shelter service is given at the emergency shelter and at the demo transitional flats.
        var locations = json.RootElement.GetProperty("locations").EnumerateArray().ToList();
        Assert.Equal(2, locations.Count);
        foreach (var location in locations)
        {
            Assert.True(location.GetProperty("addressWithheld").GetBoolean());
            var address = location.GetProperty("addresses").EnumerateArray().Single();
            Assert.Equal(JsonValueKind.Null, address.GetProperty("address1").ValueKind);
            Assert.Equal(JsonValueKind.Null, address.GetProperty("postalCode").ValueKind);
            Assert.Equal("Tiranë", address.GetProperty("city").GetString());
        }
        Assert.DoesNotContain(Ura.Features.Shelters.DemoShelters.FlatsStreet("AL"), html + api + search);
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("orgadmin")]
    [InlineData("sheltermanager")]
    public async Task ServicePage_ConfidentialShelterInsideItsOrganisation_ShowsTheStreet(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login), "en");

        var html = await (await client.GetAsync($"/directory/services/{Shelter}")).HtmlAsync();

        Assert.Contains(ShelterStreet, html);
        Assert.Contains(factory.Text("Directory.Location.ConfidentialOwn"), html);
    }

    [Fact]
    public async Task ServicePage_ShowsHowToReferHoursContactsAndLocalisedLabels()
    {
        var client = await factory.SignInAsync(Demo.Email("caseworker", "mk"), "mk");

        var html = await (await client.GetAsync($"/directory/services/{DemoDirectory.ServiceId("MK", "legal")}")).HtmlAsync();

        Assert.Contains("Правно советување и застапување", html);
        Assert.Contains(factory.Text("Directory.Service.HowToRefer", "mk"), html);
        Assert.Contains(factory.Text("ServiceCategory.legal-representation", "mk"), html);
        Assert.Contains(factory.Text("LanguageName.sq", "mk"), html);
        Assert.Contains(factory.Text("Directory.Day.MO", "mk"), html);
        Assert.Contains("+389 2 31", html);
        Assert.Contains("бул. Партизански одреди 41", html);
    }

    [Fact]
    public async Task ServicePage_TemporarilyClosed_IsMarkedAndOffersNoReferral()
    {
        var client = await factory.SignInAsync(Demo.Email("caseworker", "rs"), "sr-Latn");
        var caseId = Guid.NewGuid();

        var html = await (await client.GetAsync($"/directory/services/{DemoDirectory.ServiceId("RS", "day-centre")}?case={caseId}")).HtmlAsync();

        Assert.Contains(factory.Text("ServiceStatus.TemporarilyClosed", "sr-Latn"), html);
        Assert.DoesNotContain("/referrals/new", html);
    }

    [Fact]
    public async Task ServicePage_FromACase_OffersTheReferralOnlyToAnotherOrganisationsService()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var caseId = Guid.NewGuid();

        var other = await (await client.GetAsync($"/directory/services/{DemoDirectory.ServiceId("AL", "social-care")}?case={caseId}")).HtmlAsync();
        var own = await (await client.GetAsync($"/directory/services/{DemoDirectory.ServiceId("AL", "legal")}?case={caseId}")).HtmlAsync();
        var noCase = await (await client.GetAsync($"/directory/services/{DemoDirectory.ServiceId("AL", "social-care")}")).HtmlAsync();

        Assert.Contains($"/cases/{caseId}/referrals/new?service={DemoDirectory.ServiceId("AL", "social-care")}", other);
        Assert.DoesNotContain("/referrals/new", own);
        Assert.DoesNotContain("/referrals/new", noCase);
    }

    [Fact]
    public async Task ServicePage_UnknownService_Is404()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/directory/services/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/directory/services/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task SearchApi_IssueExample_AnswersThePageAndLocalisedProblemsForBadFilters()
    {
        var client = await factory.SignInAsync(Demo.Email("caseworker", "mk"), "sq");

        var page = await client.GetFromJsonAsync<ServicePage>($"/api/v1/directory/services?category=legal-counselling&city={Uri.EscapeDataString("Скопје")}&language=sq&minors=true");
        var bad = await client.GetAsync("/api/v1/directory/services?category=nothing&age=-1");

        Assert.Equal([DemoDirectory.ServiceId("MK", "legal")], page!.Items.Select(i => i.Id));
        Assert.False(page.HasMore);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal([factory.Text("Directory.UnknownCategory", "sq")], await AdminTestSupport.ProblemErrorsAsync(bad, "category"));
        Assert.Equal([factory.Text("Directory.AgeOutOfRange", "sq")], await AdminTestSupport.ProblemErrorsAsync(bad, "age"));
    }

    [Fact]
    public async Task DirectoryApi_Anonymous_Is401()
    {
        var response = await factory.Anonymous().GetAsync("/api/v1/directory/services");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
