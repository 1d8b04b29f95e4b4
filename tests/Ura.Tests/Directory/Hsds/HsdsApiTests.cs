using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ura.Features.Directory;
using Ura.Features.Account;
using Ura.Platform.Identity;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Hsds;

/// <summary>A node with the test directory of <see cref="HsdsTestDirectory"/> for the Albanian shelter NGO.</summary>
public class HsdsFactory : UraFactory, IAsyncLifetime
{
    public const string Marker = "HsdsApiTest";
    public static readonly DateTime Modified = new(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);

    public HsdsTestDirectory TestDirectory { get; private set; } = null!;
    public (Guid Organisation, Guid Service) Inactive { get; private set; }

    public async Task InitializeAsync()
    {
        TestDirectory = await WithDb(async db => await HsdsTestDirectory.AddAsync(db, await HsdsTestDirectory.OrganisationOfAsync(db, Demo.CaseWorker), Marker, Modified));
        Inactive = await WithDb(db => HsdsTestDirectory.AddInactiveAsync(db, Marker, Modified));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>The same node with <c>Ura:Directory:HsdsPublic</c> set.</summary>
public sealed class PublicHsdsFactory : HsdsFactory
{
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Ura:Directory:HsdsPublic"] = "true" }));
        return base.CreateHost(builder);
    }
}

public sealed class HsdsApiTests(HsdsFactory factory) : IClassFixture<HsdsFactory>
{
    private HsdsTestDirectory D => factory.TestDirectory;

    private static readonly Guid LegalTerm = ServiceTaxonomy.Find("legal-counselling")!.Id;

    /// <summary>Every /hsds endpoint with the schema its answer must satisfy (a list: each item of contents).</summary>
    private IEnumerable<(string Url, string Schema, bool IsPage)> Endpoints() =>
    [
        ("/hsds/services", "3.0/service.json", true),
        ($"/hsds/services?search={HsdsFactory.Marker}&full=true", "3.1-dev/service.json", true),
        ($"/hsds/services/{D.Counselling}", "3.0/service.json", false),
        ($"/hsds/services/{D.Counselling}", "3.1-dev/service.json", false),
        ($"/hsds/services/{D.Shelter}", "3.1-dev/service.json", false),
        ("/hsds/organizations", "3.0/organization.json", true),
        ($"/hsds/organizations/{D.OrganisationId}", "3.0/organization.json", false),
        ($"/hsds/organizations/{D.OrganisationId}?full_service=true", "3.0/organization.json", false),
        ("/hsds/service_at_locations", "3.0/service_at_location.json", true),
        ("/hsds/service_at_locations?full=true", "3.0/service_at_location.json", true),
        ($"/hsds/service_at_locations/{D.ShelterAtHouse}", "3.0/service_at_location.json", false),
        ("/hsds/taxonomies", "3.0/taxonomy.json", true),
        ($"/hsds/taxonomies/{ServiceTaxonomy.Id}", "3.0/taxonomy.json", false),
        ("/hsds/taxonomy_terms", "3.0/taxonomy_term.json", true),
        ($"/hsds/taxonomy_terms/{LegalTerm}", "3.0/taxonomy_term.json", false),
    ];

    [Fact]
    public async Task EveryEndpoint_SignedIn_ValidatesAgainstHsdsSchemas()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var failures = new List<string>();

        foreach (var (url, schema, isPage) in Endpoints())
        {
            var response = await client.GetAsync(url);
            var json = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{url}: {(int)response.StatusCode}");
                continue;
            }
            failures.AddRange((isPage ? await HsdsSchemas.PageErrorsAsync(schema, json) : await HsdsSchemas.ErrorsAsync(schema, json)).Select(e => url + " " + e));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Validator_RequiredFieldMissing_Fails()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var service = JsonNode.Parse(await client.GetStringAsync($"/hsds/services/{D.Counselling}"))!.AsObject();
        var valid = await HsdsSchemas.ErrorsAsync("3.1-dev/service.json", service.ToJsonString());

        service.Remove("name");
        var withoutName = await HsdsSchemas.ErrorsAsync("3.0/service.json", service.ToJsonString());
        service["name"] = "back";
        service["service_at_locations"]![0]!["location"]!["addresses"]![0]!.AsObject().Remove("city");
        var withoutCity = await HsdsSchemas.ErrorsAsync("3.0/service.json", service.ToJsonString());
        service["status"] = "open";
        var badStatus = await HsdsSchemas.ErrorsAsync("3.0/service.json", service.ToJsonString());

