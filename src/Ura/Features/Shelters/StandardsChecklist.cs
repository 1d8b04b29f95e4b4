using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;

namespace Ura.Features.Shelters;

/// <summary>One line of the checklist as sent: a standard, how far it is met (empty: not assessed), the evidence and the next review.</summary>
public sealed class StandardInput
{
    /// <summary>One of <see cref="MinimumStandards.Codes"/>.</summary>
    public string? Code { get; set; }

    /// <summary>A <see cref="StandardLevel"/> name, or empty for "not assessed yet".</summary>
    public string? Level { get; set; }

    [StringLength(2000, ErrorMessage = "Validation.TooLong")]
    public string? Evidence { get; set; }

    public DateOnly? ReviewOn { get; set; }
}

/// <summary>A standard of the checklist; <see cref="Level"/> is null when not assessed yet.</summary>
public sealed record StandardView(string Code, StandardLevel? Level, string? Evidence, DateOnly? ReviewOn, DateTime? UpdatedAt);

/// <summary>
/// The facility's checklist of minimum service standards (<see cref="MinimumStandards"/>): each one
/// met, partly met or not met, with the evidence and when to review it next. The whole checklist is
/// saved at once; a standard left out or without a level is "not assessed".
/// </summary>
public sealed class StandardsChecklist(UraDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public static readonly DateOnly EarliestReview = new(2000, 1, 1);
    public static readonly DateOnly LatestReview = new(2100, 12, 31);

    /// <summary>Every standard in checklist order; null when the facility is not the user's organisation's.</summary>
    public async Task<IReadOnlyList<StandardView>?> GetAsync(Guid facilityId, CancellationToken ct)
    {
        var facility = await db.ShelterFacilities.OfOwnOrganisation(user).AsNoTracking().FirstOrDefaultAsync(f => f.Id == facilityId, ct);
        if (facility is null)
            return null;
        var rows = await db.ShelterStandards.AsNoTracking().Where(s => s.FacilityId == facility.Id).ToListAsync(ct);
        return [.. MinimumStandards.Codes.Select(code => rows.FirstOrDefault(r => r.Code == code) is { } r
            ? new StandardView(code, r.Level, r.Evidence, r.ReviewOn, r.UpdatedAt)
            : new StandardView(code, null, null, null, null))];
    }

    public async Task<CommandResult<IReadOnlyList<StandardView>>> SaveAsync(Guid facilityId, IReadOnlyList<StandardInput> input, CancellationToken ct)
    {
        var facility = await db.ShelterFacilities.OfOwnOrganisation(user).FirstOrDefaultAsync(f => f.Id == facilityId, ct);
        if (facility is null)
            return CommandResult<IReadOnlyList<StandardView>>.NotFound();
        var errors = Check(input);
        if (errors.Count > 0)
            return CommandResult<IReadOnlyList<StandardView>>.Refused([.. errors]);

        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.ShelterStandards.Where(s => s.FacilityId == facility.Id).ToListAsync(ct);
        foreach (var code in MinimumStandards.Codes)
        {
            var line = input.FirstOrDefault(i => i.Code == code);
            var row = rows.FirstOrDefault(r => r.Code == code);
            if (line is null || string.IsNullOrEmpty(line.Level))
            {
                if (row is not null)
                    db.ShelterStandards.Remove(row);
                continue;
            }
            if (row is null)
            {
                row = new FacilityStandard { FacilityId = facility.Id, OrganisationId = facility.OrganisationId, Code = code };
                db.ShelterStandards.Add(row);
            }
            var level = Enum.Parse<StandardLevel>(line.Level);
            var evidence = string.IsNullOrWhiteSpace(line.Evidence) ? null : line.Evidence.Trim();
            if (row.Level != level || row.Evidence != evidence || row.ReviewOn != line.ReviewOn || row.UpdatedAt == default)
                row.UpdatedAt = now;
            row.Level = level;
            row.Evidence = evidence;
            row.ReviewOn = line.ReviewOn;
        }
        audit.Record("shelter.standards.change", nameof(ShelterFacility), facility.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<IReadOnlyList<StandardView>>.Done((await GetAsync(facility.Id, ct))!);
    }

    /// <summary>Errors name the line as <c>Items[i]</c>, so a form shows them beside the standard.</summary>
    public static List<RuleError> Check(IReadOnlyList<StandardInput> input)
    {
        var errors = new List<RuleError>();
        for (var i = 0; i < input.Count; i++)
        {
            var line = input[i];
            var field = $"Items[{i}]";
            if (line is null || line.Code is null || !MinimumStandards.Codes.Contains(line.Code))
                errors.Add(new(field, "Shelters.UnknownStandard"));
            else if (input.Take(i).Any(other => other?.Code == line.Code))
                errors.Add(new(field, "Shelters.StandardTwice"));
            else if (!string.IsNullOrEmpty(line.Level) && !PersonRules.IsValue<StandardLevel>(line.Level))
                errors.Add(new(field, "Shelters.UnknownLevel"));
            else if (line.Evidence?.Trim().Length > 2000)
                errors.Add(new(field, "Validation.TooLong"));
            else if (line.ReviewOn is { } review && (review < EarliestReview || review > LatestReview))
                errors.Add(new(field, "Shelters.ReviewDateRange"));
        }
        return errors;
    }
}
