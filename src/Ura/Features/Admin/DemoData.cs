using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Admin;

/// <summary>
/// Demo installation: the six countries, organisations of the kinds that work together in each, and a
/// user for every role. DEMO ONLY: every demo user shares one printed password and one printed
/// two-factor key.
/// </summary>
public sealed class DemoData(UraDbContext db, IPasswordHasher<User> hasher, AuditLog audit, Cases.DemoCases demoCases, Directory.DemoDirectory demoDirectory,
    Referrals.DemoReferrals demoReferrals, Shelters.DemoShelters demoShelters,
    Training.Assessments.DemoAssessments demoAssessments, Training.Trainings.DemoTrainings demoTrainings,
    Awareness.Public.DemoHelpPages demoHelpPages, Awareness.HelpRequests.DemoHelpRequests demoHelpRequests,
    Awareness.Campaigns.DemoCampaigns demoCampaigns, Provisions.DemoProvisions demoProvisions, Reports.Projects.DemoProjects demoProjects)
{
    public const string Password = "Ura-demo-2026!";
    public const string TwoFactorKey = "URADEMOKEYFORTRYINGURAONLY234567";
    public const string EmailDomain = "demo.ura";
    public const string SystemAdminEmail = "sysadmin@" + EmailDomain;

    public static readonly IReadOnlyList<(string Code, string Name)> Countries =
    [
        ("AL", "Albania"), ("XK", "Kosovo"), ("MK", "North Macedonia"),
        ("ME", "Montenegro"), ("RS", "Serbia"), ("BA", "Bosnia and Herzegovina"),
    ];

    /// <summary>Demo sign-ins by local part: which role, at which kind of organisation.</summary>
    public static readonly IReadOnlyList<(string Login, string Role, OrgKind Org)> Logins =
    [
        ("caseworker", Roles.CaseWorker, OrgKind.Shelter),
        ("supervisor", Roles.Supervisor, OrgKind.Shelter),
        ("sheltermanager", Roles.ShelterManager, OrgKind.Shelter),
        ("orgadmin", Roles.OrganisationAdmin, OrgKind.Shelter),
        ("socialworker", Roles.CaseWorker, OrgKind.SocialServices),
        ("police", Roles.IdentificationOfficer, OrgKind.Police),
        ("outreach", Roles.OutreachOfficer, OrgKind.Hotline),
        ("coordinator", Roles.NationalCoordinator, OrgKind.Coordinator),
        ("analyst", Roles.Analyst, OrgKind.Coordinator),
        ("hotline", Roles.CaseWorker, OrgKind.Hotline),
    ];

    public enum OrgKind { Coordinator, Police, SocialServices, Shelter, Hotline, International }

    public static string EmailOf(string login, string countryCode) => $"{login}.{countryCode.ToLowerInvariant()}@{EmailDomain}";

    /// <summary>Organisation names in each country's language, of the kinds found in the region.</summary>
    private static readonly Dictionary<string, Dictionary<OrgKind, string>> Names = new()
    {
        ["AL"] = new()
        {
            [OrgKind.Coordinator] = "Zyra e Koordinatorit Kombëtar kundër Trafikimit",
            [OrgKind.Police] = "Policia e Shtetit – Sektori kundër Trafikimit, Tiranë",
            [OrgKind.SocialServices] = "Shërbimi Social Shtetëror – Drejtoria Rajonale Tiranë",
            [OrgKind.Shelter] = "Strehëza Shpresa (OJF)",
            [OrgKind.Hotline] = "Linja e Ndihmës për Gratë dhe Vajzat",
            [OrgKind.International] = "Agjencia Ndërkombëtare për Migracionin – Misioni në Shqipëri",
        },
        ["XK"] = new()
        {
            [OrgKind.Coordinator] = "Zyra e Koordinatorit Kombëtar kundër Trafikimit me Njerëz",
            [OrgKind.Police] = "Policia e Kosovës – Drejtoria për Hetimin e Trafikimit me Njerëz",
            [OrgKind.SocialServices] = "Qendra për Punë Sociale Prishtinë",
            [OrgKind.Shelter] = "Qendra për Mbrojtjen e Viktimave – Strehimore (OJQ)",
            [OrgKind.Hotline] = "Linja Kundër Trafikimit (OJQ)",
            [OrgKind.International] = "Agjencia Ndërkombëtare për Migracionin – Misioni në Kosovë",
        },
        ["MK"] = new()
        {
            [OrgKind.Coordinator] = "Канцеларија на националниот известувач за трговија со луѓе",
            [OrgKind.Police] = "МВР – Единица за борба против трговија со луѓе, Скопје",
            [OrgKind.SocialServices] = "Центар за социјална работа Скопје",
            [OrgKind.Shelter] = "Засолниште Отворена порта (НВО)",
            [OrgKind.Hotline] = "СОС линија за жртви на трговија со луѓе",
            [OrgKind.International] = "Меѓународна агенција за миграција – Мисија во Скопје",
        },
        ["ME"] = new()
        {
            [OrgKind.Coordinator] = "Kancelarija nacionalnog koordinatora za borbu protiv trgovine ljudima",
            [OrgKind.Police] = "Uprava policije – Grupa za suzbijanje trgovine ljudima, Podgorica",
            [OrgKind.SocialServices] = "Centar za socijalni rad Podgorica",
            [OrgKind.Shelter] = "Sklonište Sigurna kuća (NVO)",
            [OrgKind.Hotline] = "SOS telefon za žrtve trgovine ljudima",
            [OrgKind.International] = "Međunarodna agencija za migracije – Misija u Crnoj Gori",
        },
        ["RS"] = new()
        {
            [OrgKind.Coordinator] = "Kancelarija nacionalnog koordinatora za borbu protiv trgovine ljudima",
            [OrgKind.Police] = "MUP – Jedinica za suzbijanje trgovine ljudima, Beograd",
            [OrgKind.SocialServices] = "Centar za zaštitu žrtava trgovine ljudima",
            [OrgKind.Shelter] = "Sklonište Atina kuća (NVO)",
            [OrgKind.Hotline] = "Info linija protiv trgovine ljudima (NVO)",
            [OrgKind.International] = "Međunarodna agencija za migracije – Misija u Srbiji",
        },
        ["BA"] = new()
        {
            [OrgKind.Coordinator] = "Ured državnog koordinatora za borbu protiv trgovine ljudima",
            [OrgKind.Police] = "Granična policija BiH – Jedinica za identifikaciju, Sarajevo",
            [OrgKind.SocialServices] = "Centar za socijalni rad Kantona Sarajevo",
            [OrgKind.Shelter] = "Sigurna kuća Novi put (NVO)",
            [OrgKind.Hotline] = "SOS linija za žrtve trgovine ljudima BiH",
            [OrgKind.International] = "Međunarodna agencija za migracije – Misija u BiH",
        },
    };

    private static readonly Dictionary<string, string[]> People = new()
    {
        ["AL"] = ["Arta Hoxha", "Elira Shehu", "Besnik Dervishi", "Anila Kola", "Mirela Gjoka", "Ilir Basha", "Dorina Leka", "Gentian Çela", "Ermira Doda", "Klodiana Marku"],
        ["XK"] = ["Blerta Krasniqi", "Arben Gashi", "Vjosa Berisha", "Driton Hoti", "Fatime Morina", "Labinot Shala", "Teuta Kelmendi", "Valon Bytyqi", "Mimoza Rexhepi", "Shpresa Hasani"],
        ["MK"] = ["Елена Стојановска", "Марко Трајковски", "Ана Петровска", "Горан Николовски", "Билјана Илиевска", "Дејан Јовановски", "Весна Ристовска", "Игор Димитриевски", "Снежана Митревска", "Марија Ангеловска"],
        ["ME"] = ["Milica Vuković", "Nikola Đukanović", "Jovana Radović", "Marko Popović", "Ivana Bošković", "Stefan Lakić", "Tamara Šćepanović", "Dragan Vujović", "Maja Kovačević", "Sanja Perović"],
        ["RS"] = ["Jelena Petrović", "Miloš Jovanović", "Ana Nikolić", "Nenad Marković", "Ivana Đorđević", "Vladimir Stojanović", "Marija Ilić", "Dušan Pavlović", "Tijana Stanković", "Dragana Milić"],
        ["BA"] = ["Amra Hodžić", "Emir Begić", "Lejla Hadžić", "Nermin Delić", "Selma Kovač", "Adnan Mehić", "Jasmina Šehić", "Haris Osmanović", "Dženana Karić", "Azra Mujić"],
    };

    /// <summary>
    /// Seeds an empty database with the demo organisations, users and <paramref name="cases"/> invented
    /// cases; on a demo database already seeded, adds the cases only. A database holding anything
    /// else is left alone (false).
    /// </summary>
    public async Task<bool> SeedAsync(int cases, CancellationToken ct)
    {
        if (await db.Organisations.AnyAsync(ct))
        {
            if (!await db.Users.AnyAsync(u => u.NormalizedEmail == SystemAdminEmail.ToUpperInvariant(), ct))
                return false;
            await AddDirectoryAsync(DateTime.UtcNow, ct);
            await AddCasesAsync(cases, ct);
            return true;
        }

        var now = DateTime.UtcNow;
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        // One hash for the shared demo password: hashing it 55 times would only slow the seed down.
        var passwordHash = hasher.HashPassword(new User(), Password);

        foreach (var (code, name) in Countries)
        {
            db.Countries.Add(new Country { Code = code, Name = name, ReflectionPeriodDays = code == "AL" ? 30 : code == "RS" ? 90 : 30 });
            var orgs = new Dictionary<OrgKind, Organisation>();
            foreach (var (kind, orgName) in Names[code])
            {
                var org = new Organisation
                {
                    Name = orgName,
                    CountryCode = code,
                    Type = kind switch
                    {
                        OrgKind.Coordinator => OrganisationType.CentralGovernmentOrganisation,
                        OrgKind.Police => OrganisationType.LawEnforcement,
                        OrgKind.SocialServices => OrganisationType.LocalGovernmentOrganisation,
                        OrgKind.International => OrganisationType.InternationalOrganisation,
                        _ => OrganisationType.NGO,
                    },
                    IsNationalCoordinatorOffice = kind == OrgKind.Coordinator,
                    IsIdentificationAuthority = kind == OrgKind.Police,
                    IsShelterOperator = kind == OrgKind.Shelter,
                    ReceivesHelpRequests = kind == OrgKind.Hotline,
                    CreatedAt = now,
                };
                orgs[kind] = org;
                db.Organisations.Add(org);
            }

            for (var i = 0; i < Logins.Count; i++)
            {
                var (login, role, kind) = Logins[i];
                AddUser(EmailOf(login, code), People[code][i], orgs[kind].Id, code, [roles[role]], passwordHash, now);
            }
            if (code == "AL")
                AddUser(SystemAdminEmail, "Ura Node Administrator", orgs[OrgKind.Coordinator].Id, code, [roles[Roles.SystemAdmin]], passwordHash, now);
        }
        audit.Record("demo.seed", detail: $"countries={Countries.Count}");
        await db.SaveChangesAsync(ct);
        await AddDirectoryAsync(now, ct);
        await AddCasesAsync(cases, ct);
        return true;
    }

    private async Task AddDirectoryAsync(DateTime now, CancellationToken ct)
    {
        if (await demoDirectory.SeedAsync(now, ct) is > 0 and var added)
        {
            audit.Record("demo.seed.directory", detail: $"services={added}");
            await db.SaveChangesAsync(ct);
        }
        if (await demoShelters.SeedAsync(now, ct) is > 0 and var facilities)
        {
            audit.Record("demo.seed.shelters", detail: $"facilities={facilities}");
            await db.SaveChangesAsync(ct);
        }
        if (await demoHelpPages.SeedAsync(now, ct) is > 0 and var helpPages)
        {
            audit.Record("demo.seed.helppages", detail: $"pages={helpPages}");
            await db.SaveChangesAsync(ct);
        }
        if (await demoAssessments.SeedAsync(now, ct) is > 0 and var programmes)
        {
            audit.Record("demo.seed.assessments", detail: $"programmes={programmes}");
            await db.SaveChangesAsync(ct);
        }
        if (await demoTrainings.SeedAsync(now, ct) is > 0 and var trainings)
        {
            audit.Record("demo.seed.trainings", detail: $"trainings={trainings}");
            await db.SaveChangesAsync(ct);
        }
        if (await demoHelpRequests.SeedAsync(now, ct) is > 0 and var helpRequests)
        {
            audit.Record("demo.seed.helprequests", detail: $"requests={helpRequests}");
            await db.SaveChangesAsync(ct);
        }
        if (await demoCampaigns.SeedAsync(now, ct) is > 0 and var campaigns)
        {
            audit.Record("demo.seed.campaigns", detail: $"campaigns={campaigns}");
            await db.SaveChangesAsync(ct);
        }
        if (await demoProvisions.SeedAsync(now, ct) is > 0 and var points)
        {
            audit.Record("demo.seed.provisions", detail: $"points={points}");
            await db.SaveChangesAsync(ct);
        }
        if (await demoProjects.SeedAsync(now, ct) is > 0 and var projects)
        {
            audit.Record("demo.seed.projects", detail: $"projects={projects}");
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task AddCasesAsync(int cases, CancellationToken ct)
    {
        if (await demoCases.SeedAsync(cases, ct) is > 0 and var added)
        {
            audit.Record("demo.seed.cases", detail: $"cases={added}");
            await db.SaveChangesAsync(ct);
        }
        // Referrals need the cases and the directory; only added once, to a demo without any.
        if (await demoReferrals.SeedAsync(ct) is > 0 and var referrals)
        {
            audit.Record("demo.seed.referrals", detail: $"referrals={referrals}");
            await db.SaveChangesAsync(ct);
        }
        if (await demoShelters.SeedResidentsAsync(DateTime.UtcNow, ct) is > 0 and var stays)
        {
            audit.Record("demo.seed.residents", detail: $"stays={stays}");
            await db.SaveChangesAsync(ct);
        }
    }

    private void AddUser(string email, string name, Guid organisationId, string countryCode, Guid[] roleIds, string passwordHash, DateTime now)
    {
        var user = new User
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = name,
            OrganisationId = organisationId,
            PreferredLanguage = countryCode switch { "AL" or "XK" => "sq", "MK" => "mk", "ME" or "RS" or "BA" => "sr-Latn", _ => "en" },
            PasswordHash = passwordHash,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            TwoFactorEnabled = true,
            CreatedAt = now,
        };
        db.Users.Add(user);
        foreach (var roleId in roleIds)
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
        db.UserTokens.Add(new IdentityUserToken<Guid>
        {
            UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = TwoFactorKey,
        });
    }
}
