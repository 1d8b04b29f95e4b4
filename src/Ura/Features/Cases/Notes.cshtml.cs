using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>The case's notes, newest first and paged, and adding one; case team only (others get 404).</summary>
[Authorize]
public sealed class NotesModel(CaseAccess access, CaseNotes notes, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public Paged<NoteView> Notes { get; private set; } = null!;

    public string PagerPrefix => $"/cases/{Case.Id}/notes?";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required"), StringLength(NoteRules.MaxLength, ErrorMessage = "Validation.TooLong"), Display(Name = "Notes.Field.Text")]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery] int page = 1)
    {
        if (await access.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Case = found;
        Notes = await notes.ListForAsync(found, page, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var result = await notes.AddAsync(id, Text, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/cases/{id}/notes");
        ModelState.Clear();
        result.Errors.AddTo(ModelState, text, prefix: "");
        return await OnGetAsync(id);
    }
}
