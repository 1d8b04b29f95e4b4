using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Directory;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Training.Trainings;

/// <summary>
/// Demo trainings and exchange visits: in every country the hotline NGO (the demo outreach officer's
/// organisation) has organised three trainings with pre/post scores and follow-up actions, written in
/// the country's language; AL and XK, MK and RS exchanged a visit. DEMO ONLY; deterministic ids.
/// </summary>
public sealed class DemoTrainings(UraDbContext db)
{
    public static Guid TrainingId(string countryCode, int number) => ServiceTaxonomy.IdFor($"demo-training:{countryCode}:{number}");

    public static Guid VisitId(string from, string to) => ServiceTaxonomy.IdFor($"demo-visit:{from}:{to}");

    private sealed record Course(TrainingTopic Topic, string Title, string Place, string Trainers, string FollowUp, int MonthsAgo,
        decimal Before, decimal After);

    private static readonly Dictionary<string, Course[]> Courses = new()
    {
        ["AL"] =
        [
            new(TrainingTopic.IdentificationAndSops, "Identifikimi i viktimave dhe procedurat standarde të veprimit", "Tiranë", "Arta Hoxha, Besnik Dervishi",
                "Shpërndaje listën e treguesve në çdo komisariat", 10, 52.5m, 78m),
            new(TrainingTopic.TraumaInformedCare, "Kujdesi i informuar për traumën", "Durrës", "Elira Shehu", "Seancë mbikëqyrjeje pas tre muajsh", 6, 48m, 71.5m),
            new(TrainingTopic.DataProtection, "Mbrojtja e të dhënave personale në punën me rastet", "Shkodër", "Ilir Basha", "Rishiko formularët e pëlqimit", 2, 61m, 83m),
        ],
        ["XK"] =
        [
            new(TrainingTopic.IdentificationAndSops, "Identifikimi i hershëm dhe referimi sipas PSV", "Prishtinë", "Blerta Krasniqi", "Takim koordinues me policinë kufitare", 9, 49m, 76.5m),
            new(TrainingTopic.ChildProtection, "Mbrojtja e fëmijëve viktima të trafikimit", "Prizren", "Vjosa Berisha, Arben Gashi", "Udhëzues për shkollat", 5, 55m, 74m),
            new(TrainingTopic.CaseManagement, "Menaxhimi i rasteve dhe plani individual", "Pejë", "Teuta Kelmendi", "Modeli i planit në çdo qendër", 1, 58.5m, 80m),
        ],
        ["MK"] =
        [
            new(TrainingTopic.IdentificationAndSops, "Идентификација на жртви и стандардни оперативни процедури", "Скопје", "Елена Стојановска", "Листа на индикатори во секоја полициска станица", 11, 50m, 77m),
            new(TrainingTopic.TraumaInformedCare, "Грижа заснована на разбирање на траумата", "Битола", "Ана Петровска", "Супервизиска средба по три месеци", 7, 46.5m, 69m),
            new(TrainingTopic.TransnationalCooperation, "Транснационална соработка и безбедно враќање", "Охрид", "Горан Николовски", "Контакт листа на партнери во регионот", 3, 53m, 79.5m),
        ],
        ["ME"] =
        [
            new(TrainingTopic.IdentificationAndSops, "Identifikacija žrtava i standardne operativne procedure", "Podgorica", "Milica Vuković", "Lista indikatora za granične prelaze", 10, 51m, 75m),
            new(TrainingTopic.ChildProtection, "Zaštita djece žrtava trgovine ljudima", "Nikšić", "Jovana Radović", "Obuka za škole u opštini", 4, 57m, 81m),
            new(TrainingTopic.DataProtection, "Zaštita podataka o ličnosti u vođenju slučajeva", "Bar", "Stefan Lakić", "Pregled obrazaca saglasnosti", 1, 60m, 82.5m),
        ],
        ["RS"] =
        [
            new(TrainingTopic.IdentificationAndSops, "Identifikacija žrtava i standardne operativne procedure", "Beograd", "Jelena Petrović", "Lista indikatora u svakoj policijskoj upravi", 9, 49.5m, 78m),
            new(TrainingTopic.TraumaInformedCare, "Pristup zasnovan na razumevanju traume", "Novi Sad", "Ana Nikolić, Marija Ilić", "Supervizijski sastanak za tri meseca", 6, 47m, 72m),
            new(TrainingTopic.CaseManagement, "Vođenje slučaja i individualni plan podrške", "Niš", "Nenad Marković", "Uvesti obrazac plana u centre za socijalni rad", 2, 56m, 79m),
        ],
        ["BA"] =
        [
            new(TrainingTopic.IdentificationAndSops, "Identifikacija žrtava i standardne operativne procedure", "Sarajevo", "Amra Hodžić", "Lista indikatora za graničnu policiju", 10, 50.5m, 76m),
            new(TrainingTopic.ChildProtection, "Zaštita djece u pokretu", "Mostar", "Lejla Hadžić", "Protokol sa centrima za socijalni rad", 5, 54m, 73.5m),
            new(TrainingTopic.TransnationalCooperation, "Prekogranična saradnja u slučajevima trgovine ljudima", "Banja Luka", "Emir Begić", "Zajednički sastanak sa partnerima iz Srbije", 2, 52m, 77m),
        ],
    };

