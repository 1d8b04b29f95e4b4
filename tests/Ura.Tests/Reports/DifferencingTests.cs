using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ura.Features.Cases;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Reports;

/// <summary>
/// An analyst who knows what the report parameters do tries to recover a hidden count by subtracting reports: every
/// stretch of whole months of a year, each organisation alone and both together, whole and split by sex. At the node's
/// default (whole months, counts rounded to 5) no hidden count can be told exactly; with counts not rounded, the same
/// attack finds it, which shows the attack is a real one. The same subtractions of costs give a hidden cost only with
/// each person's noise in it; without the noise, they give it exactly.
/// </summary>
public sealed class DifferencingTests(UraFactory rounded, UnroundedFactory exact) : IClassFixture<UraFactory>, IClassFixture<UnroundedFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Row(string Key, decimal? Value, bool Hidden);
    private sealed record Figure(List<Row> Rows, decimal? Total, bool TotalHidden);
    private sealed record Run(DateOnly From, DateOnly To, int Threshold, int RoundTo, Figure Figure);

    /// <summary>What one published figure is about: organisations (bits), months of 2025 (bits) and category.</summary>
    private readonly record struct Scope(int Organisations, int Months, string Category);

    /// <summary>
    /// Cases opened in 2025. The large organisation: 6 to 9 a month, 4 of each month's women. The small one: 6 in June
    /// and 2 in December, all women; December's 2 is the count to protect. Each case but the last of December had one
    /// service that month, costing 100 + 10 × month + its number; December's one service (220) is the cost to protect.
    /// </summary>
    private static async Task<Guid[]> SeedAsync(UraFactory factory)
    {
        Guid[] organisations = [Guid.NewGuid(), Guid.NewGuid()];
        await factory.WithDb(db =>
        {
            for (var o = 0; o < 2; o++)
                db.Organisations.Add(new Organisation { Id = organisations[o], Name = $"Differencing {o} {Guid.NewGuid():N}", CountryCode = "ME", CreatedAt = DateTime.UtcNow });
            for (var month = 1; month <= 12; month++)
            {
                var large = 6 + month % 4;
                for (var i = 0; i < large; i++) AddCase(db, organisations[0], month, i < 4 ? Gender.Feminine : Gender.Masculine, 100 + 10 * month + i);
                var small = month switch { 6 => 6, 12 => 2, _ => 0 };
                for (var i = 0; i < small; i++) AddCase(db, organisations[1], month, Gender.Feminine, month == 12 && i == 1 ? null : 100 + 10 * month + i);
            }
            return db.SaveChangesAsync();
        });
        return organisations;
    }

    private static void AddCase(Ura.Platform.Data.UraDbContext db, Guid organisation, int month, Gender gender, decimal? cost)
    {
        var opened = new DateTime(2025, month, 1 + (month * 7) % 27, 10, 0, 0, DateTimeKind.Utc);
        var @case = new Case { OrganisationId = organisation, Reference = "D" + Guid.NewGuid().ToString("N")[..12], OpenedAt = opened, UpdatedAt = opened };
        db.Cases.Add(@case);
        if (cost is not null)
        {
            db.ServiceDeliveries.Add(new ServiceDelivery
            {
                CaseId = @case.Id, OrganisationId = organisation, ProviderOrganisationId = organisation, Type = ServiceType.Medical,
                DeliveredOn = DateOnly.FromDateTime(opened), Cost = cost, Currency = "EUR", RecordedAt = opened, UpdatedAt = opened,
            });
        }
        db.Persons.Add(new Person
        {
            OrganisationId = organisation, CaseId = @case.Id, GivenNames = "Test", FamilyName = "Person", BirthDate = "1990-01-01",
            BirthYearHash = "x", Gender = gender, AgeBand = AgeBand.From25To34, Citizenships = "ME", RegisteredAt = opened,
        });
    }

    private static async Task<Run> RunAsync(HttpClient client, string query, string indicator = "potential-victims")
    {
        var response = await client.GetAsync($"/api/v1/reports/indicators/run?indicator={indicator}&" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, query + ": " + await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Run>(Json))!;
    }

    /// <summary>Every report the attack builds, as scope → shown value; null when hidden in every report that holds it.</summary>
    private static async Task<(Dictionary<Scope, int?> Published, int Threshold, int RoundTo)> PublishedAsync(UraFactory factory)
    {
        var organisations = await SeedAsync(factory);
        var client = await factory.SignInAsync(Demo.Analyst, "en");
        var published = new Dictionary<Scope, int?>();
        var (threshold, roundTo) = (0, 0);
        foreach (var (chosen, months, query) in Reports(organisations))
        {
            foreach (var by in new[] { "", "&by=sex" })
            {
                var run = await RunAsync(client, query + by);
                (threshold, roundTo) = (run.Threshold, run.RoundTo);
                void Publish(string category, decimal? value)
                {
                    var scope = new Scope(chosen, months, category);
                    if (value is not null || !published.ContainsKey(scope))
                        published[scope] = (int?)value;
                }
                Publish("all", run.Figure.Total);
                foreach (var row in run.Figure.Rows) Publish(row.Key, row.Value);
            }
        }
        return (published, threshold, roundTo);
    }

    /// <summary>Each organisation alone and both together × every stretch of whole months of 2025, with its query.</summary>
    private static IEnumerable<(int Organisations, int Months, string Query)> Reports(Guid[] organisations)
    {
        foreach (var chosen in new[] { 1, 2, 3 })
        {
            var where = string.Join("&", Enumerable.Range(0, 2).Where(o => (chosen & (1 << o)) != 0).Select(o => $"organisation={organisations[o]}"));
            for (var first = 1; first <= 12; first++)
            {
                for (var last = first; last <= 12; last++)
                {
                    var months = ((1 << last) - 1) & ~((1 << (first - 1)) - 1);
                    yield return (chosen, months, $"from=2025-{first:00}-01&to={new DateOnly(2025, last, DateTime.DaysInMonth(2025, last)):yyyy-MM-dd}&{where}");
                }
            }
        }
    }

    /// <summary>
    /// What one figure holds beyond another when their records nest: a longer stretch of months less a shorter one, or
    /// both organisations less one, in the same category; null otherwise.
    /// </summary>
    private static Scope? Difference(Scope larger, Scope smaller) =>
        smaller == larger || smaller.Category != larger.Category ? null
        : smaller.Organisations == larger.Organisations && (smaller.Months & ~larger.Months) == 0 ? larger with { Months = larger.Months & ~smaller.Months }
        : smaller.Months == larger.Months && (smaller.Organisations & ~larger.Organisations) == 0 ? larger with { Organisations = larger.Organisations & ~smaller.Organisations }
        : null;

    /// <summary>
    /// For each hidden count, every pair of published figures whose scopes differ by exactly its scope (a longer stretch
    /// of months less a shorter one, or both organisations less one) gives a range it must lie in; the attack keeps what
    /// all the ranges agree on. Returns the hidden counts the attack pins to one value.
    /// </summary>
    private static List<(Scope Scope, int Value)> Recovered(Dictionary<Scope, int?> published, int threshold, int roundTo)
    {
        var half = roundTo / 2;
        (int Low, int High) Range(int shown) => shown == 0 ? (0, 0) : (Math.Max(shown - half, threshold), shown + half);
        var ranges = new Dictionary<Scope, (int Low, int High)>();
        foreach (var (larger, large) in published)
        {
            if (large is not { } l) continue;
            foreach (var (smaller, small) in published)
            {
                if (small is not { } s || Difference(larger, smaller) is not { } difference) continue;
                if (!published.TryGetValue(difference, out var target) || target is not null) continue;
                var (lowL, highL) = Range(l);
                var (lowS, highS) = Range(s);
                var range = (Math.Max(0, lowL - highS), highL - lowS);
                ranges[difference] = ranges.TryGetValue(difference, out var known)
                    ? (Math.Max(known.Low, range.Item1), Math.Min(known.High, range.Item2)) : range;
            }
        }
        return [.. ranges.Where(r => r.Value.Low == r.Value.High).Select(r => (r.Key, r.Value.Low))];
    }

    private static readonly Scope SmallDecember = new(2, 1 << 11, "all");

    /// <summary>
    /// The total cost of every stretch of months for each organisation and both, and what subtracting every nesting pair
    /// gives for December's hidden cost at the small organisation.
    /// </summary>
    private static async Task<(decimal? Shown, List<decimal> Derived)> CostSubtractedAsync(UraFactory factory)
    {
        var organisations = await SeedAsync(factory);
        var client = await factory.SignInAsync(Demo.Analyst, "en");
        var published = new Dictionary<Scope, decimal?>();
        foreach (var (chosen, months, query) in Reports(organisations))
            published[new Scope(chosen, months, "all")] = (await RunAsync(client, query, "service-cost")).Figure.Total;
        var derived = new List<decimal>();
        foreach (var (larger, large) in published)
        {
            foreach (var (smaller, small) in published)
            {
                if (large is { } l && small is { } s && Difference(larger, smaller) == SmallDecember) derived.Add(l - s);
            }
        }
        return (published[SmallDecember], derived);
    }

    [Fact]
    public async Task Subtracting_CostsAtTheDefault_EveryWayGivesOneNoisyValue()
    {
        var (shown, derived) = await CostSubtractedAsync(rounded);

        Assert.Null(shown);
        Assert.True(derived.Count >= 7, $"{derived.Count} subtractions");
        // Every published cost is a sum of people's noisy costs, so every subtraction gives the same sum to the cent.
        Assert.True(derived.Max() - derived.Min() <= 0.02m, $"{derived.Min()} to {derived.Max()}");
        var off = Math.Abs(derived[0] - 220m) / 220m;
        Assert.InRange(off, 0.0999m, 0.2001m);
    }

    [Fact]
    public async Task Subtracting_CostsWithoutNoise_FindsTheHiddenCost()
    {
        var (shown, derived) = await CostSubtractedAsync(exact);

        Assert.Null(shown);
        Assert.NotEmpty(derived);
        Assert.All(derived, d => Assert.Equal(220m, d));
    }

    [Fact]
    public async Task Subtracting_EveryReportAtTheDefault_NoHiddenCountRecovered()
    {
        var (published, threshold, roundTo) = await PublishedAsync(rounded);

        Assert.Equal(5, threshold);
        Assert.Equal(5, roundTo);
        Assert.Null(published[SmallDecember]);
        Assert.Equal(3 * 78, published.Count(p => p.Key.Category == "all"));
        Assert.All(published.Values, v => Assert.True(v is null || v % 5 == 0, $"{v} is not rounded"));
        Assert.Empty(Recovered(published, threshold, roundTo));
    }

    [Fact]
    public async Task Subtracting_EveryReportNotRounded_FindsTheHiddenCount()
    {
        var (published, threshold, roundTo) = await PublishedAsync(exact);

        Assert.Equal(1, roundTo);
        Assert.Null(published[SmallDecember]);
        Assert.Contains((SmallDecember, 2), Recovered(published, threshold, roundTo));
    }

    [Fact]
    public async Task Period_DaysAsked_WholeMonthsCounted()
    {
        var organisations = await SeedAsync(rounded);
        var client = await rounded.SignInAsync(Demo.Analyst, "en");
        var where = $"organisation={organisations[0]}";

        var month = await RunAsync(client, $"from=2025-03-01&to=2025-03-31&{where}");
        var days = await RunAsync(client, $"from=2025-03-10&to=2025-03-20&{where}");
        var sliding = new List<decimal?>();
        for (var day = 1; day <= 31; day++)
            sliding.Add((await RunAsync(client, $"from=2025-01-01&to=2025-03-{day:00}&{where}")).Figure.Total);

        Assert.Equal((new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31)), (days.From, days.To));
        Assert.Equal(month.Figure.Total, days.Figure.Total);
        Assert.Equal(10m, month.Figure.Total);
        Assert.Single(sliding.Distinct());
    }
}
