using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Cases;
using Ura.Features.Referrals;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Referrals;

/// <summary>Demo referrals: every state of the lifecycle, between different organisations of one country, with their histories.</summary>
public sealed class DemoReferralsTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Seed_AfterDemoCases_EveryStateWithinCountriesAndAlongCorridorsWithConsent()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoCases>().SeedAsync(150, CancellationToken.None);
        int added;
        await using (var scope = factory.Services.CreateAsyncScope())
            added = await scope.ServiceProvider.GetRequiredService<DemoReferrals>().SeedAsync(CancellationToken.None);

        var rows = await factory.WithDb(db => db.Referrals.AsNoTracking()
            .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { r, From = o.CountryCode })
            .Join(db.Organisations, x => x.r.ReceivingOrganisationId, o => o.Id, (x, o) => new { x.r, x.From, To = o.CountryCode })
            .ToListAsync());
        var now = DateTime.UtcNow;

        Assert.Equal(added, rows.Count);
        Assert.Equal(Enum.GetValues<ReferralStatus>().Order(), rows.Select(x => x.r.Status).Distinct().Order());
        Assert.All(rows, x => Assert.NotEqual(x.r.OrganisationId, x.r.ReceivingOrganisationId));
        // Across a border only along the demo's corridors, and only with the person's consent naming that country.
        var abroad = rows.Where(x => x.From != x.To).ToList();
        Assert.NotEmpty(abroad);
        Assert.All(abroad, x => Assert.Equal(DemoCases.Corridor(x.From), x.To));
        Assert.All(abroad, x => Assert.Null(x.r.OverrideById));
        var consents = await factory.WithDb(db => db.Consents.AsNoTracking().ToDictionaryAsync(c => c.Id));
        Assert.All(abroad.Where(x => x.r.Status != ReferralStatus.Draft), x => Assert.Contains(x.To, consents[x.r.ConsentId!.Value].CountryList));
        Assert.True(abroad.Select(x => x.From).Distinct().Count() >= 4, "referrals across most corridors");
        Assert.All(rows.Where(x => x.r.Status != ReferralStatus.Draft), x => Assert.NotNull(x.r.SharedData));
        Assert.All(rows.Where(x => x.r.Status == ReferralStatus.Draft), x => Assert.Null(x.r.SharedData));
        Assert.Contains(rows, x => x.r.Status == ReferralStatus.Sent && x.r.AcknowledgeBy < now);
        Assert.Contains(rows, x => x.r.Status == ReferralStatus.Sent && x.r.AcknowledgeBy > now);
        Assert.True(rows.Select(x => x.From).Distinct().Count() >= 5, "referrals in most demo countries");
        var history = await factory.WithDb(db => db.ReferralEvents.CountAsync());
        Assert.Equal(rows.Sum(x => x.r.Version), history);

        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<DemoReferrals>().SeedAsync(CancellationToken.None));
    }
}
