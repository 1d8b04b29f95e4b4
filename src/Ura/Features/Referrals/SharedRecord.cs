using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Ura.Features.Cases;
using Ura.Platform.Data;

namespace Ura.Features.Referrals;

/// <summary>
/// The copy of the person's data a referral carries: only the fields the sender chose, taken when it
/// is sent, so the receiver never reads the sender's case. Codes (gender, age band, needs...) are
/// kept as codes and shown in the reader's language.
/// </summary>
public static class SharedRecord
{
    /// <summary>What is shared unless the sender ticks more.</summary>
    public static readonly IReadOnlyList<SharedField> MinimalDefault =
    [
        SharedField.Reference, SharedField.FirstName, SharedField.AgeBand, SharedField.Gender,
        SharedField.Languages, SharedField.Needs, SharedField.RiskLevel,
    ];

    public static bool IsField(string? name) => name is not null && Enum.GetNames<SharedField>().Contains(name, StringComparer.Ordinal);

    /// <summary>The chosen fields' values from the case, in the order of <see cref="SharedField"/>; a field with no value is left out.</summary>
    public static async Task<Dictionary<string, string>> TakeAsync(UraDbContext db, Case @case, Person person, IEnumerable<SharedField> fields,
        DateOnly today, CancellationToken ct)
    {
        var values = new Dictionary<string, string>();
        foreach (var field in fields.Distinct().Order())
        {
            var value = field switch
            {
                SharedField.Reference => @case.Reference,
                SharedField.FirstName => person.GivenNames,
                SharedField.FamilyName => person.FamilyName,
                SharedField.AgeBand => PersonRules.BandOf(AgeOf(person, today)).ToString(),
                SharedField.Gender => person.Gender.ToString(),
                SharedField.Languages => person.Languages,
                SharedField.BirthDate => person.BirthDate,
                SharedField.Citizenships => person.Citizenships,
                SharedField.Phone => person.Phone,
                SharedField.TraffickingStatus => @case.TraffickingStatus.ToString(),
                SharedField.Needs => await db.NeedsAssessments.Where(n => n.CaseId == @case.Id)
                    .OrderByDescending(n => n.AssessedOn).ThenByDescending(n => n.RecordedAt).Select(n => n.Areas).FirstOrDefaultAsync(ct),
                SharedField.RiskLevel => (await db.RiskAssessments.AsNoTracking().Where(r => r.CaseId == @case.Id)
                    .OrderByDescending(r => r.AssessedOn).ThenByDescending(r => r.RecordedAt).FirstOrDefaultAsync(ct))?.OverallRisk.ToString(),
                SharedField.ExploitationTypes => string.Join(',', await db.ExploitationCodes
                    .Where(c => c.CaseId == @case.Id && c.Kind == ExploitationCodeKind.TypeOfExploitation).OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct)),
                _ => null,
            };
            if (!string.IsNullOrEmpty(value))
                values[field.ToString()] = value;
        }
        return values;
    }

    public static string Serialise(Dictionary<string, string> values) => JsonSerializer.Serialize(values);

    public static Dictionary<string, string> Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    /// <summary>A shared value as a person reads it: codes turned into words of their language.</summary>
    public static string Display(string field, string value, IStringLocalizer text)
    {
        string Each(string prefix) => string.Join(", ", value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => text[prefix + v].Value));
        return field switch
        {
            nameof(SharedField.AgeBand) => text["AgeBand." + value],
            nameof(SharedField.Gender) => text["Gender." + value],
            nameof(SharedField.RiskLevel) => text["RiskLevel." + value],
            nameof(SharedField.TraffickingStatus) => text["TraffickingStatus." + value],
            nameof(SharedField.Needs) => Each("SupportType."),
            nameof(SharedField.ExploitationTypes) => Each("TypeOfExploitation."),
            nameof(SharedField.Languages) or nameof(SharedField.Citizenships) => value.Replace(",", ", ", StringComparison.Ordinal),
            _ => value,
        };
    }

    /// <summary>The receiver's new-case form, filled with what was shared; the worker completes the rest.</summary>
    public static PersonForm ToPersonForm(Dictionary<string, string> shared, DateOnly today)
    {
        var form = new PersonForm
        {
            GivenNames = shared.GetValueOrDefault(nameof(SharedField.FirstName), ""),
            FamilyName = shared.GetValueOrDefault(nameof(SharedField.FamilyName), ""),
            Gender = shared.GetValueOrDefault(nameof(SharedField.Gender), ""),
            Citizenships = shared.GetValueOrDefault(nameof(SharedField.Citizenships))?.Replace(",", ", ", StringComparison.Ordinal),
            Languages = shared.GetValueOrDefault(nameof(SharedField.Languages))?.Replace(",", ", ", StringComparison.Ordinal),
            Phone = shared.GetValueOrDefault(nameof(SharedField.Phone)),
        };
        if (shared.GetValueOrDefault(nameof(SharedField.BirthDate)) is { } birth)
        {
            if (DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                form.BirthDate = date;
            else if (int.TryParse(birth, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                form.EstimatedBirthYear = year;
        }
        else if (Enum.TryParse<AgeBand>(shared.GetValueOrDefault(nameof(SharedField.AgeBand)), out var band))
        {
            // Only the band is known: a year inside it, to be corrected when the person says.
            form.EstimatedBirthYear = today.Year - band switch
            {
                AgeBand.Under12 => 8,
                AgeBand.From12To17 => 15,
                AgeBand.From18To24 => 21,
                AgeBand.From25To34 => 30,
                AgeBand.From35To49 => 42,
                _ => 55,
            };
        }
        return form;
    }

    public static int AgeOf(Person person, DateOnly today) =>
        DateOnly.TryParseExact(person.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? PersonRules.AgeOn(date, null, today)
            : PersonRules.AgeOn(null, int.Parse(person.BirthDate, CultureInfo.InvariantCulture), today);
}
