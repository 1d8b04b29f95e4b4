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

/// <summary>The campaigns the reader may see, filtered by country and year.</summary>
[Authorize(Policy = Policies.ProgrammeReader)]
public sealed class CampaignListModel(CampaignCommands campaigns) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];
    public IReadOnlyList<string> Countries { get; private set; } = [];
    public bool CanRecord => campaigns.CanRecord;

    public async Task OnGetAsync()
    {
        Countries = await campaigns.CountriesAsync(HttpContext.RequestAborted);
        Campaigns = await campaigns.ListAsync(Country, Year, HttpContext.RequestAborted);
    }

    public static string Period(DateOnly from, DateOnly to) =>
        $"{from.ToString("d", CultureInfo.CurrentCulture)} – {to.ToString("d", CultureInfo.CurrentCulture)}";
}

/// <summary>One campaign: its plan, activities, people reached by sex and age band, materials and survey change.</summary>
[Authorize(Policy = Policies.ProgrammeReader)]
public sealed class CampaignDetailModel(CampaignCommands campaigns) : PageModel
{
    public CampaignView Campaign { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await campaigns.GetAsync(id, HttpContext.RequestAborted) is not { } view)
            return NotFound();
        Campaign = view;
        return Page();
    }

    public static string Number(decimal? value) => value?.ToString("0.##", CultureInfo.CurrentCulture) ?? "–";

    /// <summary>A change in points with its sign, so a drop reads as a drop.</summary>
    public static string Change(decimal value) => value.ToString("+0.##;-0.##;0", CultureInfo.CurrentCulture);
}

/// <summary>The activity form as posted: the day, place, channel, notes and the grid of people reached.</summary>
public sealed class ActivityForm
{
    [Display(Name = "Campaigns.Activity.HeldOn")]
    public DateOnly? HeldOn { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Campaigns.Activity.Place")]
    public string? Place { get; set; }

    public string? Channel { get; set; }

    [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Campaigns.Activity.Notes")]
    public string? Notes { get; set; }

    public Dictionary<string, string?> People { get; set; } = [];

    /// <summary>The input for <see cref="CampaignCommands"/>, with the grid already read.</summary>
    public ActivityInput ToInput(List<PeopleCountInput> reach) =>
        new() { HeldOn = HeldOn, Place = Place, Channel = Channel, Notes = Notes, Reach = reach };

    /// <summary>A recorded activity as the form shows it for correction.</summary>
    public static ActivityForm Of(CampaignActivity a) => new()
    {
        HeldOn = a.HeldOn, Place = a.Place, Channel = a.Channel.ToString(), Notes = a.Notes,
        People = PeopleGridForm.Of(a.Reach.Select(r => new PeopleCount(r.Sex, r.AgeBand, r.People))).People,
    };
}

/// <summary>What the shared activity fields (<c>_ActivityFields.cshtml</c>) need from their page.</summary>
public interface IActivityFormPage
{
    ActivityForm Input { get; }
    PeopleGridForm Grid { get; }
}

/// <summary>Records an activity of a campaign of the outreach officer's own organisation.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class ActivityNewModel(CampaignCommands campaigns, IStringLocalizer<Text> text) : PageModel, IActivityFormPage
{
    [BindProperty]
    public ActivityForm Input { get; set; } = new();

    public Campaign Campaign { get; private set; } = null!;

    public PeopleGridForm Grid => new() { People = Input.People };

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await campaigns.OwnAsync(id, HttpContext.RequestAborted) is not { } campaign)
            return NotFound();
        Campaign = campaign;
        Input.HeldOn = campaign.Covers(campaigns.Today) ? campaigns.Today : campaign.StartsOn;
        Input.Channel = campaign.ChannelList.Select(c => c.ToString()).FirstOrDefault();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await campaigns.OwnAsync(id, HttpContext.RequestAborted) is not { } campaign)
            return NotFound();
        Campaign = campaign;
        if (!Grid.TryRead(out var reach))
            ModelState.AddModelError("Input.Reach", text["Validation.Number"]);
        if (!ModelState.IsValid)
            return Page();
        var result = await campaigns.AddActivityAsync(id, Input.ToInput(reach), HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/awareness/campaigns/{id}#activities");
    }
}

/// <summary>Records material a campaign of the outreach officer's own organisation produced.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class MaterialNewModel(CampaignCommands campaigns, IStringLocalizer<Text> text) : PageModel, IMaterialFormPage
{
    [BindProperty]
    public MaterialInput Input { get; set; } = new();

    public Campaign Campaign { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await campaigns.OwnAsync(id, HttpContext.RequestAborted) is not { } campaign)
            return NotFound();
        Campaign = campaign;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await campaigns.OwnAsync(id, HttpContext.RequestAborted) is not { } campaign)
            return NotFound();
        Campaign = campaign;
        if (!ModelState.IsValid)
            return Page();
        var result = await campaigns.AddMaterialAsync(id, Input, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/awareness/campaigns/{id}#materials");
    }
}

/// <summary>What the shared material fields (<c>_MaterialFields.cshtml</c>) need from their page.</summary>
public interface IMaterialFormPage
{
    MaterialInput Input { get; }
}
