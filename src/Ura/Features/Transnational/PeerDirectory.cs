using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Ura.Features.Directory;
using Ura.Features.Directory.Hsds;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Platform.Jobs;

namespace Ura.Features.Transnational;

/// <summary>How a node receives transnational referrals (<c>Ura:Federation:Routing</c>).</summary>
public enum TransnationalRouting
{
    /// <summary>Straight to the organisation the sender chose.</summary>
    Direct,
    /// <summary>First to the national coordinator's office, which forwards it to an organisation or declines it.</summary>
    FocalPoint,
}

/// <summary>The <c>Ura:Federation</c> settings of transnational referrals (the transport's are in <see cref="FederationOptions"/>).</summary>
public sealed class TransnationalOptions
{
    public TransnationalRouting Routing { get; set; } = TransnationalRouting.Direct;

    /// <summary>How often this node sends its published directory to every peer.</summary>
    public TimeSpan DirectoryRefreshInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How often the directory job looks for peers that are due a snapshot (never sent one, or not within
    /// the refresh interval): the longest a newly pinned peer waits for the directory.
    /// </summary>
    public TimeSpan DirectoryLookInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// A service a peer node published as taking referrals, as its last directory snapshot described it.
/// Public directory data only: organisation, categories, city/region/country, languages, eligibility.
/// </summary>
public sealed class PeerService
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string PeerNodeId { get; set; } = "";

    /// <summary>The service's and its organisation's ids on the peer node.</summary>
    public Guid ServiceId { get; set; }
    public Guid OrganisationId { get; set; }
    public string OrganisationName { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string CountryCode { get; set; } = "";

    /// <summary>Comma-separated lists: cities, regions, taxonomy codes, language codes, genders, nationalities.</summary>
    public string Cities { get; set; } = "";
    public string Regions { get; set; } = "";
    public string Categories { get; set; } = "";
    public string Languages { get; set; } = "";
    public int? MinimumAge { get; set; }
    public int? MaximumAge { get; set; }
    public string Genders { get; set; } = "";
    public string Nationalities { get; set; } = "";
    public string? EligibilityDescription { get; set; }

    /// <summary>When the peer created the snapshot this row came from.</summary>
    public DateTime SnapshotAt { get; set; }

    public static IReadOnlyList<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The newest directory snapshot applied from a peer: an older one arriving late is ignored.</summary>
public sealed class PeerDirectory
{
    public string PeerNodeId { get; set; } = "";
    public DateTime SnapshotAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    public int ServiceCount { get; set; }
}

internal sealed class PeerServiceConfiguration : IEntityTypeConfiguration<PeerService>
{
    public void Configure(EntityTypeBuilder<PeerService> e)
    {
        e.Property(s => s.PeerNodeId).HasMaxLength(20);
        e.Property(s => s.OrganisationName).HasMaxLength(300);
        e.Property(s => s.Name).HasMaxLength(300);
        e.Property(s => s.Description).HasMaxLength(4000);
        e.Property(s => s.CountryCode).HasMaxLength(2);
        e.Property(s => s.Cities).HasMaxLength(1000);
        e.Property(s => s.Regions).HasMaxLength(1000);
        e.Property(s => s.Categories).HasMaxLength(1000);
        e.Property(s => s.Languages).HasMaxLength(300);
        e.Property(s => s.Genders).HasMaxLength(100);
        e.Property(s => s.Nationalities).HasMaxLength(300);
        e.Property(s => s.EligibilityDescription).HasMaxLength(4000);
        e.HasIndex(s => new { s.PeerNodeId, s.ServiceId }).IsUnique();
        e.HasIndex(s => new { s.CountryCode, s.Name });
    }
}

internal sealed class PeerDirectoryConfiguration : IEntityTypeConfiguration<PeerDirectory>
{
    public void Configure(EntityTypeBuilder<PeerDirectory> e)
    {
        e.HasKey(d => d.PeerNodeId);
        e.Property(d => d.PeerNodeId).HasMaxLength(20);
    }
}

/// <summary>One service in a <c>directory.snapshot</c> message.</summary>
public sealed record DirectoryEntry(
    Guid ServiceId, Guid OrganisationId, string OrganisationName, string Name, string? Description, string CountryCode,
    List<string> Cities, List<string> Regions, List<string> Categories, List<string> Languages,
    int? MinimumAge, int? MaximumAge, List<string> Genders, List<string> Nationalities, string? EligibilityDescription);

/// <summary>The payload of <c>directory.snapshot</c>: every service of the node's country that takes referrals.</summary>
public sealed record DirectorySnapshot(List<DirectoryEntry> Services);

/// <summary>
/// Sends this node's published directory to its peers. Only what <see cref="HsdsPublisher"/> publishes
/// (active organisations), only services of this node's country that are active and take referrals,
/// and of their locations only city, region and country: a confidential address never leaves.
/// Each snapshot travels on a correlation of its own, so a lost one never holds up the next.
/// </summary>
public sealed class PeerDirectoryPublisher(UraDbContext db, HsdsPublisher publisher, NodeIdentity identity, FederationSender sender,
    IOptions<TransnationalOptions> options, TimeProvider clock)
{
    public const string MessageType = "directory.snapshot";

    public async Task<DirectorySnapshot> SnapshotAsync(string countryCode, CancellationToken ct)
    {
        var services = await publisher.PublishedServices.AsSplitQuery()
            .Where(s => s.Status == ServiceStatus.Active && s.AcceptsReferrals && s.Organisation!.CountryCode == countryCode)
            .Include(s => s.Organisation).Include(s => s.Languages).Include(s => s.Terms)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Addresses)
            .OrderBy(s => s.Id)
            .ToListAsync(ct);
        var codes = ServiceTaxonomy.Categories.ToDictionary(c => c.Id, c => c.Code);
        return new DirectorySnapshot([.. services.Select(s =>
        {
            var addresses = s.Locations.Where(l => l.Location is not null).SelectMany(l => l.Location!.Addresses).ToList();
            return new DirectoryEntry(s.Id, s.OrganisationId, s.Organisation!.Name, s.Name, s.Description, s.Organisation.CountryCode,
                [.. addresses.Select(a => a.City).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().Order(StringComparer.Ordinal)],
                [.. addresses.Select(a => a.Region).OfType<string>().Where(r => r.Length > 0).Distinct().Order(StringComparer.Ordinal)],
                [.. s.Terms.Where(t => codes.ContainsKey(t.TaxonomyTermId)).Select(t => codes[t.TaxonomyTermId]).Order(StringComparer.Ordinal)],
                [.. s.Languages.Select(l => l.Code)], s.MinimumAge, s.MaximumAge, [.. s.GenderList], [.. s.NationalityList], s.EligibilityDescription);
        })]);
    }

    /// <summary>
    /// Puts a snapshot into the outbox for every pinned peer, or with <paramref name="onlyDue"/> only for
    /// peers that were never sent one or not within the refresh interval, and saves; returns how many
    /// peers. None without a node identity.
    /// </summary>
    public async Task<int> PublishAsync(CancellationToken ct, bool onlyDue = false)
    {
        if (await identity.LoadAsync(ct) is not { } node)
            return 0;
        var since = clock.GetUtcNow().UtcDateTime - options.Value.DirectoryRefreshInterval;
        var peers = await db.FederationPeers.AsNoTracking()
            .Where(p => !onlyDue || !db.FederationOutbox.Any(o => o.PeerNodeId == p.NodeId && o.Type == MessageType && o.CreatedAt > since))
            .Select(p => p.NodeId).OrderBy(p => p).ToListAsync(ct);
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
/// Sends the directory to each peer that has not had it within <see cref="TransnationalOptions.DirectoryRefreshInterval"/>.
/// It looks every <see cref="TransnationalOptions.DirectoryLookInterval"/> (five minutes), so a newly pinned peer
/// gets it soon without waiting a whole interval.
/// </summary>
internal sealed class PeerDirectoryJob(PeerDirectoryPublisher publisher) : IJob
{
    public static TimeSpan Every(TransnationalOptions options) =>
        options.DirectoryRefreshInterval < options.DirectoryLookInterval ? options.DirectoryRefreshInterval : options.DirectoryLookInterval;

    public Task RunAsync(CancellationToken ct) => publisher.PublishAsync(ct, onlyDue: true);
}

/// <summary>
/// <c>directory.snapshot</c>: replaces the sender's cached services with the snapshot, unless a newer
/// one (by envelope creation time) was applied already. Only services of the peer's own country are kept.
/// </summary>
public sealed class DirectorySnapshotHandler(UraDbContext db, TimeProvider clock) : IFederationHandler
{
    private const int MaxServices = 5000;

    public string Type => PeerDirectoryPublisher.MessageType;

    public async Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        var peer = await db.FederationPeers.AsNoTracking().SingleAsync(p => p.NodeId == message.SenderNodeId, ct);
        var current = await db.PeerDirectories.SingleOrDefaultAsync(d => d.PeerNodeId == peer.NodeId, ct);
        if (current is not null && current.SnapshotAt >= message.CreatedAt)
            return;
        var snapshot = message.Read<DirectorySnapshot>();
        var entries = (snapshot.Services ?? []).Where(s => s.CountryCode == peer.CountryCode && !string.IsNullOrWhiteSpace(s.Name))
            .DistinctBy(s => s.ServiceId).Take(MaxServices).ToList();

        // Rows keep their id from one snapshot to the next, so a form open on a service still finds it.
        var cached = await db.PeerServices.Where(s => s.PeerNodeId == peer.NodeId).ToDictionaryAsync(s => s.ServiceId, ct);
        db.PeerServices.RemoveRange(cached.Values.Where(c => !entries.Any(e => e.ServiceId == c.ServiceId)));
        foreach (var s in entries)
        {
            if (!cached.TryGetValue(s.ServiceId, out var row))
            {
                row = new PeerService { PeerNodeId = peer.NodeId, ServiceId = s.ServiceId };
                db.PeerServices.Add(row);
            }
            row.OrganisationId = s.OrganisationId;
            row.OrganisationName = Cut(s.OrganisationName ?? "", 300);
            row.Name = Cut(s.Name, 300);
            row.Description = s.Description is null ? null : Cut(s.Description, 4000);
            row.CountryCode = peer.CountryCode;
            row.Cities = Join(s.Cities, 1000);
            row.Regions = Join(s.Regions, 1000);
            row.Categories = Join(s.Categories, 1000);
            row.Languages = Join(s.Languages, 300);
            row.MinimumAge = s.MinimumAge;
            row.MaximumAge = s.MaximumAge;
            row.Genders = Join(s.Genders, 100);
            row.Nationalities = Join(s.Nationalities, 300);
            row.EligibilityDescription = s.EligibilityDescription is null ? null : Cut(s.EligibilityDescription, 4000);
            row.SnapshotAt = message.CreatedAt;
        }
        if (current is null)
        {
            current = new PeerDirectory { PeerNodeId = peer.NodeId };
            db.PeerDirectories.Add(current);
        }
        current.SnapshotAt = message.CreatedAt;
        current.ReceivedAt = clock.GetUtcNow().UtcDateTime;
        current.ServiceCount = entries.Count;
    }

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];

    // A comma inside a value would split it into two; such values are dropped.
    private static string Join(List<string>? values, int length) =>
        Cut(string.Join(',', (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v) && !v.Contains(',', StringComparison.Ordinal)).Select(v => v.Trim())), length);
}

/// <summary>A peer's service as a case worker picks it for a transnational referral.</summary>
public sealed record PeerServiceView(
    Guid Id, string PeerNodeId, Guid ServiceId, string CountryCode, Guid OrganisationId, string OrganisationName, string Name, string? Description,
    IReadOnlyList<string> Cities, IReadOnlyList<string> Regions, IReadOnlyList<string> Categories, IReadOnlyList<string> Languages,
    int? MinimumAge, int? MaximumAge, IReadOnlyList<string> Genders, IReadOnlyList<string> Nationalities, string? EligibilityDescription, DateTime SnapshotAt);

/// <summary>Searches the cached directories of the peers, by country and category.</summary>
public sealed class PeerDirectorySearch(UraDbContext db)
{
    public async Task<IReadOnlyList<PeerServiceView>> SearchAsync(string? country, string? category, CancellationToken ct)
    {
        var query = db.PeerServices.AsNoTracking().Where(s => db.FederationPeers.Any(p => p.NodeId == s.PeerNodeId));
        if (!string.IsNullOrWhiteSpace(country))
        {
            var code = country.Trim().ToUpperInvariant();
            query = query.Where(s => s.CountryCode == code);
        }
        var rows = await query.OrderBy(s => s.CountryCode).ThenBy(s => s.OrganisationName).ThenBy(s => s.Name).Take(500).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(category))
            rows = [.. rows.Where(s => PeerService.Split(s.Categories).Contains(category.Trim()))];
        return [.. rows.Select(View)];
    }

    public async Task<PeerServiceView?> FindAsync(Guid id, CancellationToken ct) =>
        await db.PeerServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && db.FederationPeers.Any(p => p.NodeId == s.PeerNodeId), ct) is { } s
            ? View(s) : null;

    /// <summary>The countries with a cached directory, for the search form.</summary>
    public Task<List<string>> CountriesAsync(CancellationToken ct) =>
        db.PeerServices.AsNoTracking().Select(s => s.CountryCode).Distinct().OrderBy(c => c).ToListAsync(ct);

    internal static PeerServiceView View(PeerService s) => new(
        s.Id, s.PeerNodeId, s.ServiceId, s.CountryCode, s.OrganisationId, s.OrganisationName, s.Name, s.Description,
        PeerService.Split(s.Cities), PeerService.Split(s.Regions), PeerService.Split(s.Categories), PeerService.Split(s.Languages),
        s.MinimumAge, s.MaximumAge, PeerService.Split(s.Genders), PeerService.Split(s.Nationalities), s.EligibilityDescription, s.SnapshotAt);
}
