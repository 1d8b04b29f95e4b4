using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Platform.Data;

namespace Ura.Features.Awareness.Campaigns;

/// <summary>
/// Demo campaigns: in every country the hotline NGO (where the demo outreach officer works) runs a school
/// campaign last year and a safe-migration campaign this year, with activities, people reached, materials
/// and a knowledge survey. Written in the country's language, as the organisation would. DEMO ONLY.
/// </summary>
public sealed class DemoCampaigns(UraDbContext db)
{
    private sealed record Words(string School, string SchoolObjective, string Migration, string MigrationObjective, string[] Places, string Partner, string Leaflet, string Language, string Currency);

    private static readonly Dictionary<string, Words> Countries = new()
    {
        ["AL"] = new("Shkolla pa trafikim", "Nxënësit e shkollave të mesme njohin shenjat e rrezikut në ofertat e punës dhe marrëdhëniet dhe dinë ku të kërkojnë ndihmë.",
            "Migro i sigurt", "Punëkërkuesit dhe prindërit kontrollojnë ofertat e punës jashtë vendit para se të nisen.",
            ["Shkolla e mesme, Tiranë", "Qendra rinore, Durrës", "Sheshi qendror, Elbasan"], "Drejtoria Arsimore Rajonale", "Si ta njohësh një ofertë të rreme pune", "sq", "ALL"),
        ["XK"] = new("Shkolla pa trafikim", "Nxënësit njohin shenjat e rrezikut në ofertat e punës dhe në marrëdhënie dhe dinë ku të kërkojnë ndihmë.",
            "Migro i sigurt", "Punëkërkuesit kontrollojnë ofertat e punës jashtë vendit para se të nisen.",
            ["Shkolla e mesme, Prishtinë", "Qendra rinore, Prizren", "Sheshi qendror, Pejë"], "Drejtoria Komunale e Arsimit", "Si ta njohësh një ofertë të rreme pune", "sq", "EUR"),
        ["MK"] = new("Училиште без трговија со луѓе", "Учениците ги препознаваат знаците за опасност во понудите за работа и во врските и знаат каде да побараат помош.",
            "Безбедна миграција", "Лицата што бараат работа ги проверуваат понудите за работа во странство пред да заминат.",
            ["Средно училиште, Скопје", "Младински центар, Битола", "Плоштад, Тетово"], "Биро за развој на образованието", "Како да препознаете лажна понуда за работа", "mk", "MKD"),
        ["ME"] = new("Škola bez trgovine ljudima", "Učenici prepoznaju znake opasnosti u ponudama za posao i u vezama i znaju gdje da potraže pomoć.",
            "Sigurna migracija", "Osobe koje traže posao provjeravaju ponude za rad u inostranstvu prije odlaska.",
            ["Srednja škola, Podgorica", "Omladinski centar, Nikšić", "Gradski trg, Bijelo Polje"], "Zavod za školstvo", "Kako prepoznati lažnu ponudu za posao", "sr", "EUR"),
        ["RS"] = new("Škola bez trgovine ljudima", "Učenici prepoznaju znake opasnosti u ponudama za posao i u vezama i znaju gde da potraže pomoć.",
            "Bezbedna migracija", "Osobe koje traže posao proveravaju ponude za rad u inostranstvu pre odlaska.",
            ["Srednja škola, Beograd", "Omladinski centar, Niš", "Gradski trg, Novi Sad"], "Školska uprava", "Kako prepoznati lažnu ponudu za posao", "sr", "RSD"),
        ["BA"] = new("Škola bez trgovine ljudima", "Učenici prepoznaju znakove opasnosti u ponudama za posao i u vezama i znaju gdje potražiti pomoć.",
            "Sigurna migracija", "Osobe koje traže posao provjeravaju ponude za rad u inostranstvu prije odlaska.",
            ["Srednja škola, Sarajevo", "Omladinski centar, Tuzla", "Gradski trg, Mostar"], "Ministarstvo obrazovanja kantona", "Kako prepoznati lažnu ponudu za posao", "bs", "BAM"),
    };

