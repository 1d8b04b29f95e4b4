using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Directory;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Training.Assessments;

/// <summary>
/// Demo capacity programmes: in every country the hotline NGO (where the demo outreach officer works)
/// runs a 2025–2026 programme assessing nine providers twice: the country's demo organisations
/// except the coordinator's office, plus four demo providers added here (a mental health centre, a
/// legal aid centre, a vocational training centre and a health centre, each with one directory
/// service so the directory stays complete). Most improve; one per country does not. DEMO ONLY;
/// deterministic ids, so tests can find them.
/// </summary>
public sealed class DemoAssessments(UraDbContext db)
{
    public static Guid ProgrammeId(string countryCode) => ServiceTaxonomy.IdFor($"demo-capacity-programme:{countryCode}");

    public static Guid ProviderId(string countryCode, string key) => ServiceTaxonomy.IdFor($"demo-provider:{countryCode}:{key}");

    public static readonly DateOnly StartsOn = new(2025, 1, 1);
    public static readonly DateOnly EndsOn = new(2026, 12, 31);

    private sealed record Provider(string Key, OrganisationType Type, string Name, string Service);

    private sealed record Country(string Programme, Provider[] Providers, string[] Evidence);

    private static readonly string[] SqEvidence =
    [
        "Dokumentet u shqyrtuan dhe u konfirmuan në intervistat me stafin.",
        "Vëzhgim në vend dhe shembuj dosjesh të anonimizuara.",
        "Procedura me shkrim, e miratuar nga drejtuesit, dhe listat e pjesëmarrjes.",
    ];

    private static readonly string[] MkEvidence =
    [
        "Документите се прегледани и потврдени во разговорите со персоналот.",
        "Набљудување на лице место и анонимизирани примероци од досиеја.",
        "Пишана процедура одобрена од раководството и листи на присутни.",
    ];

    private static readonly string[] SrEvidence =
    [
        "Dokumenti su pregledani i potvrđeni u razgovorima sa zaposlenima.",
        "Posmatranje na licu mesta i anonimizovani primerci dosijea.",
        "Pisana procedura koju je odobrilo rukovodstvo i liste prisutnih.",
    ];

    private static readonly Dictionary<string, Country> Countries = new()
    {
        ["AL"] = new("Programi i ngritjes së kapaciteteve të ofruesve të shërbimeve 2025–2026",
        [
            new("mental-health", OrganisationType.HealthServiceOrganisation, "Qendra Komunitare e Shëndetit Mendor Tiranë", "Këshillim psikosocial"),
            new("legal-aid", OrganisationType.LegalService, "Qendra e Ndihmës Juridike Falas Tiranë", "Ndihmë juridike falas"),
            new("vocational", OrganisationType.SchoolOrCollege, "Qendra e Formimit Profesional Tiranë", "Kurse të formimit profesional"),
            new("health", OrganisationType.HealthServiceOrganisation, "Qendra Shëndetësore Nr. 3 Tiranë", "Kujdes shëndetësor parësor"),
        ], SqEvidence),
        ["XK"] = new("Programi për ngritjen e kapaciteteve të ofruesve të shërbimeve 2025–2026",
        [
            new("mental-health", OrganisationType.HealthServiceOrganisation, "Qendra e Shëndetit Mendor në Komunitet Prishtinë", "Këshillim psikosocial"),
            new("legal-aid", OrganisationType.LegalService, "Zyra për Ndihmë Juridike Falas Prishtinë", "Ndihmë juridike falas"),
            new("vocational", OrganisationType.SchoolOrCollege, "Qendra e Aftësimit Profesional Prishtinë", "Kurse të aftësimit profesional"),
            new("health", OrganisationType.HealthServiceOrganisation, "Qendra Kryesore e Mjekësisë Familjare Prishtinë", "Kujdes shëndetësor parësor"),
        ], SqEvidence),
        ["MK"] = new("Програма за јакнење на капацитетите на давателите на услуги 2025–2026",
        [
            new("mental-health", OrganisationType.HealthServiceOrganisation, "Центар за ментално здравје во заедницата Скопје", "Психосоцијално советување"),
            new("legal-aid", OrganisationType.LegalService, "Центар за бесплатна правна помош Скопје", "Бесплатна правна помош"),
            new("vocational", OrganisationType.SchoolOrCollege, "Центар за стручно оспособување Скопје", "Курсеви за стручно оспособување"),
            new("health", OrganisationType.HealthServiceOrganisation, "Здравствен дом Скопје", "Примарна здравствена заштита"),
        ], MkEvidence),
        ["ME"] = new("Program jačanja kapaciteta pružalaca usluga 2025–2026",
        [
            new("mental-health", OrganisationType.HealthServiceOrganisation, "Centar za mentalno zdravlje Podgorica", "Psihosocijalno savjetovanje"),
            new("legal-aid", OrganisationType.LegalService, "Centar za besplatnu pravnu pomoć Podgorica", "Besplatna pravna pomoć"),
            new("vocational", OrganisationType.SchoolOrCollege, "Centar za stručno osposobljavanje Podgorica", "Kursevi stručnog osposobljavanja"),
            new("health", OrganisationType.HealthServiceOrganisation, "Dom zdravlja Podgorica", "Primarna zdravstvena zaštita"),
        ], SrEvidence),
        ["RS"] = new("Program jačanja kapaciteta pružalaca usluga 2025–2026",
        [
            new("mental-health", OrganisationType.HealthServiceOrganisation, "Centar za mentalno zdravlje u zajednici Beograd", "Psihosocijalno savetovanje"),
            new("legal-aid", OrganisationType.LegalService, "Centar za besplatnu pravnu pomoć Beograd", "Besplatna pravna pomoć"),
            new("vocational", OrganisationType.SchoolOrCollege, "Centar za stručno osposobljavanje Beograd", "Kursevi stručnog osposobljavanja"),
            new("health", OrganisationType.HealthServiceOrganisation, "Dom zdravlja Voždovac", "Primarna zdravstvena zaštita"),
        ], SrEvidence),
        ["BA"] = new("Program jačanja kapaciteta pružalaca usluga 2025–2026",
        [
            new("mental-health", OrganisationType.HealthServiceOrganisation, "Centar za mentalno zdravlje Sarajevo", "Psihosocijalno savjetovanje"),
            new("legal-aid", OrganisationType.LegalService, "Centar za besplatnu pravnu pomoć Sarajevo", "Besplatna pravna pomoć"),
            new("vocational", OrganisationType.SchoolOrCollege, "Centar za stručno osposobljavanje Sarajevo", "Kursevi stručnog osposobljavanja"),
            new("health", OrganisationType.HealthServiceOrganisation, "Dom zdravlja Kantona Sarajevo", "Primarna zdravstvena zaštita"),
        ], SrEvidence),
    };

