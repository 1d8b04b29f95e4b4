using Microsoft.EntityFrameworkCore;
using Ura.Features.Directory;
using Ura.Platform.Data;
using Ura.Platform.Localization;

namespace Ura.Features.Awareness.Public;

/// <summary>A published help page as visitors read it.</summary>
public sealed record PublishedHelpPage(HelpTopic Topic, string Title, string Html, DateTime PublishedAt);

/// <summary>A service in the public list: name, organisation, phones, hours and cities of its public places only.</summary>
public sealed record PublicService(string Name, string OrganisationName, string? Description, IReadOnlyList<PhoneView> Phones,
    IReadOnlyList<ScheduleView> Schedules, IReadOnlyList<PublicPlace> Places);

/// <summary>A place that is not confidential: its name, street and city, phones and hours.</summary>
public sealed record PublicPlace(string? Name, string? Street, string? City, IReadOnlyList<PhoneView> Phones, IReadOnlyList<ScheduleView> Schedules);

/// <summary>
/// What anonymous visitors may read: published help page versions and the directory's services that are
/// not at a confidential place. Nothing else from the signed-in side.
/// </summary>
public sealed class PublicHelpReading(UraDbContext db)
{
    /// <summary>The country code (upper case) of a public URL segment, when the node knows that country.</summary>
    public async Task<string?> CountryAsync(string? cc, CancellationToken ct)
    {
        if (cc is not { Length: 2 } || cc != cc.ToLowerInvariant())
            return null;
        var code = cc.ToUpperInvariant();
        return await db.Countries.AnyAsync(c => c.Code == code, ct) ? code : null;
    }

    public static bool IsLanguage(string? lang) => Languages.IsSupported(lang);

    /// <summary>The published title of each topic of a country in a language (topics without one are left out).</summary>
    public async Task<IReadOnlyList<(HelpTopic Topic, string Title)>> TopicsAsync(string country, string language, CancellationToken ct)
    {
        var rows = await db.HelpPages.AsNoTracking()
            .Where(p => p.CountryCode == country && p.Language == language)
            .SelectMany(p => p.Versions.Where(v => v.Status == HelpVersionStatus.Published), (p, v) => new { p.Topic, v.Title })
            .ToListAsync(ct);
        return [.. HelpTopics.All.Select(t => rows.FirstOrDefault(r => r.Topic == t.Topic)).Where(r => r is not null).Select(r => (r!.Topic, r.Title))];
    }

    public async Task<PublishedHelpPage?> PageAsync(string country, string language, HelpTopic topic, CancellationToken ct)
    {
        var version = await db.HelpPageVersions.AsNoTracking()
            .Where(v => v.Status == HelpVersionStatus.Published
                && db.HelpPages.Any(p => p.Id == v.HelpPageId && p.CountryCode == country && p.Language == language && p.Topic == topic))
            .Select(v => new { v.Title, v.Body, v.PublishedAt })
            .FirstOrDefaultAsync(ct);
        return version is null ? null : new PublishedHelpPage(topic, version.Title, HelpMarkdown.ToHtml(version.Body), version.PublishedAt ?? default);
    }

    /// <summary>
    /// Active services of the country's active organisations. A service at any confidential place (a shelter)
    /// is left out entirely: even its name and city could lead someone to the people it hides.
    /// </summary>
    public async Task<IReadOnlyList<PublicService>> ServicesAsync(string country, CancellationToken ct)
    {
        var services = await db.Services.AsNoTracking().AsSplitQuery()
            .Where(s => s.Organisation!.IsActive && s.Organisation.CountryCode == country && s.Status == ServiceStatus.Active
                && !s.Locations.Any(l => l.Location!.IsConfidential))
            .Include(s => s.Organisation)
            .Include(s => s.Phones).Include(s => s.Schedules)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Addresses)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Phones)
            .Include(s => s.Locations).ThenInclude(l => l.Location!).ThenInclude(l => l.Schedules)
            .ToListAsync(ct);
        return [.. services.OrderBy(s => s.Name, StringComparer.CurrentCulture).Select(s => new PublicService(
            s.Name, s.Organisation!.Name, s.Description,
            [.. s.Phones.Select(ServiceProfile.Phone)], [.. s.Schedules.Select(ServiceProfile.Schedule)],
            [.. s.Locations.Select(l => l.Location).Where(l => l is { IsConfidential: false }).Select(l => new PublicPlace(
                l!.Name, l.Addresses.Select(a => a.Address1).FirstOrDefault(), l.Addresses.Select(a => a.City).FirstOrDefault(),
                [.. l.Phones.Select(ServiceProfile.Phone)], [.. l.Schedules.Select(ServiceProfile.Schedule)]))]))];
    }
}
