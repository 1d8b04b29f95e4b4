using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Crypto;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Cases;

/// <summary>
/// Invented cases for the demo and for benchmarks: people with names of the region, cases at every
/// stage and status, tasks due and overdue, closures. DEMO ONLY. The same count gives the same
/// cases (a fixed random seed), so benchmarks compare like with like.
/// </summary>
public sealed class DemoCases(UraDbContext db, BlindIndex blind, TimeProvider clock)
{
    private const int Batch = 500;

    private static readonly Dictionary<string, (string[] Women, string[] Men, string[] Families, string Language)> Names = new()
    {
        ["AL"] = (["Drita", "Elona", "Besa", "Mirela", "Anisa", "Klea", "Jonida", "Ardita"], ["Arben", "Ilir", "Gent", "Erion", "Kujtim", "Besnik"], ["Hoxha", "Shehu", "Kola", "Çela", "Leka", "Gjoka", "Basha", "Doda", "Marku", "Dervishi"], "sq"),
        ["XK"] = (["Blerta", "Vjosa", "Teuta", "Arta", "Donika", "Fitore"], ["Arben", "Driton", "Valon", "Labinot", "Agon", "Fisnik"], ["Krasniqi", "Gashi", "Berisha", "Hoti", "Morina", "Shala", "Bytyqi", "Rexhepi"], "sq"),
        ["MK"] = (["Елена", "Ана", "Билјана", "Весна", "Марија", "Ивана"], ["Марко", "Горан", "Дејан", "Игор", "Никола", "Стефан"], ["Стојановска", "Петровска", "Илиевска", "Ристовска", "Трајковски", "Николовски"], "mk"),
        ["ME"] = (["Milica", "Jovana", "Ivana", "Tamara", "Maja", "Sara"], ["Nikola", "Marko", "Stefan", "Dragan", "Luka", "Petar"], ["Vuković", "Radović", "Popović", "Bošković", "Lakić", "Vujović", "Kovačević"], "sr"),
        ["RS"] = (["Jelena", "Ana", "Marija", "Ivana", "Tijana", "Milena"], ["Miloš", "Nenad", "Vladimir", "Dušan", "Nikola", "Aleksandar"], ["Petrović", "Jovanović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić"], "sr"),
        ["BA"] = (["Amra", "Lejla", "Selma", "Jasmina", "Dženana", "Aida"], ["Emir", "Nermin", "Adnan", "Haris", "Kenan", "Mirza"], ["Hodžić", "Begić", "Hadžić", "Delić", "Kovač", "Mehić", "Šehić", "Karić"], "bs"),
    };

    private static readonly string[] TaskTitles =
    [
        "Follow-up call", "Accompany to the health centre", "Review the assistance plan", "Prepare for the court hearing",
        "Visit the family", "Check school enrolment", "Renew the identity document",
    ];

