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
    private sealed record Desk(Guid OrganisationId, string Country, Guid[] Workers, Guid[] Supervisors)
    {
        /// <summary>The country's identification authority and one of its officers, if the demo has them.</summary>
        public (Guid Authority, Guid Officer, int ReflectionDays)? Identification { get; init; }
    }

    private async Task<List<Desk>> DesksAsync(CancellationToken ct)
    {
        var staff = await db.Users.AsNoTracking().Where(u => u.Email!.EndsWith("@demo.ura"))
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u.Id, u.OrganisationId, ur.RoleId })
            .Join(db.Roles, x => x.RoleId, r => r.Id, (x, r) => new { x.Id, x.OrganisationId, Role = r.Name })
            .Where(x => x.Role == Roles.CaseWorker || x.Role == Roles.Supervisor)
            .Join(db.Organisations, x => x.OrganisationId, o => o.Id, (x, o) => new { x.Id, x.OrganisationId, x.Role, o.CountryCode })
            .ToListAsync(ct);
        var officers = (await db.Users.AsNoTracking().Where(u => u.Email!.EndsWith("@demo.ura"))
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u.Id, u.OrganisationId, ur.RoleId })
            .Join(db.Roles.Where(r => r.Name == Roles.IdentificationOfficer), x => x.RoleId, r => r.Id, (x, _) => new { x.Id, x.OrganisationId })
            .Join(db.Organisations.Where(o => o.IsIdentificationAuthority), x => x.OrganisationId, o => o.Id, (x, o) => new { x.Id, x.OrganisationId, o.CountryCode })
            .Join(db.Countries, x => x.CountryCode, c => c.Code, (x, c) => new { x.Id, x.OrganisationId, x.CountryCode, c.ReflectionPeriodDays })
            .ToListAsync(ct))
            .GroupBy(o => o.CountryCode).ToDictionary(g => g.Key, g => g.OrderBy(o => o.Id).First());
        return [.. staff.GroupBy(s => (s.OrganisationId, s.CountryCode))
            .Where(g => g.Any(s => s.Role == Roles.CaseWorker))
            .OrderBy(g => g.Key.CountryCode).ThenBy(g => g.Key.OrganisationId)
            .Select(g => new Desk(g.Key.OrganisationId, g.Key.CountryCode,
                [.. g.Where(s => s.Role == Roles.CaseWorker).Select(s => s.Id).Order()],
                [.. g.Where(s => s.Role == Roles.Supervisor).Select(s => s.Id).Order()])
            {
                Identification = officers.TryGetValue(g.Key.CountryCode, out var o) ? (o.OrganisationId, o.Id, o.ReflectionPeriodDays) : null,
            })];
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

        AddExploitation(@case, desk, worker, random);
        AddIdentification(@case, desk, worker, random, now);
        AddAssistance(@case, desk, worker, random, now);
        if (@case.IsClosed)
            Close(@case, desk, worker, random, now);
    }

    /// <summary>
    /// Identified and ruled-out cases were decided by the country's authority; some possible victims
    /// past the first stage wait in its inbox. Identified victims have their reflection period.
    /// </summary>
    private void AddIdentification(Case @case, Desk desk, Guid worker, Random random, DateTime now)
    {
        if (desk.Identification is not { } authority)
            return;
        var pending = @case.TraffickingStatus == TraffickingStatus.PossibleVictimOfTrafficking;
        if (pending && (@case.IsClosed || @case.Stage == CaseStage.Identification || random.Next(5) > 0))
            return;
        var submitted = @case.OpenedAt.AddDays(random.Next(1, 10));
        if (submitted > now)
            submitted = now;
        var decided = DateOnly.FromDateTime(submitted).AddDays(random.Next(1, 15));
        if (decided > DateOnly.FromDateTime(now))
            decided = DateOnly.FromDateTime(now);
        var submission = new Identification.IdentificationSubmission
        {
            CaseId = @case.Id,
            OrganisationId = desk.OrganisationId,
            AuthorityId = authority.Authority,
            SubmittedAt = submitted,
            SubmittedById = worker,
            Statement = "Screened at first contact; indicators of deception, coercion and debt. Please decide.",
        };
        db.Add(submission);
        Event(@case, submitted, worker, "identification.submit");
        if (pending)
            return;
        submission.Decision = @case.TraffickingStatus;
        submission.DecidedOn = decided;
        submission.Basis = "Interview and documents reviewed under the national SOP.";
        submission.DecidedAt = decided.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        submission.DecidedById = authority.Officer;
        Event(@case, submission.DecidedAt.Value, authority.Officer, "identification.decide", "TraffickingStatus." + @case.TraffickingStatus);
        if (@case.TraffickingStatus == TraffickingStatus.ActualVictimOfTrafficking)
        {
            db.Add(new Identification.CaseIdentification
            {
                CaseId = @case.Id,
                OrganisationId = desk.OrganisationId,
                ReflectionStartsOn = decided,
                ReflectionEndsOn = Identification.ReflectionPeriod.EndsOn(decided, authority.ReflectionDays),
                Cooperation = Pick(random, (Identification.Cooperation.Cooperates, 40), (Identification.Cooperation.DoesNotCooperate, 20), (Identification.Cooperation.NotDecidedYet, 40)),
                CooperationOn = decided,
                CooperationRecordedById = worker,
            });
            var ends = Identification.ReflectionPeriod.EndsOn(decided, authority.ReflectionDays);
            if (!@case.IsClosed && ends >= DateOnly.FromDateTime(now).AddDays(-14))
            {
                foreach (var due in Identification.ReflectionPeriod.RemindersFor(decided, ends))
                {
                    db.CaseTasks.Add(new CaseTask
                    {
                        CaseId = @case.Id, OrganisationId = desk.OrganisationId, Kind = CaseTaskKind.ReflectionPeriodEnd,
                        Title = "Reflection period ends " + ends.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        DueOn = due, AssigneeId = worker, CreatedAt = submission.DecidedAt.Value, CreatedById = authority.Officer,
                    });
                }
            }
        }
    }

    private static readonly string[] Cities = ["Tirana", "Prishtina", "Skopje", "Podgorica", "Belgrade", "Sarajevo", "Milan", "Athens", "Vienna", "Berlin"];

    /// <summary>Types of exploitation, means of control, recruitment and the route: recruited at home, often exploited abroad.</summary>
    private void AddExploitation(Case @case, Desk desk, Guid worker, Random random)
    {
        var sexual = random.Next(100) < 55;
        var types = new List<string> { sexual ? nameof(TypeOfExploitation.SexualExploitation) : nameof(TypeOfExploitation.ForcedLabour) };
        if (random.Next(100) < 15)
            types.Add(Pick(random, (nameof(TypeOfExploitation.ForcedBegging), 50), (nameof(TypeOfExploitation.ForcedMarriage), 30), (nameof(TypeOfExploitation.Servitude), 20)));
        void Code(ExploitationCodeKind kind, string code) =>
            db.ExploitationCodes.Add(new ExploitationCode { CaseId = @case.Id, OrganisationId = desk.OrganisationId, Kind = kind, Code = code });
        foreach (var type in types)
            Code(ExploitationCodeKind.TypeOfExploitation, type);
        if (sexual)
            Code(ExploitationCodeKind.TypeOfSexExploitation, random.Next(4) == 0 ? nameof(TypeOfSexExploitation.RemoteInteractiveServices) : nameof(TypeOfSexExploitation.Prostitution));
        foreach (var control in new[] { MethodOfControl.FalsePromises, MethodOfControl.DebtBondage, MethodOfControl.WithholdsDocuments, MethodOfControl.PhysicalThreats, MethodOfControl.PsychologicalAbuse }
            .OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
            Code(ExploitationCodeKind.MethodOfControl, control.ToString());
        Code(ExploitationCodeKind.MethodOfRecruitment, Pick(random, (nameof(MethodOfRecruitment.ThroughFriendsOrSocialEvents), 35),
            (nameof(MethodOfRecruitment.ThroughOnlineSocialNetworks), 30), (nameof(MethodOfRecruitment.ThroughFamilyOrFamilyEvents), 20), (nameof(MethodOfRecruitment.AtWork), 15)));

        var abroad = random.Next(100) < 45;
        var recruited = DateOnly.FromDateTime(@case.OpenedAt).AddDays(-random.Next(60, 700));
        var exploitedFrom = recruited.AddDays(random.Next(5, 60));
        var exploitationCountry = abroad ? Pick(random, ("IT", 30), ("GR", 25), ("DE", 20), ("AT", 10), ("XK", 15)) : desk.Country;
        if (exploitationCountry == desk.Country && abroad)
            exploitationCountry = "IT";
        db.TraffickingEvents.Add(new TraffickingEvent
        {
            CaseId = @case.Id, OrganisationId = desk.OrganisationId, Type = TraffickingEventType.Recruitment, Country = desk.Country,
            Place = Cities[random.Next(6)], StartedOn = recruited, EndedOn = recruited,
        });
        db.TraffickingEvents.Add(new TraffickingEvent
        {
            CaseId = @case.Id, OrganisationId = desk.OrganisationId, Type = TraffickingEventType.Exploitation, Country = exploitationCountry,
            Place = Cities[random.Next(Cities.Length)], StartedOn = exploitedFrom, EndedOn = DateOnly.FromDateTime(@case.OpenedAt).AddDays(-random.Next(1, 5)),
        });
        db.CaseExploitations.Add(new CaseExploitation
        {
            CaseId = @case.Id,
            OrganisationId = desk.OrganisationId,
            ForcedLabourIndustry = sexual ? null : Pick(random, (ForcedLabourIndustry.A_AgricultureForestryAndFishing, 35), (ForcedLabourIndustry.F_Construction, 25),
                (ForcedLabourIndustry.I_AccommodationAndFoodServiceActivities, 25), (ForcedLabourIndustry.T_ActivitiesOfHouseholdsAsEmployers, 15)),
            RelationshipToTrafficker = Pick(random, (RelationshipToTrafficker.Acquainted, 50), (RelationshipToTrafficker.Familial, 20), (RelationshipToTrafficker.Unaquainted, 30)),
            Transnational = exploitationCountry != desk.Country,
        });
        Event(@case, @case.OpenedAt.AddMinutes(30), worker, "exploitation.update");
    }

    private static readonly string[] NoteTexts =
    [
        "First meeting at the shelter. She is tired but calm; we agreed to talk again tomorrow.",
        "Accompanied to the health centre; follow-up visit in two weeks.",
        "Spoke with the lawyer about the hearing; she wants to be present.",
        "Phone call with the family; they are ready to receive him.",
        "Started the vocational course; attendance good so far.",
    ];

    private static readonly Dictionary<string, string> Currencies = new()
    {
        ["AL"] = "ALL", ["XK"] = "EUR", ["ME"] = "EUR", ["MK"] = "MKD", ["RS"] = "RSD", ["BA"] = "BAM",
    };

    /// <summary>A medical session (about 25 EUR) and a 20-day vocational course (about 300 EUR) in each currency.</summary>
    private static readonly Dictionary<string, (decimal Medical, decimal Course)> Prices = new()
    {
        ["ALL"] = (2500m, 30000m), ["EUR"] = (25m, 300m), ["MKD"] = (1500m, 18500m), ["RSD"] = (2900m, 35000m), ["BAM"] = (50m, 600m),
    };

    /// <summary>Consent, a risk assessment, plan goals, services given and notes, as a case of its age would have.</summary>
    private void AddAssistance(Case @case, Desk desk, Guid worker, Random random, DateTime now)
    {
        var opened = DateOnly.FromDateTime(@case.OpenedAt);
        var today = DateOnly.FromDateTime(now);
        DateOnly Within(int days) => opened.AddDays(random.Next(0, days)) is var d && d <= today ? d : today;
        DateTime At(DateOnly day) => day.ToDateTime(new TimeOnly(10, random.Next(0, 60)), DateTimeKind.Utc) is var t && t <= now ? t : now;

        if (random.Next(100) < 85)
        {
            var given = Within(3);
            var child = @case.Person?.IsChild == true;
            var caseManagementOnly = random.Next(3) == 0;
            // Return and reintegration run along a few corridors; half the people agree to being referred there.
            var corridor = random.Next(2) == 0;
            var consent = new Consent
            {
                CaseId = @case.Id,
                OrganisationId = desk.OrganisationId,
                Purposes = caseManagementOnly && !corridor ? "CaseManagementAndAssistance" : "CaseManagementAndAssistance,ReferralToServices,FormalIdentification",
                SharedWithOrganisationTypes = "NGO,LocalGovernmentOrganisation,LawEnforcement",
                CrossBorderCountries = corridor ? Corridor(desk.Country) : "",
                ResearchUse = random.Next(2) == 0,
                RetentionMonths = 60,
                DataUseExplained = true,
                RightOfAccessExplained = true,
                WithdrawalExplained = true,
                GivenBy = child ? ConsentGiver.Guardian : ConsentGiver.Person,
                GiverName = child ? @case.Person!.GuardianName : null,
                GivenOn = given,
                TakenById = worker,
                RecordedAt = At(given),
            };
            db.Consents.Add(consent);
            Event(@case, consent.RecordedAt, worker, "consent.record", "ConsentGiver." + consent.GivenBy);
        }
        if (@case.Stage == CaseStage.Identification)
            return;

        var assessed = Within(10);
        var level = Pick(random, (RiskLevel.Low, 30), (RiskLevel.Medium, 50), (RiskLevel.High, 20));
        var risk = new RiskAssessment
        {
            CaseId = @case.Id,
            OrganisationId = desk.OrganisationId,
            AssessedOn = assessed,
            IndividualRisk = level,
            HouseholdRisk = Pick(random, (RiskLevel.Low, 50), (RiskLevel.Medium, 40), (RiskLevel.High, 10)),
            CommunityRisk = Pick(random, (RiskLevel.Low, 60), (RiskLevel.Medium, 35), (RiskLevel.High, 5)),
            SafetyPlan = "Stays at the shelter; no contact with the recruiter; emergency number agreed.",
            NextReviewOn = assessed.AddMonths(3),
            RecordedAt = At(assessed),
            RecordedById = worker,
        };
        db.RiskAssessments.Add(risk);
        Event(@case, risk.RecordedAt, worker, "risk.assess", "RiskLevel." + risk.OverallRisk);

        var currency = Currencies[desk.Country];
        var prices = Prices[currency];
        foreach (var type in new[] { SupportType.Health, SupportType.Psychological, SupportType.Legal, SupportType.Livelihood, SupportType.Housing }
            .OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
        {
            var start = Within(20);
            var goal = new PlanGoal
            {
                CaseId = @case.Id,
                OrganisationId = desk.OrganisationId,
                Type = type,
                Objective = "Agreed with the person at the planning meeting.",
                ResponsibleOrganisationId = desk.OrganisationId,
                PlannedStartOn = start,
                PlannedEndOn = start.AddMonths(6),
                Status = @case.IsClosed ? GoalStatus.Achieved : Pick(random, (GoalStatus.Planned, 20), (GoalStatus.InProgress, 60), (GoalStatus.Achieved, 20)),
                CreatedAt = At(start),
                UpdatedAt = At(start),
            };
            if (goal.Status == GoalStatus.Achieved)
                goal.ActualEndOn = start.AddMonths(3) <= today ? start.AddMonths(3) : today;
            db.PlanGoals.Add(goal);
            Event(@case, goal.CreatedAt, worker, "plan.goal.add", "SupportType." + goal.Type);

            var service = type switch
            {
                SupportType.Health => (ServiceType.Medical, ServiceUnit.Sessions, 1m, prices.Medical),
                SupportType.Psychological => (ServiceType.Psychological, ServiceUnit.Sessions, 4m, 0m),
                SupportType.Legal => (ServiceType.LegalCounselling, ServiceUnit.Hours, 3m, 0m),
                SupportType.Livelihood => (ServiceType.VocationalTraining, ServiceUnit.Days, 20m, prices.Course),
                _ => (ServiceType.Accommodation, ServiceUnit.Nights, 30m, 0m),
            };
            var delivered = Within(60);
            var given = new ServiceDelivery
            {
                CaseId = @case.Id,
                OrganisationId = desk.OrganisationId,
                Type = service.Item1,
                DeliveredOn = delivered,
                ProviderOrganisationId = desk.OrganisationId,
                Quantity = service.Item3,
                Unit = service.Item2,
                Cost = service.Item4 > 0 ? service.Item4 : null,
                Currency = service.Item4 > 0 ? currency : null,
                PlanGoalId = goal.Id,
                RecordedAt = At(delivered),
                RecordedById = worker,
                UpdatedAt = At(delivered),
            };
            db.ServiceDeliveries.Add(given);
            Event(@case, given.RecordedAt, worker, "service.add", "ServiceType." + given.Type);
        }

        for (var n = random.Next(0, 3); n > 0; n--)
        {
            var written = At(Within(90));
            db.CaseNotes.Add(new CaseNote { CaseId = @case.Id, OrganisationId = desk.OrganisationId, Text = NoteTexts[random.Next(NoteTexts.Length)], AuthorId = worker, WrittenAt = written });
            Event(@case, written, worker, "note.add");
        }
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

    /// <summary>The neighbour most of a demo country's cross-border cases go to and come from.</summary>
    public static string Corridor(string country) => country switch
    {
        "AL" => "XK", "XK" => "AL", "MK" => "RS", "RS" => "MK", "BA" => "ME", "ME" => "BA", _ => "AL",
    };

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
