using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Directory;
using Ura.Features.Directory.Hsds;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Hsds;

/// <summary><c>ura directory export</c> / <c>import</c>: the whole directory as one HSDS document, all or nothing.</summary>
public sealed class DirectoryExchangeTests(HsdsFactory factory) : IClassFixture<HsdsFactory>
{
    private HsdsTestDirectory D => factory.TestDirectory;

    private async Task<string> ExportAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var document = await scope.ServiceProvider.GetRequiredService<DirectoryExchange>().ExportAsync(CancellationToken.None);
        return JsonSerializer.Serialize(document, HsdsJson.Options);
    }

    private async Task<DirectoryExchange.ImportResult> ImportAsync(string json)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DirectoryExchange>().ImportAsync(json, CancellationToken.None);
    }

    [Fact]
    public async Task ExportThenImport_IntoFreshDatabase_SameDirectory()
    {
        var exported = await ExportAsync();
        var countries = await factory.WithDb(db => db.Countries.AsNoTracking().ToListAsync());
        await using var fresh = ScratchDatabase.Create(TestDatabase.Provider);
        await fresh.WithDb(async db =>
        {
            await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
            db.Countries.AddRange(countries.Select(c => new Country { Code = c.Code, Name = c.Name, ReflectionPeriodDays = c.ReflectionPeriodDays }));
            await db.SaveChangesAsync();
        });

        DirectoryExchange.ImportResult imported;
        string again;
        await using (var scope = fresh.Services.CreateAsyncScope())
        {
            var exchange = scope.ServiceProvider.GetRequiredService<DirectoryExchange>();
            imported = await exchange.ImportAsync(exported, CancellationToken.None);
            again = JsonSerializer.Serialize(await exchange.ExportAsync(CancellationToken.None), HsdsJson.Options);
        }
        var shelterStreet = await fresh.WithDb(db => db.Addresses.Where(a => a.LocationId == D.ShelterHouse).Select(a => a.Address1).SingleAsync());
        var counselling = await fresh.WithDb(db => db.Services.Include(s => s.Languages).SingleAsync(s => s.Id == D.Counselling));
        var audited = await fresh.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "directory.import"));
        var organisations = JsonNode.Parse(exported)!["organizations"]!.AsArray();

        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        Assert.Equal(exported, again);
        Assert.Contains(organisations, o => (string?)o!["id"] == D.OrganisationId.ToString() && o["services"]!.AsArray().Count >= 3);
        Assert.DoesNotContain(HsdsTestDirectory.ShelterStreet, exported, StringComparison.Ordinal);
        // As a whole JSON value: a random id may well end in the same four digits.
        Assert.DoesNotContain("\"" + HsdsTestDirectory.ShelterPostcode + "\"", exported, StringComparison.Ordinal);
        // The street never left the first node, so the fresh one knows only the city.
        Assert.Equal("", shelterStreet);
        Assert.Equal($"{HsdsFactory.Marker} legal counselling", counselling.Name);
        Assert.Equal("Feminine,TransgenderFeminine", counselling.EligibleGenders);
        Assert.Equal(3, counselling.Languages.Count);
        Assert.Equal(HsdsFactory.Modified, DateTime.SpecifyKind(counselling.ModifiedAt, DateTimeKind.Utc));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Import_ExportWithChanges_UpdatesCreatesAndKeepsConfidentialStreet()
    {
        var document = JsonNode.Parse(await ExportAsync())!;
        var organisation = document["organizations"]!.AsArray().Single(o => (string?)o!["id"] == D.OrganisationId.ToString())!;
        // The shelter service, not the counselling one: the other tests of this class check that one is unchanged.
        var shelter = organisation["services"]!.AsArray().Single(s => (string?)s!["id"] == D.Shelter.ToString())!;
        shelter["name"] = "Emergency shelter (renamed)";
        shelter["attributes"] = new JsonArray();
        var added = Guid.NewGuid();
        organisation["services"]!.AsArray().Add(new JsonObject
        {
            ["id"] = added.ToString(), ["name"] = "Imported night service", ["status"] = "temporarily closed",
            ["ura_accepts_referrals"] = false,
            ["service_at_locations"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["location_id"] = D.ShelterHouse.ToString() }),
        });

        var result = await ImportAsync(document.ToJsonString());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var (renamed, terms, created, street) = await factory.WithDb(async db => (
            await db.Services.Where(s => s.Id == D.Shelter).Select(s => s.Name).SingleAsync(),
            await db.ServiceTerms.CountAsync(t => t.ServiceId == D.Shelter),
            await db.Services.Include(s => s.Locations).SingleAsync(s => s.Id == added),
            await db.Addresses.Where(a => a.LocationId == D.ShelterHouse).Select(a => a.Address1).SingleAsync()));
        Assert.Equal("Emergency shelter (renamed)", renamed);
        Assert.Equal(0, terms);
        Assert.Equal((D.OrganisationId, ServiceStatus.TemporarilyClosed, false), (created.OrganisationId, created.Status, created.AcceptsReferrals));
        Assert.Equal(D.ShelterHouse, created.Locations.Single().LocationId);
        Assert.Equal(HsdsTestDirectory.ShelterStreet, street);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "directory.import")));
    }

    /// <summary>Each malformed file: a fragment of the expected message and a change to a valid export.</summary>
    public static TheoryData<string, string> Malformed() => new()
    {
        { "bad-json", "not valid" },
        { "id-not-uuid", "services[0].id" },
        { "service-without-name", ".name: is required" },
        { "unknown-status", "is not an HSDS service status" },
        { "unknown-location-type", "is not an HSDS location type" },
        { "address-without-city", ".city: is required" },
        { "unknown-term", "taxonomy_term_id: names no taxonomy term" },
        { "unknown-location", "location_id: names no location" },
        { "unknown-country", "is not a country served by this node" },
        { "unknown-organisation-type", "is not an organisation type" },
        { "unknown-gender", "is not a gender" },
        { "bad-time", "is not a time" },
        { "too-long", "is longer than 200 characters" },
        { "wrong-format", "format: must be" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Import_MalformedFile_ExplainsAndChangesNothing(string problem, string expected)
    {
        var document = JsonNode.Parse(await ExportAsync())!;
        var organisation = document["organizations"]!.AsArray().Single(o => (string?)o!["id"] == D.OrganisationId.ToString())!;
        var services = organisation["services"]!.AsArray();
        var counselling = services.Single(s => (string?)s!["id"] == D.Counselling.ToString())!;
        var office = organisation["locations"]!.AsArray().Single(l => (string?)l!["id"] == D.Office.ToString())!;
        // A change that would be visible if anything were applied.
        counselling["name"] = "Should never be saved";
        var json = problem == "bad-json" ? "{\"organizations\": [" : Break(problem, document, organisation, counselling, office).ToJsonString();
        var before = await CountsAsync();

        var result = await ImportAsync(json);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync());
        Assert.Equal($"{HsdsFactory.Marker} legal counselling", await factory.WithDb(db => db.Services.Where(s => s.Id == D.Counselling).Select(s => s.Name).SingleAsync()));
    }

    private static JsonNode Break(string problem, JsonNode document, JsonNode organisation, JsonNode service, JsonNode office)
    {
        switch (problem)
        {
            case "id-not-uuid": organisation["services"]![0]!["id"] = "not-a-uuid"; break;
            case "service-without-name": service.AsObject().Remove("name"); break;
            case "unknown-status": service["status"] = "open"; break;
            case "unknown-location-type": office["location_type"] = "house"; break;
            case "address-without-city": office["addresses"]![0]!.AsObject().Remove("city"); break;
            case "unknown-term": service["attributes"]![0]!["taxonomy_term_id"] = Guid.NewGuid().ToString(); break;
            case "unknown-location": service["service_at_locations"]![0]!["location_id"] = Guid.NewGuid().ToString(); break;
            case "unknown-country": organisation["ura_country"] = "ZZ"; break;
            case "unknown-organisation-type": organisation["ura_type"] = "Church"; break;
            case "unknown-gender": service["ura_eligible_genders"] = new JsonArray("Other"); break;
            case "bad-time": service["schedules"]![0]!["opens_at"] = "9 o'clock"; break;
            case "too-long": service["name"] = new string('x', 201); break;
            case "wrong-format": document["format"] = "something-else"; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem));
        }
        return document;
    }

    private Task<(int, int, int, int, int, int)> CountsAsync() => factory.WithDb(async (UraDbContext db) => (
        await db.Organisations.CountAsync(), await db.Services.CountAsync(), await db.Locations.CountAsync(),
        await db.Phones.CountAsync(), await db.ServiceLanguages.CountAsync(), await db.AuditEvents.CountAsync(a => a.Action == "directory.import")));

    [Fact]
    public async Task CommandLine_ExportThenImportThenMalformed_ImportsOnceAndExplainsRefusal()
    {
        var environment = UraProcess.EnvironmentOf(factory);
        var file = Path.Combine(factory.DataDirectory, "directory.json");
        var broken = Path.Combine(factory.DataDirectory, "broken.json");

        var export = await UraProcess.RunAsync(environment, "directory", "export", file);
        var import = await UraProcess.RunAsync(environment, "directory", "import", file);
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(file)).Replace("\"status\":\"active\"", "\"status\":\"open\"", StringComparison.Ordinal));
        var refused = await UraProcess.RunAsync(environment, "directory", "import", broken);
        var toStandardOutput = await UraProcess.RunAsync(environment, "directory", "export");
        var help = await UraProcess.RunAsync(environment, "help");

        Assert.Equal(0, export.ExitCode);
        Assert.Contains("Exported", export.Output, StringComparison.Ordinal);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("Imported", import.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("nothing was changed", refused.Error, StringComparison.Ordinal);
        Assert.Contains("is not an HSDS service status", refused.Error, StringComparison.Ordinal);
        Assert.Equal(HsdsDirectoryDocument.FormatName, (string?)JsonNode.Parse(toStandardOutput.Output)!["format"]);
        Assert.Contains("directory import FILE", help.Output, StringComparison.Ordinal);
    }
}
