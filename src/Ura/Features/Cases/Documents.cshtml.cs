using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>The case's documents and uploading one (a plain multipart form); case team only (others get 404).</summary>
[Authorize]
public sealed class DocumentsModel(CaseAccess access, CaseDocuments documents, IStringLocalizer<Text> text) : PageModel
{
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<DocumentListItem> Documents { get; private set; } = [];
    public long MaxMegabytes => documents.MaxBytes / (1024 * 1024);

    [BindProperty]
    public string? Type { get; set; }

    [BindProperty(Name = "File")]
    public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await access.ReadAsync(id, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        Case = found;
        Documents = await documents.ListForAsync(found, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await using var content = Upload?.OpenReadStream();
        var result = await documents.UploadAsync(id, Type, Upload?.FileName, content, HttpContext.RequestAborted);
        if (!result.Found)
            return NotFound();
        if (result.Succeeded)
            return LocalRedirect($"/cases/{id}/documents");
        ModelState.Clear();
        result.Errors.AddTo(ModelState, text, prefix: "");
        return await OnGetAsync(id);
    }
}
