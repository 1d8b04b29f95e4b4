using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Ura.Features.Cases;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Platform.Jobs;

namespace Ura.Features.Shelters;

/// <summary>
/// A shelter facility of a peer node as its last <c>shelter.availability</c> snapshot described it:
/// counts only, with city, region and country. The peer never sends an address or a resident.
/// </summary>
public sealed class PeerShelter
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string PeerNodeId { get; set; } = "";

    /// <summary>The facility's and its service's ids on the peer node.</summary>
    public Guid FacilityId { get; set; }
    public Guid ServiceId { get; set; }
    public string OrganisationName { get; set; } = "";
    public string Name { get; set; } = "";
    public HousingType Type { get; set; }

    /// <summary><see cref="Population"/> names, comma separated, as on <see cref="ShelterFacility.Populations"/>.</summary>
    public string Populations { get; set; } = "";
    public bool WheelchairAccessible { get; set; }
    public string CountryCode { get; set; } = "";
    public string City { get; set; } = "";
    public string? Region { get; set; }

    public int FreeAdult { get; set; }
    public int FreeChild { get; set; }
    public int FreeCot { get; set; }
    public int FreeAccessible { get; set; }
    public int TotalAdult { get; set; }
    public int TotalChild { get; set; }
    public int TotalCot { get; set; }
    public int TotalAccessible { get; set; }

    /// <summary>When a bed of the facility last changed status, by the peer's clock.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>When the peer created the snapshot this row came from.</summary>
    public DateTime SnapshotAt { get; set; }
}

/// <summary>The newest availability snapshot applied from a peer: an older one arriving late is ignored.</summary>
public sealed class PeerShelterSnapshot
{
    public string PeerNodeId { get; set; } = "";
    public DateTime SnapshotAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    public int FacilityCount { get; set; }
}

internal sealed class PeerShelterConfiguration : IEntityTypeConfiguration<PeerShelter>
{
    public void Configure(EntityTypeBuilder<PeerShelter> e)
    {
        e.ToTable("PeerShelters");
        e.Property(s => s.PeerNodeId).HasMaxLength(20);
        e.Property(s => s.OrganisationName).HasMaxLength(300);
        e.Property(s => s.Name).HasMaxLength(200);
        e.Property(s => s.Type).HasConversion<string>().HasMaxLength(40);
        e.Property(s => s.Populations).HasMaxLength(200);
        e.Property(s => s.CountryCode).HasMaxLength(2);
        e.Property(s => s.City).HasMaxLength(100);
        e.Property(s => s.Region).HasMaxLength(100);
        e.HasIndex(s => new { s.PeerNodeId, s.FacilityId }).IsUnique();
        // The board filters by country and city, as for this node's facilities.
        e.HasIndex(s => new { s.CountryCode, s.City });
    }
}

internal sealed class PeerShelterSnapshotConfiguration : IEntityTypeConfiguration<PeerShelterSnapshot>
{
    public void Configure(EntityTypeBuilder<PeerShelterSnapshot> e)
    {
        e.ToTable("PeerShelterSnapshots");
        e.HasKey(s => s.PeerNodeId);
        e.Property(s => s.PeerNodeId).HasMaxLength(20);
    }
}

/// <summary>Beds of a facility by type (in a snapshot: free ones, and all in service).</summary>
public sealed record BedCounts(int Adult, int Child, int Cot, int Accessible);

/// <summary>
/// One facility in a <c>shelter.availability</c> message. Codes travel as names (strings), so a peer
/// running a newer version with a type this node does not know drops that facility instead of failing
/// the whole snapshot.
/// </summary>
public sealed record AvailabilityEntry(
    Guid FacilityId, Guid ServiceId, string OrganisationName, string Name, string Type, List<string> Populations, bool WheelchairAccessible,
    string CountryCode, string City, string? Region, BedCounts Free, BedCounts Total, DateTime UpdatedAt);

/// <summary>The payload of <c>shelter.availability</c>: every active facility of the node's country, full ones too.</summary>
public sealed record AvailabilitySnapshot(List<AvailabilityEntry> Facilities);

