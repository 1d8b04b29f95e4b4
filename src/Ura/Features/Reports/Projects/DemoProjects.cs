using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Directory;
using Ura.Platform.Data;

namespace Ura.Features.Reports.Projects;

/// <summary>
/// Demo projects: in every country one project funded by the US State Department's anti-trafficking office
/// (identification, referral and assistance, with the police, social services, the shelter and the coordinator's
/// office) and one funded by Sida (prevention and reintegration, with the hotline and the coordinator's office).
/// DEMO ONLY; deterministic ids, so tests can find them.
/// </summary>
public sealed class DemoProjects(UraDbContext db)
{
    public const string TipOfficeFunder = "U.S. Department of State – Office to Monitor and Combat Trafficking in Persons";
    public const string SidaFunder = "Sida";

    public static Guid ProjectId(string countryCode, string key) => ServiceTaxonomy.IdFor($"demo-project:{countryCode}:{key}");

    private sealed record Plan(string Key, string Name, string Funder, DateOnly StartsOn, DateOnly EndsOn, string[] Logins,
        (string Indicator, decimal Target)[] Targets);

    private static readonly Plan[] Plans =
    [
        new("protect", "Protect and Assist {0} 2025–2027", TipOfficeFunder, new(2025, 10, 1), new(2027, 9, 30),
            ["coordinator", "police", "socialworker", "supervisor"],
            [
                ("persons-screened", 400), ("identified-victims", 60), ("referrals-made", 80), ("referrals-completed", 50),
                ("hours-to-acknowledge", 48), ("services-delivered", 300), ("shelter-bed-nights", 3000), ("follow-ups", 40),
            ]),
        new("prevent", "Prevention and Reintegration {0} 2025–2026", SidaFunder, new(2025, 1, 1), new(2026, 12, 31),
            ["coordinator", "outreach"],
            [
                ("campaign-reach", 50000), ("trainings", 8), ("training-participants", 160), ("capacity-progress", 9),
                ("potential-victims", 100), ("returns", 10),
            ]),
    ];

    /// <summary>Adds the demo projects once (none when any project exists); returns how many.</summary>
    public async Task<int> SeedAsync(DateTime now, CancellationToken ct)
    {
        if (await db.Projects.AnyAsync(ct))
            return 0;
        var added = 0;
        foreach (var (code, countryName) in DemoData.Countries)
        {
            var emails = Plans.SelectMany(p => p.Logins).Distinct().Select(l => DemoData.EmailOf(l, code).ToUpperInvariant()).ToList();
            var users = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!))
                .Select(u => new { u.Id, u.NormalizedEmail, u.OrganisationId }).ToListAsync(ct);
            var coordinator = users.FirstOrDefault(u => u.NormalizedEmail == DemoData.EmailOf("coordinator", code).ToUpperInvariant());
            if (coordinator is null)
                continue;
            foreach (var plan in Plans)
            {
                var project = new Project
                {
                    Id = ProjectId(code, plan.Key), CountryCode = code, Name = string.Format(System.Globalization.CultureInfo.InvariantCulture, plan.Name, countryName),
                    Funders = plan.Funder, StartsOn = plan.StartsOn, EndsOn = plan.EndsOn,
                    CreatedById = coordinator.Id, CreatedAt = now, ModifiedAt = now,
                };
                var organisations = plan.Logins
                    .Select(l => users.FirstOrDefault(u => u.NormalizedEmail == DemoData.EmailOf(l, code).ToUpperInvariant())?.OrganisationId)
                    .OfType<Guid>().Distinct();
                foreach (var organisationId in organisations)
                    project.Organisations.Add(new ProjectOrganisation { ProjectId = project.Id, OrganisationId = organisationId });
                foreach (var (indicator, target) in plan.Targets)
                    project.Targets.Add(new ProjectTarget { ProjectId = project.Id, IndicatorKey = indicator, Target = target });
                db.Projects.Add(project);
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