        Assert.Empty(valid);
        Assert.Contains(withoutName, e => e.Contains("PropertyRequired", StringComparison.Ordinal) && e.Contains("name", StringComparison.Ordinal));
        Assert.Contains(withoutCity, e => e.Contains("PropertyRequired", StringComparison.Ordinal) && e.Contains("city", StringComparison.Ordinal));
        Assert.Contains(badStatus, e => e.Contains("NotInEnumeration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Root_SignedIn_VersionProfileAndOpenApiUrl()
    {
        var client = await factory.SignInAsync(Demo.Analyst);

        using var root = JsonDocument.Parse(await client.GetStringAsync("/hsds/"));

        Assert.Equal("3.0", root.RootElement.GetProperty("version").GetString());
        Assert.StartsWith("https://", root.RootElement.GetProperty("profile").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("openapi.json", root.RootElement.GetProperty("openapi_url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_ById_FullyNestedWithHsdsSpellings()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var s = JsonNode.Parse(await client.GetStringAsync($"/hsds/services/{D.Counselling}"))!;
        var shelter = JsonNode.Parse(await client.GetStringAsync($"/hsds/services/{D.Shelter}"))!;
        var defunct = JsonNode.Parse(await client.GetStringAsync($"/hsds/services/{D.Defunct}"))!;

        Assert.Equal($"{HsdsFactory.Marker} legal counselling", (string?)s["name"]);
        Assert.Equal("active", (string?)s["status"]);
        Assert.Equal("defunct", (string?)defunct["status"]);
        Assert.Equal(D.OrganisationId.ToString(), (string?)s["organization_id"]);
        Assert.Equal(D.OrganisationId.ToString(), (string?)s["organization"]!["id"]);
        Assert.Equal(14, (int?)s["minimum_age"]);
        Assert.Equal(["en", "rom", "sq"], s["languages"]!.AsArray().Select(l => (string)l!["code"]!).Order().ToArray());
        Assert.Contains(s["languages"]!.AsArray(), l => (string?)l!["name"] == "Albanian");
        Assert.Equal(12, (long?)s["phones"]![0]!["extension"]);
        Assert.Equal("+355 69 333 4444", (string?)s["contacts"]![0]!["phones"]![0]!["number"]);
        Assert.Equal("WEEKLY", (string?)s["schedules"]![0]!["freq"]);
        Assert.Equal("09:00", (string?)s["schedules"]![0]!["opens_at"]);
        Assert.Equal(LegalTerm.ToString(), (string?)s["attributes"]![0]!["taxonomy_term_id"]);
        Assert.Equal("legal-counselling", (string?)s["attributes"]![0]!["taxonomy_term"]!["code"]);
        Assert.Equal("Free of charge", (string?)s["cost_options"]![0]!["option"]);
        Assert.Equal(2, s["service_areas"]!.AsArray().Count);
        Assert.Equal("Rruga e Durrësit 45", (string?)s["service_at_locations"]![0]!["location"]!["addresses"]![0]!["address_1"]);
        Assert.Equal("physical", (string?)s["service_at_locations"]![0]!["location"]!["location_type"]);
        Assert.Equal(["Feminine", "TransgenderFeminine"], s["ura_eligible_genders"]!.AsArray().Select(g => (string)g!).ToArray());
        Assert.Equal("Bed", (string?)shelter["capacities"]![0]!["unit"]!["name"]);
        Assert.Equal(3, (int?)shelter["capacities"]![0]!["available"]);
        Assert.Equal(12, (int?)shelter["capacities"]![0]!["maximum"]);
    }

    [Fact]
    public async Task ConfidentialLocation_EveryEndpoint_OnlyCityAndRegion()
    {
        // Even a member of the owning organisation: HSDS is a publication.
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var bodies = new List<string>
        {
            await client.GetStringAsync($"/hsds/services/{D.Shelter}"),
            await client.GetStringAsync($"/hsds/services?search={HsdsFactory.Marker}&full=true"),
            await client.GetStringAsync($"/hsds/service_at_locations/{D.ShelterAtHouse}"),
            await client.GetStringAsync("/hsds/service_at_locations?full=true&per_page=200"),
            await client.GetStringAsync($"/hsds/organizations/{D.OrganisationId}?full_service=true"),
        };
        var address = JsonNode.Parse(bodies[0])!["service_at_locations"]![0]!["location"]!["addresses"]![0]!;

        Assert.All(bodies, body =>
        {
            Assert.DoesNotContain(HsdsTestDirectory.ShelterStreet, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Kati 2", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Behind the school", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Tram 3", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Back entrance", body, StringComparison.Ordinal);
            Assert.DoesNotContain("latitude", body, StringComparison.Ordinal);
            Assert.Contains("Durrës", body, StringComparison.Ordinal);
        });
        Assert.Equal("", (string?)address["address_1"]);
        Assert.Equal("", (string?)address["postal_code"]);
        Assert.Equal("Durrës", (string?)address["city"]);
        Assert.Equal("Durrës", (string?)address["region"]);
        Assert.Equal("AL", (string?)address["country"]);
    }

    [Fact]
    public async Task Services_Filters_AreAndedAndPaged()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var marker = HsdsFactory.Marker;

        var all = await PageAsync(client, $"/hsds/services?search={marker}");
        var legal = await PageAsync(client, $"/hsds/services?search={marker}&taxonomy_term_id={LegalTerm}");
        var taxonomy = await PageAsync(client, $"/hsds/services?search={marker}&taxonomy_id={ServiceTaxonomy.Id}");
        var recent = await PageAsync(client, $"/hsds/services?search={marker}&modified_after=2026-10-02T00:00:00Z");
        var otherOrg = await PageAsync(client, $"/hsds/services?search={marker}&organization_id={Guid.NewGuid()}");
        var ownOrg = await PageAsync(client, $"/hsds/services?search={marker}&organization_id={D.OrganisationId}&taxonomy_term_id={LegalTerm}");
        var second = await PageAsync(client, $"/hsds/services?search={marker}&per_page=2&page=2");
        var beyond = await PageAsync(client, $"/hsds/services?search={marker}&per_page=2&page=5");

        Assert.Equal(3, (int?)all["total_items"]);
        Assert.Equal([$"{marker} emergency shelter", $"{marker} legal counselling", $"{marker} old helpline"], Names(all));
        Assert.Equal([$"{marker} legal counselling"], Names(legal));
        Assert.Equal([$"{marker} emergency shelter", $"{marker} legal counselling"], Names(taxonomy));
        Assert.Equal([$"{marker} emergency shelter"], Names(recent));
        Assert.Empty(Names(otherOrg));
        Assert.Equal([$"{marker} legal counselling"], Names(ownOrg));
        Assert.Equal([$"{marker} old helpline"], Names(second));
        Assert.Equal((3, 2, 2, 1, false, true, false), ((int)second["total_items"]!, (int)second["total_pages"]!, (int)second["page_number"]!,
            (int)second["size"]!, (bool)second["first_page"]!, (bool)second["last_page"]!, (bool)second["empty"]!));
        Assert.True((bool)beyond["empty"]!);
        Assert.Empty(Names(beyond));
    }

    [Fact]
    public async Task OtherLists_Filters_Work()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var organisations = await PageAsync(client, "/hsds/organizations?per_page=200");
        var atLocations = await PageAsync(client, $"/hsds/service_at_locations?search={HsdsFactory.Marker}&taxonomy_term_id={LegalTerm}");
        var topTerms = await PageAsync(client, "/hsds/taxonomy_terms?top_only=true&per_page=200");
        var children = await PageAsync(client, $"/hsds/taxonomy_terms?parent_id={LegalTerm}");
        var taxonomies = await PageAsync(client, "/hsds/taxonomies?search=anti-trafficking");

        Assert.Contains(organisations["contents"]!.AsArray(), o => (string?)o!["id"] == D.OrganisationId.ToString());
        Assert.DoesNotContain(organisations["contents"]!.AsArray(), o => (string?)o!["id"] == factory.Inactive.Organisation.ToString());
        Assert.Equal(1, (int?)atLocations["total_items"]);
        Assert.Equal(D.Office.ToString(), (string?)atLocations["contents"]![0]!["location_id"]);
        Assert.Equal(ServiceTaxonomy.Categories.Count(c => c.Parent is null), (int?)topTerms["total_items"]);
        Assert.Equal(["legal-representation"], children["contents"]!.AsArray().Select(t => (string)t!["code"]!).ToArray());
        Assert.Equal(ServiceTaxonomy.Id.ToString(), (string?)taxonomies["contents"]![0]!["id"]);
    }

    [Fact]
    public async Task InactiveOrganisation_ItsServicesAndItself_NotFound()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var list = await PageAsync(client, $"/hsds/services?search={HsdsFactory.Marker}%20closed");
        var service = await client.GetAsync($"/hsds/services/{factory.Inactive.Service}");
        var organisation = await client.GetAsync($"/hsds/organizations/{factory.Inactive.Organisation}");

        Assert.Equal(0, (int?)list["total_items"]);
        Assert.Equal(HttpStatusCode.NotFound, service.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, organisation.StatusCode);
        Assert.Equal("application/problem+json", organisation.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("page=0", "page", "Hsds.PageInvalid")]
    [InlineData("page=two", "page", "Hsds.PageInvalid")]
    [InlineData("per_page=1000", "per_page", "Hsds.PerPageInvalid")]
    [InlineData("organization_id=abc", "organization_id", "Hsds.IdInvalid")]
    [InlineData("taxonomy_term_id=12", "taxonomy_term_id", "Hsds.IdInvalid")]
    [InlineData("taxonomy_id=x", "taxonomy_id", "Hsds.IdInvalid")]
    [InlineData("modified_after=yesterday", "modified_after", "Hsds.DateInvalid")]
    [InlineData("full=maybe", "full", "Hsds.FlagInvalid")]
    [InlineData("format=ndjson", "format", "Hsds.FormatUnsupported")]
    public async Task Services_BadParameter_400LocalisedProblem(string query, string parameter, string key)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");

        var response = await client.GetAsync("/hsds/services?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([factory.Text(key, "sq")], await AdminTestSupport.ProblemErrorsAsync(response, parameter));
        Assert.NotEqual(factory.Text(key, "en"), factory.Text(key, "sq"));
    }

    [Theory]
    [InlineData("/hsds/organizations?page=-1", "page")]
    [InlineData("/hsds/service_at_locations?modified_after=3000", "modified_after")]
    [InlineData("/hsds/taxonomies?per_page=0", "per_page")]
    [InlineData("/hsds/taxonomy_terms?parent_id=nope", "parent_id")]
    public async Task OtherLists_BadParameter_400(string url, string parameter)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await AdminTestSupport.ProblemErrorsAsync(response, parameter));
    }

    [Fact]
    public async Task UnknownIds_NotFoundProblem()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var unknown = Guid.NewGuid();

        foreach (var url in new[] { "services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms" }.Select(p => $"/hsds/{p}/{unknown}"))
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task EveryEndpoint_AnonymousWhenNotPublic_401Problem()
    {
        var anonymous = factory.Anonymous();
        var badToken = factory.Anonymous();
        badToken.DefaultRequestHeaders.Authorization = new("Bearer", "ura_pat_" + new string('A', 43));
        var failures = new List<string>();

        foreach (var url in Endpoints().Select(e => e.Url).Prepend("/hsds/").Prepend("/hsds"))
        {
            foreach (var client in new[] { anonymous, badToken })
            {
                var response = await client.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.Unauthorized || response.Headers.Location is not null
                    || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{url}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task BearerToken_NotPublic_Reads()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var userId = await factory.WithDb(db => Task.FromResult(db.Users.Single(u => u.Email == Demo.Police).Id));
        var token = await scope.ServiceProvider.GetRequiredService<TokenCommands>().CreateAsync(userId, "hsds reader", 1, CancellationToken.None);
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var response = await client.GetAsync($"/hsds/services/{D.Counselling}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(HsdsFactory.Marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("orgadmin")]
    [InlineData("coordinator")]
    [InlineData("analyst")]
    [InlineData("outreach")]
    [InlineData("sysadmin")]
    public async Task EveryRole_SignedIn_ReadsTheDirectory(string login)
    {
        // Another country's users: the directory holds no case content, so every role reads all of it.
        var client = await factory.SignInAsync(login == "sysadmin" ? Demo.SystemAdmin : Demo.Email(login, "xk"));
        var failures = new List<string>();

        foreach (var url in Endpoints().Select(e => e.Url).Distinct())
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
                failures.Add($"{url}: {(int)response.StatusCode}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<JsonNode> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static string[] Names(JsonNode page) => page["contents"]!.AsArray().Select(s => (string)s!["name"]!).ToArray();
}

public sealed class PublicHsdsApiTests(PublicHsdsFactory factory) : IClassFixture<PublicHsdsFactory>
{
    [Fact]
    public async Task Services_AnonymousWhenPublic_ReadsWithoutAddressOfShelter()
    {
        var client = factory.Anonymous();

        var list = await client.GetAsync($"/hsds/services?search={HsdsFactory.Marker}&full=true");
        var shelter = await client.GetStringAsync($"/hsds/services/{factory.TestDirectory.Shelter}");
        var root = await client.GetAsync("/hsds");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Empty(await HsdsSchemas.PageErrorsAsync("3.1-dev/service.json", await list.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(HsdsTestDirectory.ShelterStreet, shelter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_AnonymousWhenPublic_BadParameterStill400()
    {
        var response = await factory.Anonymous().GetAsync("/hsds/services?page=zero");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
