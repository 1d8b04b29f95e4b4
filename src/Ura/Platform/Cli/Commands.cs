using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Account;
using Ura.Features.Admin;
using Ura.Features.Identification;
using Ura.Platform.Audit;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Platform.Web;

namespace Ura.Platform.Cli;

/// <summary>
/// <c>ura &lt;command&gt;</c>. Every command builds the same application (configuration, keys, database)
/// and runs inside a service scope; <c>serve</c> is the default.
/// </summary>
public static partial class Commands
{
    private const string Usage = """
        Usage: ura <command> [options]     (dotnet run --project src/Ura -- <command>)

          serve [--demo] [--urls URL]        run Ura (default command); --demo seeds demo data on an empty database
          migrate                            apply database migrations
          demo seed [--cases N]              create demo countries, organisations, users and N cases (default 300);
                                             on a demo database, add N more cases
          demo code [EMAIL]                  print the current two-factor code of a demo user
          countries add CODE NAME [--reflection-days N]
                                             add a country served by this node (ISO code; XK for Kosovo)
          organisations add NAME --country CODE [--type TYPE] [--identification-authority]
                            [--coordinator-office] [--shelter-operator]
                                             add an organisation (TYPE: an HTCDS organisation type, default NGO)
          users add EMAIL --org ORG --role ROLE [--role ROLE] [--name NAME]
                                             create a user; prints a one-time password
          users token EMAIL [--name NAME] [--days N]
                                             create an API token for the user and print it
          audit verify                       recompute the audit hash chain; exit code 1 if broken
          screening import FILE              import a screening instrument (JSON, format ura-screening-instrument/1)
          directory export [FILE|-]          write the whole service directory as one HSDS JSON document (default: standard output)
          directory import FILE              check an HSDS directory document and apply it all or nothing
          node init --id ID --country CODE --url URL
                                             create this node's federation keys (once; peers pin them)
          node card                          print this node's public card (JSON) and its fingerprint
          peers add CARD_FILE [--fingerprint FP]
                                             show a peer's fingerprint and pin it after you confirm (or FP matches)
          peers list                         list pinned peers
          peers remove ID                    unpin a peer
          peers ping ID [--count N] [--correlations K] [--every MS]
                                             queue N test messages for a peer, in K conversations, one every MS
                                             milliseconds (default: at once); the running service delivers them

        Configuration: appsettings.json or environment, e.g. Ura__Database__Provider=Postgres,
        Ura__Database__ConnectionString=..., Ura__DataDirectory=..., Ura__Keys__KeyEncryptionKeyFile=...
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        var options = args.Skip(words.Count).ToList();
        var command = string.Join(' ', words.Take(2));
        try
        {
            return words.FirstOrDefault() switch
            {
                null or "serve" => await ServeAsync(options),
                "migrate" => await InScope(options, MigrateAsync),
                // A demo command: like serve --demo, it may generate the demo key.
                "demo" when words.ElementAtOrDefault(1) == "seed" => await InScope([.. options, "--Ura:Demo=true"], (s, o) => SeedAsync(s, o)),
                "demo" when words.ElementAtOrDefault(1) == "code" => DemoCode(words.ElementAtOrDefault(2)),
                "countries" when words.ElementAtOrDefault(1) == "add" && words.Count == 4 => await InScope(options, (s, o) => AddCountryAsync(s, words[2], words[3], o)),
                "organisations" when words.ElementAtOrDefault(1) == "add" && words.Count == 3 => await InScope(options, (s, o) => AddOrganisationAsync(s, words[2], o)),
                "users" when words.ElementAtOrDefault(1) == "add" && words.Count == 3 => await InScope(options, (s, o) => AddUserAsync(s, words[2], o)),
                "users" when words.ElementAtOrDefault(1) == "token" && words.Count == 3 => await InScope(options, (s, o) => TokenAsync(s, words[2], o)),
                "audit" when words.ElementAtOrDefault(1) == "verify" => await InScope(options, VerifyAsync),
                "screening" when words.ElementAtOrDefault(1) == "import" && words.Count == 3 => await InScope(options, (s, _) => ImportInstrumentAsync(s, words[2])),
                "directory" when words.ElementAtOrDefault(1) == "export" && words.Count <= 3 => await InScope(options, (s, _) => ExportDirectoryAsync(s, words.ElementAtOrDefault(2))),
                "directory" when words.ElementAtOrDefault(1) == "import" && words.Count == 3 => await InScope(options, (s, _) => ImportDirectoryAsync(s, words[2])),
                "node" when words.ElementAtOrDefault(1) == "init" && words.Count == 2 => await InScope(options, InitNodeAsync),
                "node" when words.ElementAtOrDefault(1) == "card" && words.Count == 2 => await InScope(options, PrintCardAsync),
                "peers" when words.ElementAtOrDefault(1) == "add" && words.Count == 3 => await InScope(options, (s, o) => AddPeerAsync(s, words[2], o)),
                "peers" when words.ElementAtOrDefault(1) == "list" && words.Count == 2 => await InScope(options, ListPeersAsync),
                "peers" when words.ElementAtOrDefault(1) == "remove" && words.Count == 3 => await InScope(options, (s, _) => RemovePeerAsync(s, words[2])),
                "peers" when words.ElementAtOrDefault(1) == "ping" && words.Count == 3 => await InScope(options, (s, o) => PingPeerAsync(s, words[2], o)),
                "help" => Print(Usage, 0),
                _ => Print($"Unknown command '{command}'.\n\n{Usage}", 2),
            };
        }
        catch (UsageException e)
        {
            return Print($"{e.Message}\n\n{Usage}", 2);
        }
    }

    private static int Print(string text, int code)
    {
        (code == 0 ? Console.Out : Console.Error).WriteLine(text);
        return code;
    }

    private static async Task<int> ServeAsync(List<string> options)
    {
        var demo = Flag(options, "--demo");
        if (demo)
            options.Add("--Ura:Demo=true");
        if (!options.Any(o => o.StartsWith("--urls", StringComparison.Ordinal))
            && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null && Environment.GetEnvironmentVariable("URLS") is null)
            options.AddRange(["--urls", "http://localhost:5080"]);

        var app = UraApp.Build(UraApp.CreateBuilder([.. options]));
        await app.StartAsync();
        if (demo)
            Console.WriteLine(DemoBanner(app.Urls.FirstOrDefault() ?? "http://localhost:5080"));
        else
            Console.WriteLine($"Ura is running at {string.Join(", ", app.Urls)}. Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync();
        return 0;
    }

    internal static string DemoBanner(string url)
    {
        var rows = string.Join("\n", DemoData.Logins.Select(l => $"    {l.Role,-22} {DemoData.EmailOf(l.Login, "al")}"));
        return $"""