    private static readonly (string Host, string Visitor, string Purpose, string Outcomes)[] Visits =
    [
        ("XK", "AL", "Vizitë studimore për të parë si funksionon linja kundër trafikimit dhe referimi te strehimoret.",
            "Marrëveshje për shkëmbimin e kontakteve dhe një takim të përbashkët çdo tre muaj."),
        ("RS", "MK", "Студиска посета за начинот на работа на инфо линијата и упатувањето до засолништата.",
            "Договор за размена на контакти и заеднички работилници за идентификација."),
    ];

    /// <summary>Adds the demo trainings and visits once (none when any training exists); returns how many trainings.</summary>
    public async Task<int> SeedAsync(DateTime now, CancellationToken ct)
    {
        if (await db.Trainings.AnyAsync(ct))
            return 0;
        var organisations = await db.Organisations.AsNoTracking().ToListAsync(ct);
        var hotlines = new Dictionary<string, Guid>();
        foreach (var code in Courses.Keys)
        {
            var email = DemoData.EmailOf("outreach", code).ToUpperInvariant();
            if (await db.Users.Where(u => u.NormalizedEmail == email).Select(u => (Guid?)u.OrganisationId).FirstOrDefaultAsync(ct) is { } hotline)
                hotlines[code] = hotline;
        }
        var today = DateOnly.FromDateTime(now);
        var added = 0;
        foreach (var (code, courses) in Courses)
        {
            if (!hotlines.TryGetValue(code, out var hotline))
                continue;
            var local = organisations.Where(o => o.CountryCode == code).ToList();
            for (var i = 0; i < courses.Length; i++)
            {
                var c = courses[i];
                var startsOn = today.AddMonths(-c.MonthsAgo);
                var training = new TrainingCourse
                {
                    Id = TrainingId(code, i + 1), OrganisationId = hotline, CountryCode = code, Title = c.Title, Topic = c.Topic,
                    StartsOn = startsOn, EndsOn = startsOn.AddDays(1 + i % 2), Place = c.Place, Trainers = c.Trainers,
                    ScoreBefore = c.Before, ScoreAfter = c.After, CreatedAt = now, ModifiedAt = now,
                };
                // Police, social services, shelter and the hotline itself send staff; numbers vary by course.
                void Count(ParticipantRole role, ParticipantSex sex, int count)
                {
                    if (count > 0)
                        training.Participants.Add(new TrainingParticipants { TrainingId = training.Id, Role = role, Sex = sex, Count = count });
                }
                Count(ParticipantRole.Police, ParticipantSex.Female, 2 + i);
                Count(ParticipantRole.Police, ParticipantSex.Male, 5 - i);
                Count(ParticipantRole.SocialWorker, ParticipantSex.Female, 6 + i);
                Count(ParticipantRole.SocialWorker, ParticipantSex.Male, 1 + i % 2);
                Count(ParticipantRole.CaseWorker, ParticipantSex.Female, 3);
                Count(ParticipantRole.NgoStaff, ParticipantSex.Female, 2 + i % 2);
                Count(ParticipantRole.NgoStaff, ParticipantSex.OtherOrUnknown, i == 1 ? 1 : 0);
                Count(c.Topic == TrainingTopic.ChildProtection ? ParticipantRole.Teacher : ParticipantRole.ProsecutorOrJudge, ParticipantSex.Male, 2);
                var total = training.Participants.Sum(p => p.Count);
                training.TestedCount = total - 2;
                training.ImprovedCount = total - 4 - i;
                foreach (var o in local.Where(o => o.IsIdentificationAuthority || o.IsShelterOperator || o.Type == OrganisationType.LocalGovernmentOrganisation || o.Id == hotline))
                    training.Organisations.Add(new TrainingOrganisation { TrainingId = training.Id, OrganisationId = o.Id });
                training.FollowUps.Add(new TrainingFollowUp
                {
                    TrainingId = training.Id, Action = c.FollowUp, Owner = c.Trainers.Split(',')[0].Trim(), DueOn = startsOn.AddMonths(3),
                    Done = c.MonthsAgo > 3, CreatedAt = now,
                });
                db.Trainings.Add(training);
                added++;
            }
        }
        foreach (var (host, visitor, purpose, outcomes) in Visits)
        {
            if (!hotlines.TryGetValue(host, out var hostId) || !hotlines.TryGetValue(visitor, out var visitorHotline))
                continue;
            var startsOn = today.AddMonths(-4);
            var visit = new ExchangeVisit
            {
                Id = VisitId(visitor, host), OrganisationId = visitorHotline, HostOrganisationId = hostId, HostCountryCode = host,
                StartsOn = startsOn, EndsOn = startsOn.AddDays(2), Purpose = purpose, Outcomes = outcomes, Female = 5, Male = 2, CreatedAt = now,
            };
            foreach (var o in organisations.Where(o => o.CountryCode == visitor && (o.Id == visitorHotline || o.Type == OrganisationType.LocalGovernmentOrganisation)))
                visit.Visitors.Add(new ExchangeVisitor { VisitId = visit.Id, OrganisationId = o.Id, CountryCode = visitor });
            db.ExchangeVisits.Add(visit);
        }
        return added;
    }
}