    /// <summary>Adds <paramref name="count"/> cases spread over the organisations whose demo case workers can hold them.</summary>
    public async Task<int> SeedAsync(int count, CancellationToken ct)
    {
        if (count <= 0)
            return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(count);
        var desks = await DesksAsync(ct);
        if (desks.Count == 0)
            return 0;
        var counters = await db.CaseReferenceCounters.ToDictionaryAsync(c => (c.CountryCode, c.Year), c => c.Last, ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var done = 0; done < count; done += Batch)
            {
                for (var i = done; i < Math.Min(count, done + Batch); i++)
                    AddCase(desks[random.Next(desks.Count)], random, now, counters);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            foreach (var ((country, year), last) in counters)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "CaseReferenceCounters" ("CountryCode", "Year", "Last") VALUES ({country}, {year}, {last})
                    ON CONFLICT ("CountryCode", "Year") DO UPDATE SET "Last" = excluded."Last"
                    """, ct);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        return count;
    }

    /// <summary>An organisation that takes cases, with its demo case workers and supervisors.</summary>
    private sealed record Desk(Guid OrganisationId, string Country, Guid[] Workers, Guid[] Supervisors);

    private async Task<List<Desk>> DesksAsync(CancellationToken ct)
    {
        var staff = await db.Users.AsNoTracking().Where(u => u.Email!.EndsWith("@demo.ura"))
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u.Id, u.OrganisationId, ur.RoleId })
            .Join(db.Roles, x => x.RoleId, r => r.Id, (x, r) => new { x.Id, x.OrganisationId, Role = r.Name })
            .Where(x => x.Role == Roles.CaseWorker || x.Role == Roles.Supervisor)
            .Join(db.Organisations, x => x.OrganisationId, o => o.Id, (x, o) => new { x.Id, x.OrganisationId, x.Role, o.CountryCode })
            .ToListAsync(ct);
        return [.. staff.GroupBy(s => (s.OrganisationId, s.CountryCode))
            .Where(g => g.Any(s => s.Role == Roles.CaseWorker))
            .OrderBy(g => g.Key.CountryCode).ThenBy(g => g.Key.OrganisationId)
            .Select(g => new Desk(g.Key.OrganisationId, g.Key.CountryCode,
                [.. g.Where(s => s.Role == Roles.CaseWorker).Select(s => s.Id).Order()],
                [.. g.Where(s => s.Role == Roles.Supervisor).Select(s => s.Id).Order()]))];
    }

    private void AddCase(Desk desk, Random random, DateTime now, Dictionary<(string, int), int> counters)
    {
        var opened = now.AddMinutes(-random.Next(5, 3 * 365 * 24 * 60));
        var year = opened.Year;
        var number = counters[(desk.Country, year)] = counters.GetValueOrDefault((desk.Country, year)) + 1;
        var worker = desk.Workers[random.Next(desk.Workers.Length)];
        var status = Pick(random, (CaseStatus.Active, 55), (CaseStatus.FollowUp, 15), (CaseStatus.Closed, 25), (CaseStatus.ClosedReferred, 5));
        var @case = new Case
        {
            OrganisationId = desk.OrganisationId,
            Reference = $"{desk.Country}-{year}-{number:D6}",
            OpenedAt = opened,
            UpdatedAt = opened,
            Status = status,
            Stage = Pick(random, (CaseStage.Identification, 20), (CaseStage.FirstAssistanceAndProtection, 30),
                (CaseStage.LongTermAssistanceAndSocialInclusion, 30), (CaseStage.Return, 10), (CaseStage.CriminalAndCivilProceedings, 10)),
            TraffickingStatus = Pick(random, (TraffickingStatus.PossibleVictimOfTrafficking, 45), (TraffickingStatus.ActualVictimOfTrafficking, 45),
                (TraffickingStatus.NotAVictimOfTrafficking, 10)),
            SupervisorId = desk.Supervisors.Length > 0 ? desk.Supervisors[random.Next(desk.Supervisors.Length)] : null,
        };
        @case.Team.Add(new CaseTeamMember { UserId = worker, AssignedAt = opened });
        @case.Person = NewPerson(desk, @case, random, opened);
        db.Cases.Add(@case);
        Event(@case, opened, worker, "open");

        for (var t = random.Next(0, 4); t > 0; t--)
        {
            var due = DateOnly.FromDateTime(now).AddDays(random.Next(-20, 40));
            db.CaseTasks.Add(new CaseTask
            {
                CaseId = @case.Id,
                OrganisationId = desk.OrganisationId,
                Kind = Pick(random, (CaseTaskKind.FollowUp, 60), (CaseTaskKind.Review, 30), (CaseTaskKind.Other, 10)),
                Title = TaskTitles[random.Next(TaskTitles.Length)],
                DueOn = due,
                AssigneeId = worker,
                CreatedAt = opened,
                CreatedById = worker,
                CompletedAt = @case.IsClosed || random.Next(3) == 0 ? opened.AddDays(1) : null,
                CompletedById = worker,
            });
        }

        if (@case.IsClosed)
            Close(@case, desk, worker, random, now);
    }

    private Person NewPerson(Desk desk, Case @case, Random random, DateTime opened)
    {
        var names = Names[desk.Country];
        var woman = random.Next(100) < 70;
        var given = woman ? names.Women[random.Next(names.Women.Length)] : names.Men[random.Next(names.Men.Length)];
        var family = names.Families[random.Next(names.Families.Length)];
        var age = random.Next(100) < 20 ? random.Next(12, 18) : random.Next(18, 55);
        var birth = DateOnly.FromDateTime(opened).AddYears(-age).AddDays(-random.Next(0, 365));
        var estimated = random.Next(10) == 0;
        var neighbour = DemoCountries[random.Next(DemoCountries.Length)];
        var person = new Person
        {
            OrganisationId = desk.OrganisationId,
            CaseId = @case.Id,
            GivenNames = given,
            FamilyName = family,
            BirthDate = estimated ? birth.Year.ToString(CultureInfo.InvariantCulture) : birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            BirthDateEstimated = estimated,
            BirthYearHash = blind.Of(CaseRegistration.BirthYearPurpose, birth.Year.ToString(CultureInfo.InvariantCulture)),
            Gender = woman ? Gender.Feminine : Gender.Masculine,
            AgeBand = PersonRules.BandOf(age),
            IsChild = PersonRules.IsChild(age),
            Citizenships = random.Next(100) < 80 ? desk.Country : neighbour,
            Languages = names.Language,
            EducationLevel = (EducationLevel)random.Next(0, 5),
            MaritalStatus = age < 18 ? MaritalStatus.Single : (MaritalStatus)random.Next(0, 4),
            NumberOfChildren = age < 18 ? 0 : random.Next(0, 3),
            Phone = random.Next(2) == 0 ? $"+3556{random.Next(7, 10)} {random.Next(100, 999)} {random.Next(1000, 9999)}" : null,
            GuardianName = age < 18 ? $"{names.Women[random.Next(names.Women.Length)]} {family}" : null,
            GuardianRelation = age < 18 ? "Mother" : null,
            RegisteredAt = opened,
        };
        if (random.Next(3) > 0)
            person.Documents.Add(new IdentityDocument { Type = IdentityDocumentType.Passport, Number = $"B{random.Next(1_000_000, 9_999_999)}", IssuingCountry = person.Citizenships });
        foreach (var word in new[] { given, family }.SelectMany(n => blind.OfWords(CaseRegistration.NamePurpose, n)).Distinct())
            person.NameIndex.Add(new PersonNameIndex { OrganisationId = desk.OrganisationId, Hash = word });
        return person;
    }

    private void Close(Case @case, Desk desk, Guid worker, Random random, DateTime now)
    {
        var requested = @case.OpenedAt.AddDays(random.Next(30, 300));
        if (requested > now)
            requested = now.AddHours(-2);
        var reason = @case.Status == CaseStatus.ClosedReferred ? ClosureReason.ReferredToAnotherOrganisation
            : Pick(random, (ClosureReason.AssistanceCompleted, 60), (ClosureReason.PersonDeclinedFurtherAssistance, 15),
                (ClosureReason.ContactLost, 15), (ClosureReason.NotAVictimOfTrafficking, 10));
        var approver = desk.Supervisors.Length > 0 ? desk.Supervisors[0] : worker;
        db.CaseClosures.Add(new CaseClosure
        {
            CaseId = @case.Id,
            OrganisationId = desk.OrganisationId,
            Reason = reason,
            RequestedAt = requested,
            RequestedById = worker,
            Decision = ClosureDecision.Approved,
            DecidedAt = requested.AddHours(1),
            DecidedById = approver,
        });
        @case.ClosureReason = reason;
        @case.ClosedAt = requested.AddHours(1);
        @case.UpdatedAt = requested.AddHours(1);
        Event(@case, requested, worker, "closure.request", "ClosureReason." + reason);
        Event(@case, requested.AddHours(1), approver, "closure.approve", "ClosureReason." + reason);
    }

    private void Event(Case @case, DateTime at, Guid by, string action, string? detail = null) =>
        db.CaseEvents.Add(new CaseEvent { CaseId = @case.Id, At = at, UserId = by, Action = action, Detail = detail });

    private static readonly string[] DemoCountries = ["AL", "XK", "MK", "ME", "RS", "BA"];

    private static T Pick<T>(Random random, params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
                return value;
        }
        return choices[^1].Value;
    }
}