            ==================================================================================
             URA DEMO at {url}   (demo data only: never enter real cases here)
            ==================================================================================
             Sign in with any of these (Albania shown; use .xk .mk .me .rs .ba for the others):
            {rows}
                {"SystemAdmin",-22} {DemoData.SystemAdminEmail}

             Password for every demo user:  {DemoData.Password}
             Two-factor key for every demo user (add it to an authenticator app):
                                            {DemoData.TwoFactorKey}
             Or print the current code:     dotnet run --project src/Ura -- demo code
            ==================================================================================

            """;
    }

    private static int DemoCode(string? email)
    {
        if (email is not null && !email.EndsWith("@" + DemoData.EmailDomain, StringComparison.OrdinalIgnoreCase))
            return Print("Only demo users have a known two-factor key.", 2);
        return Print(Totp.Code(DemoData.TwoFactorKey, DateTimeOffset.UtcNow), 0);
    }

    private static async Task<int> InScope(List<string> options, Func<IServiceProvider, List<string>, Task<int>> run)
    {
        // Options that are ours are consumed by the command; the rest (--Ura:...) configure the host.
        var hostArgs = options.Where(o => o.StartsWith("--Ura:", StringComparison.Ordinal) || o.StartsWith("--environment", StringComparison.Ordinal)).ToArray();
        options.RemoveAll(hostArgs.Contains);
        var builder = UraApp.CreateBuilder(hostArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = UraApp.Build(builder);
        await using var scope = app.Services.CreateAsyncScope();
        if (run != MigrateAsync)
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<UraDbContext>(), CancellationToken.None);
        return await run(scope.ServiceProvider, options);
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, List<string> _)
    {
        var db = services.GetRequiredService<UraDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
        return Print(pending.Count == 0 ? "The database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}", 0);
    }

    private static async Task<int> SeedAsync(IServiceProvider services, List<string> options)
    {
        var cases = IntOption(options, "--cases") ?? services.GetRequiredService<IOptions<UraOptions>>().Value.DemoCases;
        var seeded = await services.GetRequiredService<DemoData>().SeedAsync(cases, CancellationToken.None);
        if (!seeded)
            return Print("The database holds real organisations; demo data was not added.", 2);
        var total = await services.GetRequiredService<UraDbContext>().Cases.CountAsync();
        return Print(DemoBanner("http://localhost:5080") + $"\n Cases: {total}", 0);
    }

    private static async Task<int> AddCountryAsync(IServiceProvider services, string code, string name, List<string> options)
    {
        var input = new NewCountry { Code = code, Name = name, ReflectionPeriodDays = IntOption(options, "--reflection-days") ?? 30 };
        if (ShapeErrors(input) is { Count: > 0 } shape)
            return Refused(services, shape);
        var result = await services.GetRequiredService<CountryCommands>().AddAsync(input, CancellationToken.None);
        return result.Succeeded ? Print($"Added {input.Code.ToUpperInvariant()} {input.Name}.", 0) : Refused(services, result.Errors);
    }

    private static async Task<int> AddOrganisationAsync(IServiceProvider services, string name, List<string> options)
    {
        var input = new OrganisationInput
        {
            Name = name,
            CountryCode = StringOption(options, "--country") ?? throw new UsageException("--country is required."),
            Type = StringOption(options, "--type") ?? nameof(OrganisationType.NGO),
            IsIdentificationAuthority = Flag(options, "--identification-authority"),
            IsNationalCoordinatorOffice = Flag(options, "--coordinator-office"),
            IsShelterOperator = Flag(options, "--shelter-operator"),
        };
        if (ShapeErrors(input) is { Count: > 0 } shape)
            return Refused(services, shape);
        var result = await services.GetRequiredService<OrganisationCommands>().CreateAsync(input, CancellationToken.None);
        return result.Succeeded ? Print($"Added {result.Value!.Name} ({result.Value.Id}).", 0) : Refused(services, result.Errors);
    }

    /// <summary>The same data-annotation checks the pages and the API apply before any business rule.</summary>
    private static List<RuleError> ShapeErrors(object input)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(input, new(input), results, validateAllProperties: true);
        return results.Select(r => new RuleError(r.MemberNames.FirstOrDefault() ?? "", r.ErrorMessage ?? "Validation.Invalid")).ToList();
    }

    /// <summary>Rule errors in English, one a line.</summary>
    private static int Refused(IServiceProvider services, IEnumerable<RuleError> errors)
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        var text = services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Ura.Resources.Text>>();
        return Print(string.Join("\n", errors.Select(e => (e.Field.Length > 0 ? e.Field + ": " : "") + text[e.MessageKey])), 1);
    }

    private static async Task<int> AddUserAsync(IServiceProvider services, string email, List<string> options)
    {
        var org = StringOption(options, "--org") ?? throw new UsageException("--org is required (organisation name or id).");
        var roles = new List<string>();
        while (StringOption(options, "--role") is { } role)
            roles.Add(Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}."));
        if (roles.Count == 0)
            throw new UsageException("At least one --role is required.");
        var name = StringOption(options, "--name") ?? email;

        var db = services.GetRequiredService<UraDbContext>();
        var organisation = Guid.TryParse(org, out var id)
            ? await db.Organisations.FirstOrDefaultAsync(o => o.Id == id)
            : await db.Organisations.FirstOrDefaultAsync(o => o.Name == org);
        if (organisation is null)
            return Print($"No organisation '{org}'.", 1);

        var password = UserAccounts.NewPassword();
        var result = await services.GetRequiredService<UserAccounts>().CreateAsync(email, name, organisation.Id, roles, password, CancellationToken.None);
        if (!result.Succeeded)
            return Print(string.Join("\n", result.Errors.Select(e => e.Description)), 1);
        return Print($"Created {email} at {organisation.Name} ({string.Join(", ", roles)}).\nOne-time password: {password}\nThey must change it and enrol two-factor sign-in where their role requires it.", 0);
    }

    private static async Task<int> TokenAsync(IServiceProvider services, string email, List<string> options)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
            return Print($"No user '{email}'.", 1);
        var days = IntOption(options, "--days") ?? 90;
        if (days is < 1 or > 365)
            throw new UsageException("--days must be between 1 and 365.");
        var secret = await services.GetRequiredService<TokenCommands>()
            .CreateAsync(user.Id, StringOption(options, "--name") ?? "command line", days, CancellationToken.None);
        return Print(secret, 0);
    }

    private static async Task<int> VerifyAsync(IServiceProvider services, List<string> _)
    {
        var result = await AuditChain.VerifyAsync(services.GetRequiredService<UraDbContext>(), CancellationToken.None);
        return result.Problem is null
            ? Print($"Audit chain intact: {result.EventsChecked} events verified. Head: {result.Head}\n" +
                "Record the head elsewhere: events removed from the end leave no gap, so only an earlier head reveals them.", 0)
            : Print($"AUDIT CHAIN BROKEN at event {result.BrokenAtSequence}: {result.Problem}. {result.EventsChecked} events before it verified.", 1);
    }

    private static async Task<int> ImportInstrumentAsync(IServiceProvider services, string file)
    {
        if (!File.Exists(file))
            return Print($"No file '{file}'.", 1);
        if (new FileInfo(file).Length > InstrumentDocument.MaxLength)
            return Print($"{file} is larger than {InstrumentDocument.MaxLength} bytes.", 1);
        var result = await services.GetRequiredService<InstrumentCommands>().ImportAsync(await File.ReadAllTextAsync(file), CancellationToken.None);
        if (result.Succeeded)
            return Print($"Imported {result.Instrument!.Key} version {result.Instrument.Version} ({result.Instrument.Status}); it is now the current version.", 0);
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        var text = services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Ura.Resources.Text>>();
        return Print($"{file} was not imported:\n" + string.Join("\n", result.Messages(text)), 1);
    }

    private static async Task<int> ExportDirectoryAsync(IServiceProvider services, string? file)
    {
        var document = await services.GetRequiredService<Features.Directory.Hsds.DirectoryExchange>().ExportAsync(CancellationToken.None);
        var json = System.Text.Json.JsonSerializer.Serialize(document, Features.Directory.Hsds.HsdsJson.Options);
        if (file is null or "-")
            return Print(json, 0);
        await File.WriteAllTextAsync(file, json);
        var serviceCount = document.Organizations.Sum(o => o.Services?.Count ?? 0);
        return Print($"Exported {document.Organizations.Count} organisations and {serviceCount} services to {file}.", 0);
    }

    private static async Task<int> ImportDirectoryAsync(IServiceProvider services, string file)
    {
        if (!File.Exists(file))
            return Print($"No file '{file}'.", 1);
        if (new FileInfo(file).Length > Features.Directory.Hsds.DirectoryExchange.MaxLength)
            return Print($"{file} is larger than {Features.Directory.Hsds.DirectoryExchange.MaxLength} bytes.", 1);
        var result = await services.GetRequiredService<Features.Directory.Hsds.DirectoryExchange>().ImportAsync(await File.ReadAllTextAsync(file), CancellationToken.None);
        return result.Succeeded
            ? Print($"Imported {result.Organisations} organisations and {result.Services} services from {file}.", 0)
            : Print($"{file} was not imported; nothing was changed:\n" + string.Join("\n", result.Errors), 1);
    }

    private static bool Flag(List<string> options, string name) => options.Remove(name);

    private static string? StringOption(List<string> options, string name)
    {
        var i = options.IndexOf(name);
        if (i < 0)
            return null;
        if (i + 1 >= options.Count)
            throw new UsageException($"{name} needs a value.");
        var value = options[i + 1];
        options.RemoveRange(i, 2);
        return value;
    }

    private static int? IntOption(List<string> options, string name) =>
        StringOption(options, name) is { } text
            ? int.TryParse(text, out var n) && n >= 0 ? n : throw new UsageException($"{name} must be a whole number.")
            : null;

    private sealed class UsageException(string message) : Exception(message);
}