    /// <summary>Adds the demo campaigns once (none when any campaign exists); returns how many.</summary>
    public async Task<int> SeedAsync(DateTime now, CancellationToken ct)
    {
        if (await db.Campaigns.AnyAsync(ct))
            return 0;
        var today = DateOnly.FromDateTime(now);
        var added = 0;
        foreach (var (code, words) in Countries)
        {
            var outreachEmail = DemoData.EmailOf("outreach", code).ToUpperInvariant();
            var outreach = await db.Users.Where(u => u.NormalizedEmail == outreachEmail).Select(u => new { u.Id, u.OrganisationId }).SingleOrDefaultAsync(ct);
            if (outreach?.OrganisationId is not { } organisationId)
                continue;
            var seed = code.Sum(c => c);

            var lastYear = new DateOnly(today.Year - 1, 1, 1);
            var school = Campaign(organisationId, code, outreach.Id, now, words.School, words.SchoolObjective,
                [TargetGroup.Students, TargetGroup.Teachers, TargetGroup.Parents], [CampaignChannel.SchoolSessions, CampaignChannel.PrintedMaterials],
                lastYear.AddMonths(2), lastYear.AddMonths(5).AddDays(-1), words.Partner, 4500m, words.Currency);
            school.SurveyRespondentsBefore = 180 + seed % 40;
            school.SurveyScoreBefore = 48.5m;
            school.SurveyRespondentsAfter = 165 + seed % 30;
            school.SurveyScoreAfter = 71m + seed % 7;
            for (var i = 0; i < 3; i++)
                school.Activities.Add(Activity(school, now, school.StartsOn.AddDays(14 + 21 * i), words.Places[i], CampaignChannel.SchoolSessions,
                    (Sex.Female, AgeBand.From12To17, 30 + (seed + i) % 15), (Sex.Male, AgeBand.From12To17, 26 + (seed * i) % 12),
                    (Sex.OtherOrUnknown, AgeBand.From12To17, 1 + i % 2), (Sex.Female, AgeBand.From35To49, 4 + i), (Sex.Male, AgeBand.From35To49, 2 + i)));
            school.Materials.Add(Material(school, now, words.Leaflet, MaterialKind.Leaflet, 2000, words.Language));
            school.Materials.Add(Material(school, now, words.School, MaterialKind.Poster, 150, words.Language));

            var thisYear = new DateOnly(today.Year, 1, 1);
            var migration = Campaign(organisationId, code, outreach.Id, now, words.Migration, words.MigrationObjective,
                [TargetGroup.Jobseekers, TargetGroup.YoungPeople, TargetGroup.RomaAndEgyptianCommunities], [CampaignChannel.SocialMedia, CampaignChannel.CommunityMeetings, CampaignChannel.TvAndRadio],
                thisYear, thisYear.AddYears(1).AddDays(-1), words.Partner, 9000m, words.Currency);
            migration.Activities.Add(Activity(migration, now, thisYear.AddDays(20), words.Places[1], CampaignChannel.CommunityMeetings,
                (Sex.Female, AgeBand.From18To24, 12 + seed % 9), (Sex.Male, AgeBand.From18To24, 15 + seed % 7), (Sex.Female, AgeBand.From25To34, 9), (Sex.Male, AgeBand.From25To34, 11)));
            migration.Activities.Add(Activity(migration, now, thisYear.AddDays(45), words.Places[2], CampaignChannel.SocialMedia,
                (Sex.Female, AgeBand.From18To24, 420 + seed), (Sex.Male, AgeBand.From18To24, 380 + seed), (Sex.OtherOrUnknown, AgeBand.From25To34, 260)));
            migration.Materials.Add(Material(migration, now, words.Migration, MaterialKind.SocialMediaPost, 12, words.Language));
            migration.Materials.Add(Material(migration, now, words.Migration, MaterialKind.RadioSpot, 1, "rom"));

            db.Campaigns.AddRange(school, migration);
            added += 2;
        }
        return added;
    }

    private static Campaign Campaign(Guid organisationId, string code, Guid userId, DateTime now, string name, string objective,
        TargetGroup[] groups, CampaignChannel[] channels, DateOnly from, DateOnly to, string partner, decimal budget, string currency) => new()
        {
            OrganisationId = organisationId, CountryCode = code, Name = name, Objective = objective, TargetGroups = Codes.Join(groups),
            Channels = Codes.Join(channels), StartsOn = from, EndsOn = to, Partners = partner, BudgetAmount = budget, BudgetCurrency = currency,
            CreatedById = userId, CreatedAt = now, UpdatedAt = now,
        };

    private static CampaignActivity Activity(Campaign campaign, DateTime now, DateOnly on, string place, CampaignChannel channel, params (Sex Sex, AgeBand Band, int People)[] reach) => new()
    {
        CampaignId = campaign.Id, OrganisationId = campaign.OrganisationId, HeldOn = on, Place = place, Channel = channel,
        CreatedById = campaign.CreatedById, CreatedAt = now,
        Reach = [.. reach.Select(r => new CampaignReach { Sex = r.Sex, AgeBand = r.Band, People = r.People })],
    };

    private static CampaignMaterial Material(Campaign campaign, DateTime now, string title, MaterialKind kind, int quantity, string language) => new()
    {
        CampaignId = campaign.Id, OrganisationId = campaign.OrganisationId, Title = title, Kind = kind, Quantity = quantity, Language = language, CreatedAt = now,
    };
}