/// <summary>
/// Sends this node's bed counts to its peers: facility, organisation name, type, populations,
/// accessibility, city/region/country and free and total beds by type. Nothing else leaves: no
/// address, no rules, no resident. Only active facilities of active organisations of this node's
/// country. Each snapshot travels on a correlation of its own, so a lost one never holds up the next.
/// </summary>
public sealed class ShelterAvailabilityPublisher(UraDbContext db, NodeIdentity identity, FederationSender sender,
    IOptions<ShelterOptions> options, TimeProvider clock)
{
    public const string MessageType = "shelter.availability";

    public async Task<AvailabilitySnapshot> SnapshotAsync(string countryCode, CancellationToken ct)
    {
        var facilities = await (
            from f in db.ShelterFacilities.AsNoTracking()
            join o in db.Organisations on f.OrganisationId equals o.Id
            where f.IsActive && o.IsActive && f.CountryCode == countryCode
            orderby f.Id
            select new { f.Id, f.ServiceId, OrganisationName = o.Name, f.Name, f.Type, f.Populations, f.WheelchairAccessible, f.CountryCode, f.City, f.Region, f.CapacityUpdatedAt })
            .ToListAsync(ct);
        var counts = await db.ShelterBeds.AsNoTracking()
            .Where(b => b.Status != BedStatus.OutOfService && db.ShelterFacilities.Any(f => f.Id == b.FacilityId && f.IsActive && f.CountryCode == countryCode))
            .GroupBy(b => new { b.FacilityId, b.Type, b.Status })
            .Select(g => new { g.Key.FacilityId, g.Key.Type, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var byFacility = counts.ToLookup(c => c.FacilityId);
        BedCounts Count(Guid facility, bool freeOnly)
        {
            var rows = byFacility[facility].Where(c => !freeOnly || c.Status == BedStatus.Available).ToList();
            int Of(BedType type) => rows.Where(c => c.Type == type).Sum(c => c.Count);
            return new(Of(BedType.Adult), Of(BedType.Child), Of(BedType.Cot), Of(BedType.Accessible));
        }
        return new AvailabilitySnapshot([.. facilities.Select(f => new AvailabilityEntry(
            f.Id, f.ServiceId, f.OrganisationName, f.Name, f.Type.ToString(), [.. ShelterBoard.ParsePopulations(f.Populations).Select(p => p.ToString())],
            f.WheelchairAccessible, f.CountryCode, f.City, f.Region, Count(f.Id, freeOnly: true), Count(f.Id, freeOnly: false),
            DateTime.SpecifyKind(f.CapacityUpdatedAt, DateTimeKind.Utc)))]);
    }

    /// <summary>
    /// Puts a snapshot into the outbox for every pinned peer, or with <paramref name="onlyDue"/> only for
    /// peers that were never sent one, not within the refresh interval, or not since a facility or bed
    /// last changed, and none while the node's country has no facility at all (a deactivated one still
    /// counts, so its peers hear it is gone); saves and returns how many peers. None without a node identity.
    /// </summary>
    public async Task<int> PublishAsync(CancellationToken ct, bool onlyDue = false)
    {
        if (await identity.LoadAsync(ct) is not { } node)
            return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var peers = await db.FederationPeers.AsNoTracking().Select(p => p.NodeId).OrderBy(p => p).ToListAsync(ct);
        if (onlyDue && peers.Count > 0)
        {
            var lastSent = await db.FederationOutbox.AsNoTracking().Where(o => o.Type == MessageType)
                .GroupBy(o => o.PeerNodeId).Select(g => new { Peer = g.Key, At = g.Max(o => o.CreatedAt) })
                .ToDictionaryAsync(g => g.Peer, g => g.At, ct);
            var country = db.ShelterFacilities.AsNoTracking().Where(f => f.CountryCode == node.CountryCode);
            var changed = await country.MaxAsync(f => (DateTime?)f.CapacityUpdatedAt, ct);
            var edited = await country.MaxAsync(f => (DateTime?)f.ModifiedAt, ct);
            var lastChange = changed > edited || edited is null ? changed : edited;
            if (lastChange is null)
                return 0;
            var since = now - options.Value.AvailabilityRefreshInterval;
            peers = [.. peers.Where(p => !lastSent.TryGetValue(p, out var at) || at <= since || lastChange >= at)];
        }
        if (peers.Count == 0)
            return 0;
        var snapshot = await SnapshotAsync(node.CountryCode, ct);
        foreach (var peer in peers)
            await sender.SendAsync(peer, MessageType, Guid.CreateVersion7(), snapshot, ct);
        await db.SaveChangesAsync(ct);
        return peers.Count;
    }
}

/// <summary>
/// Sends the bed counts to each peer that is due them (see <see cref="ShelterAvailabilityPublisher.PublishAsync"/>),
/// looking every <see cref="ShelterOptions.AvailabilityLookInterval"/>.
/// </summary>
internal sealed class ShelterAvailabilityJob(ShelterAvailabilityPublisher publisher) : IJob
{
    public Task RunAsync(CancellationToken ct) => publisher.PublishAsync(ct, onlyDue: true);
}

/// <summary>
/// <c>shelter.availability</c>: replaces the sender's stored facilities with the snapshot, unless a newer
/// one (by envelope creation time) was applied already. Only facilities of the peer's own country are
/// kept, and only the fields the board shows; anything malformed is dropped.
/// </summary>
public sealed class ShelterAvailabilityHandler(UraDbContext db, TimeProvider clock) : IFederationHandler
{
    private const int MaxFacilities = 5000;
    private const int MaxBeds = 10_000;

    public string Type => ShelterAvailabilityPublisher.MessageType;

    public async Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        var peer = await db.FederationPeers.AsNoTracking().SingleAsync(p => p.NodeId == message.SenderNodeId, ct);
        var current = await db.PeerShelterSnapshots.SingleOrDefaultAsync(s => s.PeerNodeId == peer.NodeId, ct);
        if (current is not null && current.SnapshotAt >= message.CreatedAt)
            return;
        var snapshot = message.Read<AvailabilitySnapshot>();
        var entries = (snapshot.Facilities ?? [])
            .Where(f => f.CountryCode == peer.CountryCode && !string.IsNullOrWhiteSpace(f.Name) && !string.IsNullOrWhiteSpace(f.City)
                && PersonRules.IsValue<HousingType>(f.Type) && f.Free is not null && f.Total is not null)
            .DistinctBy(f => f.FacilityId).Take(MaxFacilities).ToList();

        // Rows keep their id from one snapshot to the next.
        var stored = await db.PeerShelters.Where(s => s.PeerNodeId == peer.NodeId).ToDictionaryAsync(s => s.FacilityId, ct);
        var kept = entries.Select(e => e.FacilityId).ToHashSet();
        db.PeerShelters.RemoveRange(stored.Values.Where(s => !kept.Contains(s.FacilityId)));
        foreach (var f in entries)
        {
            if (!stored.TryGetValue(f.FacilityId, out var row))
            {
                row = new PeerShelter { PeerNodeId = peer.NodeId, FacilityId = f.FacilityId };
                db.PeerShelters.Add(row);
            }
            row.ServiceId = f.ServiceId;
            row.OrganisationName = Cut(f.OrganisationName ?? "", 300);
            row.Name = Cut(f.Name.Trim(), 200);
            row.Type = Enum.Parse<HousingType>(f.Type);
            row.Populations = string.Join(',', (f.Populations ?? []).Where(PersonRules.IsValue<Population>).Distinct());
            row.WheelchairAccessible = f.WheelchairAccessible;
            row.CountryCode = peer.CountryCode;
            row.City = Cut(f.City.Trim(), 100);
            row.Region = string.IsNullOrWhiteSpace(f.Region) ? null : Cut(f.Region.Trim(), 100);
            (row.FreeAdult, row.FreeChild, row.FreeCot, row.FreeAccessible) = (Beds(f.Free.Adult), Beds(f.Free.Child), Beds(f.Free.Cot), Beds(f.Free.Accessible));
            (row.TotalAdult, row.TotalChild, row.TotalCot, row.TotalAccessible) = (Beds(f.Total.Adult), Beds(f.Total.Child), Beds(f.Total.Cot), Beds(f.Total.Accessible));
            row.UpdatedAt = f.UpdatedAt.Kind == DateTimeKind.Utc ? f.UpdatedAt : DateTime.SpecifyKind(f.UpdatedAt.ToUniversalTime(), DateTimeKind.Utc);
            row.SnapshotAt = message.CreatedAt;
        }
        if (current is null)
        {
            current = new PeerShelterSnapshot { PeerNodeId = peer.NodeId };
            db.PeerShelterSnapshots.Add(current);
        }
        current.SnapshotAt = message.CreatedAt;
        current.ReceivedAt = clock.GetUtcNow().UtcDateTime;
        current.FacilityCount = entries.Count;
    }

    private static int Beds(int count) => Math.Clamp(count, 0, MaxBeds);

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];
}
