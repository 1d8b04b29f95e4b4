using Microsoft.EntityFrameworkCore;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

/// <summary>Likely matches of a person: details only for cases the user may see, organisation names otherwise.</summary>
public sealed record DuplicateReport(IReadOnlyList<LikelyMatch> Matches, IReadOnlyList<KnownElsewhere> KnownElsewhere)
{
    public bool Any => Matches.Count > 0 || KnownElsewhere.Count > 0;
}

/// <summary>A case of the user's own organisation that the user may open.</summary>
public sealed record LikelyMatch(Guid CaseId, string Reference, string Name, string BirthYear);

/// <summary>"This person may already be known to this organisation — contact them." Nothing about the person.</summary>
public sealed record KnownElsewhere(string Organisation, string CountryCode);

/// <summary>
/// Finds people who are probably the same person: the same gender, the same birth year (through its
/// blind index) and at least two name words in common (one when only one word was given), compared as
/// blind-index hashes of normalised words, so Çela, Cela and Чела meet.
/// </summary>
public sealed class DuplicateCheck(UraDbContext db, CurrentUser user, AuditLog audit, BlindIndex blind)
{
    /// <summary>Likely matches of the person of a case the user may see, leaving out that case; null when out of scope.</summary>
    public async Task<DuplicateReport?> FindForCaseAsync(Guid caseId, CancellationToken ct)
    {
        var person = await db.Cases.AsNoTracking().VisibleToCaseTeam(user)
            .Where(c => c.Id == caseId && c.Person != null)
            .Select(c => new { c.Person!.GivenNames, c.Person.FamilyName, c.Person.Aliases, c.Person.BirthDate, c.Person.Gender })
            .SingleOrDefaultAsync(ct);
        if (person is null)
            return null;
        audit.Record("read", nameof(Case), caseId, "duplicate-check");
        await db.SaveChangesAsync(ct);
        var names = new[] { person.GivenNames, person.FamilyName }.Concat(person.Aliases?.Split('\n') ?? []);
        return await FindAsync(names, int.Parse(person.BirthDate[..4], System.Globalization.CultureInfo.InvariantCulture), person.Gender, ct, caseId);
    }

    public async Task<DuplicateReport> FindAsync(IEnumerable<string> names, int birthYear, Gender gender, CancellationToken ct, Guid? exceptCase = null)
    {
        var hashes = names.SelectMany(n => blind.OfWords(CaseRegistration.NamePurpose, n)).Distinct().ToList();
        if (hashes.Count == 0)
            return new DuplicateReport([], []);
        var needed = Math.Min(2, hashes.Count);
        var yearHash = blind.Of(CaseRegistration.BirthYearPurpose, birthYear.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var candidates = await db.PersonNameIndex.Where(n => hashes.Contains(n.Hash))
            .GroupBy(n => n.PersonId)
            .Where(g => g.Count() >= needed)
            .Select(g => g.Key)
            .Join(db.Persons.Where(p => p.Gender == gender && p.BirthYearHash == yearHash), id => id, p => p.Id,
                (_, p) => new { p.Id, p.CaseId, p.OrganisationId })
            .Where(p => p.CaseId != exceptCase)
            .ToListAsync(ct);
        if (candidates.Count == 0)
            return new DuplicateReport([], []);

        var caseIds = candidates.Select(c => c.CaseId).ToList();
        var visible = await db.Cases.AsNoTracking().VisibleToCaseTeam(user)
            .Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Reference, c.Person!.GivenNames, c.Person.FamilyName, c.Person.BirthDate })
            .ToListAsync(ct);
        var seen = visible.Select(v => v.Id).ToHashSet();
        var elsewhereIds = candidates.Where(c => !seen.Contains(c.CaseId)).Select(c => c.OrganisationId).Distinct().ToList();
        var elsewhere = await db.Organisations.AsNoTracking().Where(o => elsewhereIds.Contains(o.Id))
            .OrderBy(o => o.Name).Select(o => new KnownElsewhere(o.Name, o.CountryCode)).ToListAsync(ct);

        foreach (var match in visible)
            audit.Record("read", nameof(Case), match.Id, "duplicate-check");
        if (visible.Count > 0)
            await db.SaveChangesAsync(ct);
        return new DuplicateReport(
            [.. visible.OrderBy(v => v.Reference, StringComparer.Ordinal)
                .Select(v => new LikelyMatch(v.Id, v.Reference, v.GivenNames + " " + v.FamilyName, v.BirthDate[..4]))],
            elsewhere);
    }
}
