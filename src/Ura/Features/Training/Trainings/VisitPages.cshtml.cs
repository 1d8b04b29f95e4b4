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

/// <summary>What the shared visit fields need from their page.</summary>
public interface IVisitFormPage
{
    ExchangeVisitInput Input { get; }
    IReadOnlyList<OrganisationRef> Organisations { get; }
}

/// <summary>A page that records or corrects an exchange visit: the form, the directory's organisations to choose from, refusals shown beside the fields.</summary>
public abstract class VisitFormPage(TrainingRegister register, IStringLocalizer<Text> text) : PageModel, IVisitFormPage
{
    [BindProperty]
    public ExchangeVisitInput Input { get; set; } = new();

    public IReadOnlyList<OrganisationRef> Organisations { get; private set; } = [];

    protected async Task LoadChoicesAsync() => Organisations = await register.OrganisationsAsync(HttpContext.RequestAborted);

    protected IActionResult? Refused(CommandResult<ExchangeVisitView> result) => this.Refused(result, text);
}

/// <summary>Records an exchange visit for the outreach officer's organisation.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class VisitNewModel(ExchangeVisits visits, TrainingRegister register, IStringLocalizer<Text> text) : VisitFormPage(register, text)
{
    public Task OnGetAsync() => LoadChoicesAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadChoicesAsync();
        if (!ModelState.IsValid)
            return Page();
        var result = await visits.CreateAsync(Input, HttpContext.RequestAborted);
        return Refused(result) ?? LocalRedirect($"/training/visits/{result.Value!.Id}");
    }
}

/// <summary>Corrects an exchange visit the outreach officer's organisation recorded; another organisation's is not found.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class VisitEditModel(ExchangeVisits visits, TrainingRegister register, IStringLocalizer<Text> text) : VisitFormPage(register, text)
{
    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await visits.ForEditAsync(id, HttpContext.RequestAborted) is not { } input)
            return NotFound();
        Id = id;
        Input = input;
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await visits.IsOwnAsync(id, HttpContext.RequestAborted))
            return NotFound();
        Id = id;
        await LoadChoicesAsync();
        if (!ModelState.IsValid)
            return Page();
        var result = await visits.ChangeAsync(id, Input, HttpContext.RequestAborted);
        return Refused(result) ?? LocalRedirect($"/training/visits/{id}");
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
