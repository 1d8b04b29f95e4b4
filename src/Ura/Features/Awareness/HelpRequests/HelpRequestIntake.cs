using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Platform.Data;
using Ura.Platform.Localization;

namespace Ura.Features.Awareness.HelpRequests;

/// <summary>The <c>Ura:HelpRequests</c> settings.</summary>
public sealed class HelpRequestOptions
{
    public const string Section = "Ura:HelpRequests";

    /// <summary>Requests one client address may send per hour.</summary>
    public int PerHour { get; set; } = 5;

    /// <summary>Requests a country's inbox takes per day (UTC); after that the form asks people to call instead.</summary>
    public int PerCountryPerDay { get; set; } = 500;
}

/// <summary>What a person fills in on the public form.</summary>
public sealed class HelpRequestInput
{
    public const int MaxAccountLength = 4000;
    public const int MaxContactLength = 300;

    [Required(ErrorMessage = "Validation.Required"), StringLength(MaxAccountLength, ErrorMessage = "HelpRequests.Form.AccountTooLong"), Display(Name = "HelpRequests.Field.Account")]
    public string Account { get; set; } = "";

    [StringLength(MaxContactLength, ErrorMessage = "HelpRequests.Form.ContactTooLong"), Display(Name = "HelpRequests.Field.SafeContact")]
    public string? SafeContact { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string Language { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    public string Country { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    public string Danger { get; set; } = "";
}

/// <summary>What became of a submission.</summary>
public enum IntakeOutcome
{
    Stored,
    Refused,
    DailyCapReached,
    NoReceiver,
}

/// <summary>
/// Takes anonymous requests from the public form into the country's inbox. Stores what the person
/// wrote and nothing about their connection; refuses once the country's daily cap is reached.
/// </summary>
public sealed class HelpRequestIntake(UraDbContext db, TimeProvider clock, IOptions<HelpRequestOptions> options)
{
    /// <summary>A country shown on the public pages (by its lower-case code in the URL), or null.</summary>
    public Task<string?> CountryAsync(string? code, CancellationToken ct)
    {
        var upper = (code ?? "").ToUpperInvariant();
        return db.Countries.AsNoTracking().Where(c => c.Code == upper).Select(c => (string?)c.Code).SingleOrDefaultAsync(ct);
    }

    public Task<List<string>> CountryCodesAsync(CancellationToken ct) =>
        db.Countries.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct);

    /// <summary>Whether an active organisation of the country takes help requests.</summary>
    public Task<bool> ReceivedInAsync(string countryCode, CancellationToken ct) =>
        db.Organisations.AnyAsync(o => o.CountryCode == countryCode && o.ReceivesHelpRequests && o.IsActive, ct);

    public async Task<bool> DailyCapReachedAsync(string countryCode, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dayStart = new DateTime(now.Year, now.Month, now.Day, 0, 0, 0, DateTimeKind.Utc);
        var today = await db.HelpRequests.CountAsync(r => r.CountryCode == countryCode && r.ReceivedAt >= dayStart, ct);
        return today >= options.Value.PerCountryPerDay;
    }

    /// <summary>Checks the input against the rules and stores it; the errors say what to correct.</summary>
    public async Task<(IntakeOutcome Outcome, IReadOnlyList<RuleError> Errors)> SubmitAsync(HelpRequestInput input, CancellationToken ct)
    {
        var errors = new List<RuleError>();
        var country = await CountryAsync(input.Country, ct);
        if (country is null)
            errors.Add(new(nameof(HelpRequestInput.Country), "Validation.Invalid"));
        if (!Languages.IsSupported(input.Language))
            errors.Add(new(nameof(HelpRequestInput.Language), "Validation.Invalid"));
        if (!Enum.TryParse<DangerNow>(input.Danger, ignoreCase: false, out var danger) || !Enum.IsDefined(danger) || char.IsAsciiDigit(input.Danger[0]))
            errors.Add(new(nameof(HelpRequestInput.Danger), "HelpRequests.Form.DangerRequired"));
        var account = input.Account.Trim();
        if (account.Length == 0)
            errors.Add(new(nameof(HelpRequestInput.Account), "Validation.Required"));
        else if (account.Length > HelpRequestInput.MaxAccountLength)
            errors.Add(new(nameof(HelpRequestInput.Account), "HelpRequests.Form.AccountTooLong"));
        var contact = string.IsNullOrWhiteSpace(input.SafeContact) ? null : input.SafeContact.Trim();
        if (contact?.Length > HelpRequestInput.MaxContactLength)
            errors.Add(new(nameof(HelpRequestInput.SafeContact), "HelpRequests.Form.ContactTooLong"));
        if (errors.Count > 0)
            return (IntakeOutcome.Refused, errors);
        if (!await ReceivedInAsync(country!, ct))
            return (IntakeOutcome.NoReceiver, []);
        if (await DailyCapReachedAsync(country!, ct))
            return (IntakeOutcome.DailyCapReached, []);

        db.HelpRequests.Add(new HelpRequest
        {
            CountryCode = country!,
            Language = input.Language,
            Account = account,
            SafeContact = contact,
            Danger = danger,
            ReceivedAt = clock.GetUtcNow().UtcDateTime,
        });
        // No audit event: it would carry the sender's address, which must not be kept with the message.
        await db.SaveChangesAsync(ct);
        return (IntakeOutcome.Stored, []);
    }
}

/// <summary>Result of checking the form token.</summary>
public enum FormTokenCheck
{
    Valid,
    Invalid,
    TooFast,
    Expired,
}

/// <summary>
/// The bot check that replaces antiforgery on the public form (which sets no cookie): a token signed
/// with the Data Protection keys carrying the time the form was shown. Sent back sooner than a
/// person can write, or after the form sat open for hours, it is refused.
/// </summary>
public sealed class HelpRequestFormToken(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Fastest = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Oldest = TimeSpan.FromHours(2);

    private readonly IDataProtector protector = provider.CreateProtector("Ura.HelpRequests.FormToken");

    public string Issue() => Issue(clock.GetUtcNow());

    /// <summary>A token for a form shown at <paramref name="shownAt"/>; a random part makes each one different.</summary>
    public string Issue(DateTimeOffset shownAt) =>
        protector.Protect(shownAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));

    public FormTokenCheck Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return FormTokenCheck.Invalid;
        string payload;
        try
        {
            payload = protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return FormTokenCheck.Invalid;
        }
        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        if (separator < 1 || !long.TryParse(payload[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            return FormTokenCheck.Invalid;
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return age < Fastest ? FormTokenCheck.TooFast : age > Oldest ? FormTokenCheck.Expired : FormTokenCheck.Valid;
    }
}

/// <summary>
/// Requests per client address per hour, with the ASP.NET Core rate limiter's fixed windows. The
/// address is only a key in memory; it is never stored. Used by the form itself (not the middleware)
/// so the refusal is the public page, in the visitor's language, with the emergency numbers.
/// </summary>
public sealed class HelpRequestRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public HelpRequestRateLimit(IOptions<HelpRequestOptions> options)
    {
        var perHour = Math.Max(1, options.Value.PerHour);
        limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
    }

    /// <summary>Takes one permit for the address; false when its hour's requests are used up.</summary>
    public bool TryTake(string? address)
    {
        using var lease = limiter.AttemptAcquire(address ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Emergency numbers shown with every request for help: 112 everywhere, and the country's police.</summary>
public static class EmergencyNumbers
{
    public const string Europe = "112";

    private static readonly Dictionary<string, string> Police = new()
    {
        ["AL"] = "129",
        ["XK"] = "192",
        ["MK"] = "192",
        ["ME"] = "122",
        ["RS"] = "192",
        ["BA"] = "122",
    };

    /// <summary>The country's police number, or null when Ura does not know it (112 then serves).</summary>
    public static string? PoliceOf(string countryCode) => Police.GetValueOrDefault(countryCode.ToUpperInvariant());
}

/// <summary>What the emergency guidance box needs: the country, and whether the person said they are in danger now.</summary>
public sealed record EmergencyGuidance(string CountryCode, bool Urgent);
