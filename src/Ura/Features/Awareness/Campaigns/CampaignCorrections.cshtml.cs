using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Awareness.Campaigns;

// Correcting and removing what an outreach officer recorded by mistake. Every page loads the activity or
// material through CampaignCommands' scoped queries: another organisation's, or one of another campaign, is 404.

/// <summary>Corrects an activity of a campaign of the outreach officer's own organisation.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class ActivityEditModel(CampaignCommands campaigns, IStringLocalizer<Text> text) : PageModel, IActivityFormPage
{
    [BindProperty]
    public ActivityForm Input { get; set; } = new();

    public Campaign Campaign { get; private set; } = null!;

    public PeopleGridForm Grid => new() { People = Input.People };

    public async Task<IActionResult> OnGetAsync(Guid id, Guid activityId)
    {
        if (await campaigns.OwnActivityAsync(id, activityId, HttpContext.RequestAborted) is not var (campaign, activity))
            return NotFound();
        Campaign = campaign;
        Input = ActivityForm.Of(activity);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid activityId)
    {
        if (await campaigns.OwnActivityAsync(id, activityId, HttpContext.RequestAborted) is not var (campaign, _))
            return NotFound();
        Campaign = campaign;
        if (!Grid.TryRead(out var reach))
            ModelState.AddModelError("Input.Reach", text["Validation.Number"]);
        if (!ModelState.IsValid)
            return Page();
        var result = await campaigns.ChangeActivityAsync(id, activityId, Input.ToInput(reach), HttpContext.RequestAborted);
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

/// <summary>Asks before removing an activity recorded by mistake, then removes it.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class ActivityRemoveModel(CampaignCommands campaigns) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;

    public CampaignActivity Activity { get; private set; } = null!;

    public int PeopleReached => Activity.Reach.Sum(r => r.People);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid activityId)
    {
        if (await campaigns.OwnActivityAsync(id, activityId, HttpContext.RequestAborted) is not var (campaign, activity))
            return NotFound();
        (Campaign, Activity) = (campaign, activity);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid activityId) =>
        (await campaigns.RemoveActivityAsync(id, activityId, HttpContext.RequestAborted)).Found
            ? LocalRedirect($"/awareness/campaigns/{id}#activities")
            : NotFound();
}

/// <summary>Corrects a material of a campaign of the outreach officer's own organisation.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class MaterialEditModel(CampaignCommands campaigns, IStringLocalizer<Text> text) : PageModel, IMaterialFormPage
{
    [BindProperty]
    public MaterialInput Input { get; set; } = new();

    public Campaign Campaign { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid materialId)
    {
        if (await campaigns.OwnMaterialAsync(id, materialId, HttpContext.RequestAborted) is not var (campaign, material))
            return NotFound();
        Campaign = campaign;
        Input = new() { Title = material.Title, Kind = material.Kind.ToString(), Quantity = material.Quantity, Language = material.Language };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid materialId)
    {
        if (await campaigns.OwnMaterialAsync(id, materialId, HttpContext.RequestAborted) is not var (campaign, _))
            return NotFound();
        Campaign = campaign;
        if (!ModelState.IsValid)
            return Page();
        var result = await campaigns.ChangeMaterialAsync(id, materialId, Input, HttpContext.RequestAborted);
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

/// <summary>Asks before removing a material recorded by mistake, then removes it.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class MaterialRemoveModel(CampaignCommands campaigns) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;

    public CampaignMaterial Material { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid materialId)
    {
        if (await campaigns.OwnMaterialAsync(id, materialId, HttpContext.RequestAborted) is not var (campaign, material))
            return NotFound();
        (Campaign, Material) = (campaign, material);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid materialId) =>
        (await campaigns.RemoveMaterialAsync(id, materialId, HttpContext.RequestAborted)).Found
            ? LocalRedirect($"/awareness/campaigns/{id}#materials")
            : NotFound();
}
