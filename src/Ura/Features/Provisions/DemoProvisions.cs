using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Awareness.Campaigns;
using Ura.Features.Cases;
using Ura.Platform.Data;

namespace Ura.Features.Provisions;

/// <summary>
/// Demo field provisions: in every country the police anti-trafficking unit (where the demo police officer
/// works) keeps provisions at two identification points, with a delivery each month and a distribution
/// each week for the last half year. DEMO ONLY; deterministic for a given day.
/// </summary>
public sealed class DemoProvisions(UraDbContext db)
{
    private static readonly Dictionary<string, (string[] Points, string Source)> Countries = new()
    {
        ["AL"] = (["Pika e kalimit kufitar Kakavijë", "Porti i Durrësit"], "Kryqi i Kuq Shqiptar"),
        ["XK"] = (["Pika kufitare Vërmicë", "Aeroporti i Prishtinës"], "Kryqi i Kuq i Kosovës"),
        ["MK"] = (["Граничен премин Табановце", "Граничен премин Богородица"], "Црвен крст на Република Северна Македонија"),
        ["ME"] = (["Granični prelaz Dobrakovo", "Luka Bar"], "Crveni krst Crne Gore"),
        ["RS"] = (["Granični prelaz Preševo", "Prihvatni centar Subotica"], "Crveni krst Srbije"),
        ["BA"] = (["Granični prelaz Izačić", "Granični prelaz Gradiška"], "Crveni križ Federacije BiH"),
    };

    /// <summary>What arrives at each point at the start of every month.</summary>
    private static readonly (ProvisionItem Item, int Quantity)[] Monthly =
    [
        (ProvisionItem.FoodParcel, 40), (ProvisionItem.DrinkingWater, 80), (ProvisionItem.HygieneKit, 25), (ProvisionItem.SanitaryPads, 30),
        (ProvisionItem.Diapers, 15), (ProvisionItem.BabyFood, 10), (ProvisionItem.Clothing, 12), (ProvisionItem.Blanket, 8),
    ];

    /// <summary>Adds the demo points once (none when any point exists); returns how many.</summary>
    public async Task<int> SeedAsync(DateTime now, CancellationToken ct)
    {
        if (await db.ProvisionPoints.AnyAsync(ct))
            return 0;
        var today = DateOnly.FromDateTime(now);
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-5);
        var added = 0;
        foreach (var (code, (points, source)) in Countries)
        {
            var email = DemoData.EmailOf("police", code).ToUpperInvariant();
            var officer = await db.Users.Where(u => u.NormalizedEmail == email).Select(u => new { u.Id, u.OrganisationId }).SingleOrDefaultAsync(ct);
            if (officer?.OrganisationId is not { } organisationId)
                continue;
            for (var p = 0; p < points.Length; p++)
            {
                var point = new ProvisionPoint { OrganisationId = organisationId, Name = points[p], CreatedAt = now };
                db.ProvisionPoints.Add(point);
                for (var month = firstMonth; month <= today; month = month.AddMonths(1))
                    foreach (var (item, quantity) in Monthly)
                        db.ProvisionDeliveries.Add(new()
                        {
                            PointId = point.Id, OrganisationId = organisationId, ReceivedOn = month, Item = item, Quantity = quantity,
                            Source = source, CreatedById = officer.Id, CreatedAt = now,
                        });
                var week = 0;
                for (var day = firstMonth.AddDays(3 + p); day <= today; day = day.AddDays(7), week++)
                    db.ProvisionDistributions.Add(Distribution(point, officer.Id, now, day, week + code[0] + p));
                added++;
            }
        }
        return added;
    }

    /// <summary>A week's distribution: a few people, mostly young women, sometimes a child; never more than a month's delivery allows.</summary>
    private static ProvisionDistribution Distribution(ProvisionPoint point, Guid officerId, DateTime now, DateOnly day, int n)
    {
        var women = 1 + n % 3;
        var men = n % 2;
        var children = n % 4 == 0 ? 1 : 0;
        var people = women + men + children;
        var distribution = new ProvisionDistribution
        {
            PointId = point.Id, OrganisationId = point.OrganisationId, GivenOn = day, CreatedById = officerId, CreatedAt = now,
            Served = [new() { Sex = Sex.Female, AgeBand = n % 5 == 0 ? AgeBand.From12To17 : AgeBand.From18To24, People = women }],
        };
        if (men > 0)
            distribution.Served.Add(new() { Sex = Sex.Male, AgeBand = AgeBand.From25To34, People = men });
        if (children > 0)
            distribution.Served.Add(new() { Sex = Sex.OtherOrUnknown, AgeBand = AgeBand.Under12, People = children });
        distribution.Items.Add(new() { Item = ProvisionItem.FoodParcel, Quantity = people });
        distribution.Items.Add(new() { Item = ProvisionItem.DrinkingWater, Quantity = 2 * people });
        distribution.Items.Add(new() { Item = ProvisionItem.HygieneKit, Quantity = women + men });
        distribution.Items.Add(new() { Item = ProvisionItem.SanitaryPads, Quantity = women });
        if (children > 0)
        {
            distribution.Items.Add(new() { Item = ProvisionItem.Diapers, Quantity = 2 });
            distribution.Items.Add(new() { Item = ProvisionItem.BabyFood, Quantity = 1 });
        }
        if (n % 3 == 0)
            distribution.Items.Add(new() { Item = ProvisionItem.Blanket, Quantity = 1 });
        return distribution;
    }
}
