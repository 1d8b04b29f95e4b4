using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Training.Trainings;

/// <summary>What the shared training fields need from their page.</summary>
public interface ITrainingFormPage
{
    TrainingInput Input { get; }
    string? ScoreBefore { get; }
    string? ScoreAfter { get; }
    IReadOnlyList<OrganisationRef> Organisations { get; }
    IReadOnlyList<string> Countries { get; }
}

/// <summary>
/// The pages post scores as text (read with a point or a comma whatever the language), because a
/// decimal bound in the reader's culture would refuse "72.5" in Albanian.
/// </summary>
public abstract class TrainingFormPage(TrainingRegister register, IStringLocalizer<Text> text) : PageModel, ITrainingFormPage
{
    [BindProperty]
    public TrainingInput Input { get; set; } = new();

    [BindProperty]
    public string? ScoreBefore { get; set; }

    [BindProperty]
    public string? ScoreAfter { get; set; }

    public IReadOnlyList<OrganisationRef> Organisations { get; private set; } = [];
    public IReadOnlyList<string> Countries { get; private set; } = [];

    protected TrainingRegister Register => register;

    protected async Task LoadChoicesAsync()
    {
        Organisations = await register.OrganisationsAsync(HttpContext.RequestAborted);
        Countries = await register.CountriesAsync(HttpContext.RequestAborted);
    }

    protected void ShowScores()
    {
        ScoreBefore = TrainingFormat.Field(Input.ScoreBefore);
        ScoreAfter = TrainingFormat.Field(Input.ScoreAfter);
    }

    /// <summary>Reads the typed scores into <see cref="Input"/>; false (with the error shown) when one is not a number.</summary>
    protected bool ReadScores()
    {
        var ok = true;
        if (TrainingFormat.TryParseScore(ScoreBefore, out var before))
            Input.ScoreBefore = before;
        else
        {
            ModelState.AddModelError("Input.ScoreBefore", text["Training.ScoreOutOfRange"]);
            ok = false;
        }
        if (TrainingFormat.TryParseScore(ScoreAfter, out var after))
            Input.ScoreAfter = after;
        else
        {
            ModelState.AddModelError("Input.ScoreAfter", text["Training.ScoreOutOfRange"]);
            ok = false;
        }
        return ok;
    }

    protected IActionResult? Refused(CommandResult<TrainingView> result) => this.Refused(result, text);
}

/// <summary>Records a training organised by the outreach officer's organisation.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class TrainingNewModel(TrainingRegister register, CurrentUser user, IStringLocalizer<Text> text) : TrainingFormPage(register, text)
{
    public async Task OnGetAsync()
    {
        await LoadChoicesAsync();
        Input.CountryCode = user.CountryCode;
        if (user.OrganisationId is { } own)
            Input.OrganisationIds = [own];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadChoicesAsync();
        if (!ReadScores() || !ModelState.IsValid)
            return Page();
        var result = await Register.CreateAsync(Input, HttpContext.RequestAborted);
        return Refused(result) ?? LocalRedirect($"/training/{result.Value!.Id}");
    }
}

/// <summary>Changes a training of the outreach officer's organisation; another organisation's is not found.</summary>
[Authorize(Policy = Policies.Outreach)]
public sealed class TrainingEditModel(TrainingRegister register, IStringLocalizer<Text> text) : TrainingFormPage(register, text)
{
    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Register.ForEditAsync(id, HttpContext.RequestAborted) is not { } input)
            return NotFound();
        Id = id;
        Input = input;
        ShowScores();
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await Register.IsOwnAsync(id, HttpContext.RequestAborted))
            return NotFound();
        Id = id;
        await LoadChoicesAsync();
        if (!ReadScores() || !ModelState.IsValid)
            return Page();
        var result = await Register.ChangeAsync(id, Input, HttpContext.RequestAborted);
        return Refused(result) ?? LocalRedirect($"/training/{id}");
    }
}
