using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Data;

namespace Ura.Features.Identification;

/// <summary>
/// A stored screening instrument: the JSON exactly as imported, with the facts needed to list it.
/// Never changed once stored; a correction is imported as a new version, and screenings keep the
/// version they used.
/// </summary>
public sealed class ScreeningInstrument
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Key { get; set; }
    public required string Version { get; set; }
    public InstrumentStatus Status { get; set; }

    /// <summary>The English title, for lists; translations stay in the document.</summary>
    public required string Title { get; set; }
    public required string Document { get; set; }
    public DateTime ImportedAt { get; set; }

    /// <summary>Null for the instruments Ura installs itself.</summary>
    public Guid? ImportedById { get; set; }

    /// <summary>A validated document as stored: the JSON exactly as given, with the fields lists need.</summary>
    public static ScreeningInstrument From(InstrumentDocument document, string json, Guid? importedById) => new()
    {
        Key = document.Key,
        Version = document.Version,
        Status = document.Status,
        Title = document.Title.English,
        Document = json,
        ImportedAt = DateTime.UtcNow,
        ImportedById = importedById,
    };
}

internal sealed class ScreeningInstrumentConfiguration : IEntityTypeConfiguration<ScreeningInstrument>
{
    public void Configure(EntityTypeBuilder<ScreeningInstrument> e)
    {
        e.Property(i => i.Key).HasMaxLength(64);
        e.Property(i => i.Version).HasMaxLength(40);
        e.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(i => i.Title).HasMaxLength(300);
        e.HasIndex(i => new { i.Key, i.Version }).IsUnique();
    }
}

/// <summary>
/// The ILO/EC 2009 operational indicators, shipped inside the application in Ura's instrument
/// format (converted from shared/standards/ilo-indicators-2009.json, provenance and statuses kept:
/// labour lists unverified, sexual-exploitation lists incomplete, rule unverified).
/// </summary>
public static class DefaultInstruments
{
    public const string IloKey = "ilo-ec-2009";
    private const string Resource = "Ura.Features.Identification.ilo-ec-2009.json";

    public static string IloJson()
    {
        using var stream = typeof(DefaultInstruments).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Adds the ILO instrument when no version of it is stored. Once an admin has imported any
    /// version under its key, nothing is added, so an older built-in never displaces it as current.
    /// </summary>
    public static async Task InstallAsync(UraDbContext db, CancellationToken ct)
    {
        if (await db.ScreeningInstruments.AnyAsync(i => i.Key == IloKey, ct))
            return;
        var json = IloJson();
        var parsed = InstrumentDocument.Parse(json);
        if (!parsed.Succeeded)
            throw new InvalidOperationException("The built-in ILO instrument does not validate: "
                + string.Join("; ", parsed.Errors.Select(e => $"{e.Path} {e.MessageKey}")));
        var document = parsed.Document!;
        db.ScreeningInstruments.Add(ScreeningInstrument.From(document, json, importedById: null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process starting at the same moment installed it first.
            db.ChangeTracker.Clear();
            if (!await db.ScreeningInstruments.AnyAsync(i => i.Key == IloKey, ct))
                throw;
        }
    }
}
