using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Localization;
using Ura.Resources;

namespace Ura.Features.Awareness.HelpRequests;

/// <summary>
/// The public, anonymous request for help. No account, no cookie: the signed form token and a hidden
/// honeypot field stand in for antiforgery; a per-address hourly limit and a per-country daily cap
/// stop floods. Emergency guidance is shown above the form and again, first, after sending.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class HelpRequestFormModel(HelpRequestIntake intake, HelpRequestFormToken tokens, HelpRequestRateLimit rateLimit,
    IStringLocalizer<Text> text) : PageModel
{
    /// <summary>The country of the address, upper case (AL).</summary>
    public string Country { get; private set; } = "";

    public string Language { get; private set; } = "";

    [BindProperty]
    public HelpRequestInput Input { get; set; } = new();

    /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
    [BindProperty(Name = "website")]
    public string? Honeypot { get; set; }

    [BindProperty(Name = "token")]
    public string? Token { get; set; }

    /// <summary>Set once the request has been sent (after the redirect), with the danger answer given.</summary>
    [BindProperty(Name = "sent", SupportsGet = true)]
    public string? Sent { get; set; }

    public IReadOnlyList<string> Countries { get; private set; } = [];

    /// <summary>The form is not offered: the inbox is full for today, or nobody in the country receives requests.</summary>
    public string? ClosedKey { get; private set; }

    /// <summary>A refusal of the whole submission (too many, too fast, honeypot), in plain words.</summary>
    public string? RefusalKey { get; private set; }

    public bool InDanger => Sent == nameof(DangerNow.Yes);

    public async Task<IActionResult> OnGetAsync(string cc, string lang)
    {
        if (!await LoadAsync(cc, lang))
            return NotFound();
        if (Sent is not null)
            return Page();
        Input = new HelpRequestInput { Country = Country, Language = Language };
        Token = tokens.Issue();
        await CheckOpenAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string cc, string lang)
    {
        if (!await LoadAsync(cc, lang))
            return NotFound();
        Sent = null;
        var ct = HttpContext.RequestAborted;
        // The address is only a key of the in-memory limiter; it is not stored anywhere.
        if (!rateLimit.TryTake(HttpContext.Connection.RemoteIpAddress?.ToString()))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            RefusalKey = "HelpRequests.Form.TooMany";
            return Page();
        }
        var check = tokens.Check(Token);
        if (!string.IsNullOrEmpty(Honeypot) || check is FormTokenCheck.Invalid or FormTokenCheck.TooFast)
            return Refuse("HelpRequests.Form.Refused");
        if (check == FormTokenCheck.Expired)
            return Refuse("HelpRequests.Form.Expired");
        if (!ModelState.IsValid)
            return Refuse(null);

        var (outcome, errors) = await intake.SubmitAsync(Input, ct);
        switch (outcome)
        {
            case IntakeOutcome.Stored:
                return Redirect($"/help/{Input.Country.ToLowerInvariant()}/{lang}/request?sent={Uri.EscapeDataString(Input.Danger)}");
            case IntakeOutcome.DailyCapReached:
                ClosedKey = "HelpRequests.Form.Full";
                return Refuse(null, StatusCodes.Status503ServiceUnavailable);
            case IntakeOutcome.NoReceiver:
                ClosedKey = "HelpRequests.Form.NoReceiver";
                return Refuse(null, StatusCodes.Status503ServiceUnavailable);
            default:
                errors.AddTo(ModelState, text);
                return Refuse(null);
        }
    }

    /// <summary>Shows the form again with what was typed and a fresh token; nothing was stored.</summary>
    private PageResult Refuse(string? refusalKey, int status = StatusCodes.Status400BadRequest)
    {
        RefusalKey = refusalKey;
        Response.StatusCode = status;
        Token = tokens.Issue();
        return Page();
    }

    private async Task<bool> LoadAsync(string cc, string lang)
    {
        if (!Languages.IsSupported(lang) || await intake.CountryAsync(cc, HttpContext.RequestAborted) is not { } country)
            return false;
        Country = country;
        Language = lang;
        Countries = await intake.CountryCodesAsync(HttpContext.RequestAborted);
        return true;
    }

    private async Task CheckOpenAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!await intake.ReceivedInAsync(Country, ct))
            ClosedKey = "HelpRequests.Form.NoReceiver";
        else if (await intake.DailyCapReachedAsync(Country, ct))
            ClosedKey = "HelpRequests.Form.Full";
    }
}
