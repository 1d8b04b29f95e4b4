using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Platform.Authorization;
using Ura.Platform.Identity;
using Ura.Resources;

namespace Ura.Features.Admin;

/// <summary>Adding (<c>/admin/organisations/new</c>) or changing an organisation.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
public sealed class OrganisationEditModel(OrganisationCommands organisations, CountryCommands countries, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public bool IsNew { get; private set; }
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public IReadOnlyList<Country> Countries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is not { } existing)
            return NotFound();
        if (!IsNew)
            Input = OrganisationInput.From(existing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await LoadAsync(id) is null)
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        var ct = HttpContext.RequestAborted;
        var result = IsNew ? await organisations.CreateAsync(Input, ct) : await organisations.ChangeAsync(Id, Input, ct);
        if (!result.Found)
            return NotFound();
        if (!result.Succeeded)
        {
            result.Errors.AddTo(ModelState, text);
            return Page();
        }
        return LocalRedirect($"/admin/organisations?country={result.Value!.CountryCode}&done={(IsNew ? "Added" : "Saved")}");
    }

    /// <summary>"new", or the id of an existing organisation (null: not found). For "new" the result is an empty placeholder.</summary>
    private async Task<OrganisationSummary?> LoadAsync(string id)
    {
        var ct = HttpContext.RequestAborted;
        Countries = await countries.ListAsync(ct);
        if (id == "new")
        {
            IsNew = true;
            return new OrganisationSummary(Guid.Empty, "", "", "", nameof(OrganisationType.NGO), false, false, false, true);
        }
        if (!Guid.TryParse(id, out var guid) || await organisations.GetAsync(guid, ct) is not { } existing)
            return null;
        (Id, Name) = (existing.Id, existing.Name);
        return existing;
    }
}
