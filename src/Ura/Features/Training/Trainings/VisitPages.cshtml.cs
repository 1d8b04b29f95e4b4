using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Training.Trainings;

/// <summary>Exchange visits the user may read.</summary>
[Authorize(Policy = Policies.ProgrammeReader)]
public sealed class VisitListModel(ExchangeVisits visits, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<ExchangeVisitSummary> Visits { get; private set; } = [];
    public bool CanRecord => user.IsInRole(Roles.OutreachOfficer);

    public async Task OnGetAsync() => Visits = await visits.ListAsync(Year, HttpContext.RequestAborted);
}

/// <summary>Records an exchange visit for the outreach officer's organisation.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class VisitNewModel(ExchangeVisits visits, TrainingRegister register, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public ExchangeVisitInput Input { get; set; } = new();

    public IReadOnlyList<OrganisationRef> Organisations { get; private set; } = [];

    public async Task OnGetAsync() => Organisations = await register.OrganisationsAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Organisations = await register.OrganisationsAsync(HttpContext.RequestAborted);
        if (!ModelState.IsValid)
            return Page();
        var result = await visits.CreateAsync(Input, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/training/visits/{result.Value!.Id}");
    }
}

/// <summary>One exchange visit, in the reader's scope.</summary>
[Authorize(Policy = Policies.ProgrammeReader)]
public sealed class VisitDetailModel(ExchangeVisits visits) : PageModel
{
    public ExchangeVisitView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await visits.GetAsync(id, HttpContext.RequestAborted) is not { } view)
            return NotFound();
        View = view;
        return Page();
    }
}
