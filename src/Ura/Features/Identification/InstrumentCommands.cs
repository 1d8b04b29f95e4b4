using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;

namespace Ura.Features.Identification;

/// <summary>A list's status as listed: which list and how far it can be trusted.</summary>
public sealed record ListStatus(string List, string Status, int Indicators);

/// <summary>
/// A stored instrument as people and programs see it: the title in the reader's language where the
/// instrument has it; <c>IsCurrent</c>: the latest version imported under its key.
/// </summary>
public sealed record InstrumentSummary(Guid Id, string Key, string Version, string Status, string Title, string RuleStatus,
    IReadOnlyList<ListStatus> Lists, DateTime ImportedAt, bool BuiltIn, bool IsCurrent);

public sealed record ImportResult(InstrumentSummary? Instrument, IReadOnlyList<InstrumentError> Errors)
{
    public bool Succeeded => Instrument is not null;

    /// <summary>Each error as "path: message" in the current UI culture.</summary>
    public IEnumerable<string> Messages(IStringLocalizer text) => Errors.Select(e => Message(e, text));

    public static string Message(InstrumentError error, IStringLocalizer text) =>
        string.Format(CultureInfo.CurrentCulture, text[error.MessageKey].Value, error.FormatArguments);
}

/// <summary>Listing and importing screening instruments. Importing is for system admins; callers' policies ensure it.</summary>
public sealed class InstrumentCommands(UraDbContext db, AuditLog audit, CurrentUser user)
{
    public async Task<IReadOnlyList<InstrumentSummary>> ListAsync(CancellationToken ct)
    {
        var stored = await db.ScreeningInstruments.AsNoTracking().ToListAsync(ct);
        var current = stored.GroupBy(i => i.Key)
            .Select(g => g.OrderByDescending(i => i.ImportedAt).ThenByDescending(i => i.Id).First().Id)
            .ToHashSet();
        return stored.OrderBy(i => i.Key, StringComparer.Ordinal).ThenByDescending(i => i.ImportedAt)
            .Select(i => Summary(i, current.Contains(i.Id))).ToList();
    }

    /// <summary>
    /// Validates and stores an instrument. The same key and version twice is refused: a stored
    /// version never changes, because screenings refer to it.
    /// </summary>
    public async Task<ImportResult> ImportAsync(string json, CancellationToken ct)
    {
        var parsed = InstrumentDocument.Parse(json);
        if (!parsed.Succeeded)
            return new(null, parsed.Errors);
        var document = parsed.Document!;
        InstrumentError Duplicate() => new("version", "Screening.Error.DuplicateVersion", document.Key, document.Version);
        if (await db.ScreeningInstruments.AnyAsync(i => i.Key == document.Key && i.Version == document.Version, ct))
            return new(null, [Duplicate()]);

        var instrument = ScreeningInstrument.From(document, json, user.Id);
        db.ScreeningInstruments.Add(instrument);
        audit.Record("screening-instrument.import", nameof(ScreeningInstrument), instrument.Id,
            $"key={document.Key};version={document.Version};status={InstrumentDocument.NameOf(document.Status)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Imported by someone else between the check and the save.
            db.ChangeTracker.Clear();
            return new(null, [Duplicate()]);
        }
        return new(Summary(instrument, isCurrent: true), []);
    }

    private static InstrumentSummary Summary(ScreeningInstrument stored, bool isCurrent)
    {
        // Stored documents were validated on import; parsing again gives the per-list statuses.
        var document = InstrumentDocument.Parse(stored.Document).Document;
        var lists = document is null
            ? []
            : document.Lists.Values.Select(l => new ListStatus(InstrumentDocument.NameOf(l.Kind), InstrumentDocument.NameOf(l.Status), l.All.Count())).ToList();
        var title = document?.Title.In(CultureInfo.CurrentUICulture) ?? stored.Title;
        return new InstrumentSummary(stored.Id, stored.Key, stored.Version, InstrumentDocument.NameOf(stored.Status), title,
            document is null ? InstrumentDocument.NameOf(InstrumentStatus.Incomplete) : InstrumentDocument.NameOf(document.Rule.Status),
            lists, stored.ImportedAt, stored.ImportedById is null, isCurrent);
    }
}
