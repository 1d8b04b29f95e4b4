using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>The case's consents, recording a new one, and withdrawing one; case team only (others get 404).</summary>
[Authorize]
public sealed class ConsentPageModel(CaseAccess access, ConsentRecords records, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<ConsentView> Consents { get; private set; } = [];
    public IReadOnlyList<ConsentOrganisationView> Organisations { get; private set; } = [];

    /// <summary>Today for a date input's value (ISO, whatever the reader's language).</summary>
    public string TodayText => access.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [BindProperty]
    public Form Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await access.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Case = found;
        Consents = await records.ListForAsync(found, HttpContext.RequestAborted);
        Organisations = await records.OrganisationChoicesAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var result = await records.RecordAsync(id, Input.ToConsentInput(), HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/cases/{id}/consent");
        ModelState.Clear();
        result.Errors.AddTo(ModelState, text);
        return await OnGetAsync(id);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid consentId, DateOnly? withdrawnOn, string? reason)
    {
        var result = await records.WithdrawAsync(id, consentId, new ConsentWithdrawalInput(withdrawnOn, reason), HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/cases/{id}/consent");
        ModelState.Clear();
        result.Errors.Select(e => e with { Field = "" }).AddTo(ModelState, text);
        return await OnGetAsync(id);
    }

    /// <summary>The page's form; countries typed as codes ("XK, MK").</summary>
    public sealed class Form
    {
        public List<string> Purposes { get; set; } = [];
        public List<Guid> Organisations { get; set; } = [];
        public List<string> OrganisationTypes { get; set; } = [];

        [StringLength(300, ErrorMessage = "Validation.TooLong"), Display(Name = "Consent.Field.Countries")]
        public string? Countries { get; set; }

        public bool ResearchUse { get; set; }

        [Display(Name = "Consent.Field.RetentionMonths")]
        public int? RetentionMonths { get; set; }

        public bool DataUseExplained { get; set; }
        public bool RightOfAccessExplained { get; set; }
        public bool WithdrawalExplained { get; set; }
        public string GivenBy { get; set; } = nameof(ConsentGiver.Person);

        [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Consent.Field.GiverName")]
        public string? GiverName { get; set; }

        [Display(Name = "Consent.Field.GivenOn")]
        public DateOnly? GivenOn { get; set; }

        public ConsentInput ToConsentInput() => new()
        {
            Purposes = Purposes,
            SharedWithOrganisations = Organisations,
            SharedWithOrganisationTypes = OrganisationTypes,
            CrossBorderCountries = [.. (Countries ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries).Select(c => c.ToUpperInvariant())],
            ResearchUse = ResearchUse,
            RetentionMonths = RetentionMonths ?? 0,
            DataUseExplained = DataUseExplained,
            RightOfAccessExplained = RightOfAccessExplained,
            WithdrawalExplained = WithdrawalExplained,
            GivenBy = GivenBy,
            GiverName = GiverName,
            GivenOn = GivenOn,
        };
    }
}
