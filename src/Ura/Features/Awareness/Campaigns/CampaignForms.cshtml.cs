using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Awareness.Campaigns;

/// <summary>
/// The campaign form as posted. Amounts and scores are read as text so that both "62.5" and "62,5"
/// are understood whatever the page's language; partners come one per line.
/// </summary>
public sealed class CampaignForm
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Campaigns.Field.Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Campaigns.Field.Objective")]
    public string? Objective { get; set; }

    public List<string> TargetGroups { get; set; } = [];
    public List<string> Channels { get; set; } = [];

    [Display(Name = "Campaigns.Field.StartsOn")]
    public DateOnly? StartsOn { get; set; }

    [Display(Name = "Campaigns.Field.EndsOn")]
    public DateOnly? EndsOn { get; set; }

    [StringLength(2000, ErrorMessage = "Campaigns.PartnersTooLong"), Display(Name = "Campaigns.Field.Partners")]
    public string? Partners { get; set; }

    [Display(Name = "Campaigns.Field.BudgetAmount")]
    public string? BudgetAmount { get; set; }

    [StringLength(3, ErrorMessage = "Campaigns.CurrencyInvalid"), Display(Name = "Campaigns.Field.BudgetCurrency")]
    public string? BudgetCurrency { get; set; }

    [Display(Name = "Campaigns.Field.SurveyRespondentsBefore")]
    public int? SurveyRespondentsBefore { get; set; }

    [Display(Name = "Campaigns.Field.SurveyScoreBefore")]
    public string? SurveyScoreBefore { get; set; }

    [Display(Name = "Campaigns.Field.SurveyRespondentsAfter")]
    public int? SurveyRespondentsAfter { get; set; }

    [Display(Name = "Campaigns.Field.SurveyScoreAfter")]
    public string? SurveyScoreAfter { get; set; }

    /// <summary>The input for <see cref="CampaignCommands"/>; a number that cannot be read becomes a rule error.</summary>
    public CampaignInput ToInput(List<RuleError> unreadable) => new()
    {
        Name = Name, Objective = Objective, TargetGroups = TargetGroups, Channels = Channels, StartsOn = StartsOn, EndsOn = EndsOn,
        Partners = CampaignCommands.PartnerList(Partners?.Replace("\r", "", StringComparison.Ordinal)),
        BudgetAmount = Number(BudgetAmount, nameof(BudgetAmount), unreadable), BudgetCurrency = BudgetCurrency,
        SurveyRespondentsBefore = SurveyRespondentsBefore, SurveyScoreBefore = Number(SurveyScoreBefore, nameof(SurveyScoreBefore), unreadable),
        SurveyRespondentsAfter = SurveyRespondentsAfter, SurveyScoreAfter = Number(SurveyScoreAfter, nameof(SurveyScoreAfter), unreadable),
    };

    public static CampaignForm Of(CampaignInput i) => new()
    {
        Name = i.Name, Objective = i.Objective, TargetGroups = i.TargetGroups, Channels = i.Channels, StartsOn = i.StartsOn, EndsOn = i.EndsOn,
        Partners = string.Join('\n', i.Partners), BudgetAmount = Show(i.BudgetAmount), BudgetCurrency = i.BudgetCurrency,
        SurveyRespondentsBefore = i.SurveyRespondentsBefore, SurveyScoreBefore = Show(i.SurveyScoreBefore),
        SurveyRespondentsAfter = i.SurveyRespondentsAfter, SurveyScoreAfter = Show(i.SurveyScoreAfter),
    };

    /// <summary>Reads "1234.5" or "1234,5"; empty is no value.</summary>
    public static decimal? Number(string? raw, string field, List<RuleError> unreadable)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        if (decimal.TryParse(raw.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return value;
        unreadable.Add(new(field, "Validation.Number"));
        return null;
    }

    private static string? Show(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>What the shared campaign fields need from their page.</summary>
public interface ICampaignFormPage
{
    CampaignForm Input { get; }
}

/// <summary>A new campaign of the outreach officer's organisation.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class CampaignNewModel(CampaignCommands campaigns, IStringLocalizer<Text> text) : PageModel, ICampaignFormPage
{
    [BindProperty]
    public CampaignForm Input { get; set; } = new();

    public void OnGet()
    {
        Input.StartsOn = campaigns.Today;
        Input.EndsOn = campaigns.Today.AddMonths(3);
        Input.BudgetCurrency = "EUR";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var unreadable = new List<RuleError>();
        var input = Input.ToInput(unreadable);
        if (!ModelState.IsValid || unreadable.Count > 0)
        {
            unreadable.AddTo(ModelState, text);
            return Page();
        }
        var result = await campaigns.CreateAsync(input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/awareness/campaigns/{result.Value!.Id}");
    }
}

/// <summary>Changes a campaign of the outreach officer's organisation; another organisation's campaign is not found.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class CampaignEditModel(CampaignCommands campaigns, IStringLocalizer<Text> text) : PageModel, ICampaignFormPage
{
    [BindProperty]
    public CampaignForm Input { get; set; } = new();

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await campaigns.ForEditAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Id = id;
        Input = CampaignForm.Of(found);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await campaigns.OwnAsync(id, HttpContext.RequestAborted) is null)
            return NotFound();
        Id = id;
        var unreadable = new List<RuleError>();
        var input = Input.ToInput(unreadable);
        if (!ModelState.IsValid || unreadable.Count > 0)
        {
            unreadable.AddTo(ModelState, text);
            return Page();
        }
        var result = await campaigns.ChangeAsync(id, input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/awareness/campaigns/{id}");
    }
}
