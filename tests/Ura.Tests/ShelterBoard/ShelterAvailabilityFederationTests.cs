using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Directory;
using Ura.Features.Shelters;
using Ura.Features.Transnational;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.ShelterBoard;

/// <summary>Two nodes, AL and XK, for the availability snapshots; XK has sent its directory to AL.</summary>
public sealed class AvailabilityNetwork : IAsyncLifetime
{
    public FederationNetwork Network { get; private set; } = null!;
    public NodeFactory Al => Network["al"];
    public NodeFactory Xk => Network["xk"];

    public async Task InitializeAsync()
    {
        Network = await FederationNetwork.CreateAsync();
        await Xk.InScope(s => s.GetRequiredService<PeerDirectoryPublisher>().PublishAsync(CancellationToken.None));
        await Network.DeliverAllAsync();
    }

    public Task DisposeAsync()
    {
        Network.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary><c>shelter.availability</c>: counts only across the border, the newest snapshot wins, sent again after a change.</summary>
public sealed class ShelterAvailabilityFederationTests(AvailabilityNetwork n) : IClassFixture<AvailabilityNetwork>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static Task<int> PublishAsync(NodeFactory node, bool onlyDue) =>
        node.InScope(s => s.GetRequiredService<ShelterAvailabilityPublisher>().PublishAsync(CancellationToken.None, onlyDue));

    [Fact]
    public async Task Publish_XkShelters_AlBoardShowsCountsWithoutAddressAndRefersAbroad()
    {
        var xkStreets = await n.Xk.WithDb(async db =>
        {
            var locations = await db.ShelterFacilities.Where(f => f.CountryCode == "XK").Select(f => f.LocationId).ToListAsync();
            return await db.Addresses.Where(a => locations.Contains(a.LocationId)).Select(a => new { a.Address1, a.PostalCode }).ToListAsync();
        });
        var snapshot = await n.Xk.InScope(s => s.GetRequiredService<ShelterAvailabilityPublisher>().SnapshotAsync("XK", CancellationToken.None));
        var payload = JsonSerializer.Serialize(snapshot, Json);
        var free = await n.Xk.WithDb(db => db.ShelterBeds.CountAsync(b => b.FacilityId == DemoShelters.FacilityId("XK", "emergency") && b.Status == BedStatus.Available));

        Assert.Equal(1, await PublishAsync(n.Xk, onlyDue: false));
        await n.Network.DeliverAllAsync();

        var stored = await n.Al.WithDb(db => db.PeerShelters.AsNoTracking().Where(p => p.PeerNodeId == "xk").ToListAsync());
        var caseWorker = await n.Al.SignInAsync(Demo.CaseWorker, "en");
        var opened = await Cases.CaseTestSupport.OpenAsync(caseWorker, Cases.CaseTestSupport.Adult("Vjosa", "Berisha"));
        var api = await caseWorker.GetStringAsync("/api/v1/shelters/board?country=XK&page=1");
        var html = await caseWorker.GetStringAsync($"/shelters/board?country=XK&case={opened.Id}");
        var peerService = await n.Al.WithDb(db => db.PeerServices.Where(p => p.PeerNodeId == "xk" && p.ServiceId == DemoDirectory.ServiceId("XK", "shelter"))
            .Select(p => (Guid?)p.Id).SingleOrDefaultAsync());
        var board = JsonSerializer.Deserialize<BoardPage>(api, Json)!;

        Assert.Equal(["XK"], snapshot.Facilities.Select(f => f.CountryCode).Distinct());
        Assert.Contains(xkStreets, a => a.Address1 == DemoShelters.FlatsStreet("XK"));
        foreach (var address in xkStreets)
        {
            Assert.DoesNotContain(address.Address1, payload, StringComparison.Ordinal);
            Assert.DoesNotContain(address.Address1, JsonSerializer.Serialize(stored, Json), StringComparison.Ordinal);
            Assert.DoesNotContain(address.Address1, html, StringComparison.Ordinal);
            Assert.DoesNotContain(address.Address1, api, StringComparison.Ordinal);
            if (address.PostalCode is { } postcode)
                Assert.DoesNotContain("\"" + postcode + "\"", payload, StringComparison.Ordinal);
        }
        var emergency = Assert.Single(stored, p => p.FacilityId == DemoShelters.FacilityId("XK", "emergency"));
        Assert.Equal(free, emergency.FreeAdult + emergency.FreeChild + emergency.FreeCot + emergency.FreeAccessible);
        Assert.Equal(HousingType.EmergencyShelter, emergency.Type);
        Assert.All(stored, p => Assert.Equal("XK", p.CountryCode));
        Assert.Contains(board.Items, r => r.PeerNodeId == "xk" && r.FacilityId == emergency.FacilityId && r.Free.Total == free);
        Assert.Contains(n.Al.Text("Shelters.Board.FromPeer", "en"), System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.NotNull(peerService);
        Assert.Contains($"href=\"/cases/{opened.Id}/transnational/new?service={peerService}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_OlderSnapshotAfterNewer_NewestWins()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        // In the past, so the real snapshots of the other tests, whenever they run, are newer; what came before is cleared.
        var at = DateTime.UtcNow.AddHours(-1);
        await n.Al.WithDb(async db =>
        {
            await db.PeerShelters.Where(p => p.PeerNodeId == "xk").ExecuteDeleteAsync();
            await db.PeerShelterSnapshots.Where(p => p.PeerNodeId == "xk").ExecuteDeleteAsync();
        });
        AvailabilityEntry Entry(Guid id, int free, string country = "XK", string type = "EmergencyShelter") => new(
            id, Guid.NewGuid(), "OJQ Strehë", "Shtëpia " + id.ToString()[..4], type, ["Women", "Dragons"], false, country, "Prizren", null,
            new BedCounts(free, -5, 0, 0), new BedCounts(free + 1, 0, 0, 0), at);

        await ApplyAsync(at.AddSeconds(2), new AvailabilitySnapshot([Entry(a, 3), Entry(Guid.NewGuid(), 4, country: "AL"), Entry(Guid.NewGuid(), 4, type: "Castle")]));
        await ApplyAsync(at.AddSeconds(1), new AvailabilitySnapshot([Entry(a, 9), Entry(b, 9)]));
        var afterOlder = await n.Al.WithDb(db => db.PeerShelters.AsNoTracking().Where(p => p.PeerNodeId == "xk").ToListAsync());
        await ApplyAsync(at.AddSeconds(3), new AvailabilitySnapshot([Entry(b, 1)]));
        var afterNewer = await n.Al.WithDb(db => db.PeerShelters.AsNoTracking().Where(p => p.PeerNodeId == "xk").ToListAsync());

        var kept = Assert.Single(afterOlder);
        Assert.Equal((a, 3, 0), (kept.FacilityId, kept.FreeAdult, kept.FreeChild));
        Assert.Equal("Women", kept.Populations);
        Assert.Equal([b], afterNewer.Select(p => p.FacilityId));
        Assert.Equal(1, afterNewer.Single().FreeAdult);
        Assert.Equal(at.AddSeconds(3), await n.Al.WithDb(db => db.PeerShelterSnapshots.Where(s => s.PeerNodeId == "xk").Select(s => s.SnapshotAt).SingleAsync()),
            TimeSpan.FromMilliseconds(1));
    }

    private Task ApplyAsync(DateTime createdAt, AvailabilitySnapshot snapshot) => n.Al.InScope(async s =>
    {
        var handler = s.GetServices<IFederationHandler>().Single(h => h.Type == ShelterAvailabilityPublisher.MessageType);
        await handler.ApplyAsync(new InboundMessage(Guid.NewGuid(), "xk", ShelterAvailabilityPublisher.MessageType, Guid.NewGuid(), 1, createdAt,
            JsonSerializer.Serialize(snapshot, Json)), CancellationToken.None);
        await s.GetRequiredService<UraDbContext>().SaveChangesAsync();
    });

    [Fact]
    public async Task PublishDue_AfterBedChange_SentOnceThenNotAgain()
    {
        await PublishAsync(n.Xk, onlyDue: false);

        var unchanged = await PublishAsync(n.Xk, onlyDue: true);
        // A bed changed as the last snapshot was written (the clock, not a wait, decides what is newer).
        var lastSent = await n.Xk.WithDb(db => db.FederationOutbox.Where(o => o.Type == ShelterAvailabilityPublisher.MessageType).MaxAsync(o => o.CreatedAt));
        await n.Xk.WithDb(db => db.ShelterFacilities.Where(f => f.Id == DemoShelters.FacilityId("XK", "flats"))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CapacityUpdatedAt, lastSent)));
        var changed = await PublishAsync(n.Xk, onlyDue: true);
        var again = await PublishAsync(n.Xk, onlyDue: true);
        // Another country's facility on the node changes nothing for its peers.
        await n.Xk.WithDb(db => db.ShelterFacilities.Where(f => f.Id == DemoShelters.FacilityId("MK", "flats"))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CapacityUpdatedAt, DateTime.UtcNow.AddHours(1))));
        var otherCountry = await PublishAsync(n.Xk, onlyDue: true);

        Assert.Equal(0, unchanged);
        Assert.Equal(1, changed);
        Assert.Equal(0, again);
        Assert.Equal(0, otherCountry);
    }
}