    /// <summary>Adds the demo programmes once (none when any programme exists or the country's outreach officer is missing); returns how many.</summary>
    public async Task<int> SeedAsync(DateTime now, CancellationToken ct)
    {
        if (await db.CapacityProgrammes.AnyAsync(ct))
            return 0;
        var framework = CapacityFramework.Current;
        var added = 0;
        foreach (var (code, country) in Countries)
        {
            var outreach = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == DemoData.EmailOf("outreach", code).ToUpperInvariant(), ct);
            var coordinator = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == DemoData.EmailOf("coordinator", code).ToUpperInvariant(), ct);
            if (outreach?.OrganisationId is not { } owner || coordinator is null)
                continue;

            foreach (var p in country.Providers)
                AddProvider(code, p, now);
            var providers = await db.Organisations.AsNoTracking()
                .Where(o => o.CountryCode == code && !o.IsNationalCoordinatorOffice).OrderBy(o => o.Name).Select(o => o.Id).ToListAsync(ct);
            providers.AddRange(country.Providers.Select(p => ProviderId(code, p.Key)));

            var programme = new CapacityProgramme
            {
                Id = ProgrammeId(code), OrganisationId = owner, CountryCode = code, Name = country.Programme,
                StartsOn = StartsOn, EndsOn = EndsOn, TargetProviders = CapacityProgramme.DefaultTarget,
                CreatedById = outreach.Id, CreatedAt = now,
            };
            db.CapacityProgrammes.Add(programme);
            var assessors = $"{outreach.DisplayName}, {coordinator.DisplayName}";
            for (var n = 0; n < providers.Count; n++)
            {
                // The last provider of each country stays where it was; the others gain on some criteria.
                var improves = n != providers.Count - 1;
                var first = new DateOnly(2025, 2 + n % 9, 10 + n);
                var second = new DateOnly(2026, 2 + n % 8, 5 + n);
                var criteria = framework.Criteria.Select(c => c.Criterion.Key).ToList();
                var baseline = criteria.Select((_, i) => 1 + (code[0] + n * 7 + i * 3) % 3).ToList();
                var later = baseline.Select((s, i) => improves && (n + i) % 3 != 0 ? Math.Min(s + 1, framework.Highest) : s).ToList();
                AddAssessment(programme, providers[n], first, assessors, criteria, baseline, country.Evidence, outreach.Id, now);
                AddAssessment(programme, providers[n], second, assessors, criteria, later, country.Evidence, outreach.Id, now);
            }
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private void AddProvider(string code, Provider p, DateTime now)
    {
        var id = ProviderId(code, p.Key);
        db.Organisations.Add(new Organisation { Id = id, Name = p.Name, CountryCode = code, Type = p.Type, CreatedAt = now });
        var service = new Service
        {
            Id = ServiceTaxonomy.IdFor($"demo-provider-service:{code}:{p.Key}"), OrganisationId = id, Name = p.Service,
            AcceptsReferrals = false, CreatedAt = now, ModifiedAt = now,
        };
        service.ServiceAreas.Add(new ServiceArea { ServiceId = service.Id, CountryCode = code });
        db.Services.Add(service);
    }

    private void AddAssessment(CapacityProgramme programme, Guid providerId, DateOnly on, string assessors,
        List<string> criteria, List<int> scores, string[] evidence, Guid recordedBy, DateTime now)
    {
        var framework = CapacityFramework.Current;
        var assessment = new CapacityAssessment
        {
            ProgrammeId = programme.Id, OrganisationId = programme.OrganisationId, ProviderId = providerId, AssessedOn = on,
            Assessors = assessors, Framework = framework.Key, RecordedById = recordedBy, RecordedAt = now,
        };
        for (var i = 0; i < criteria.Count; i++)
            assessment.Scores.Add(new CapacityScore
            {
                AssessmentId = assessment.Id, OrganisationId = programme.OrganisationId, Criterion = criteria[i], Score = scores[i],
                Evidence = framework.RequiresEvidence(scores[i]) ? evidence[i % evidence.Length] : null,
            });
        db.CapacityAssessments.Add(assessment);
    }
}
