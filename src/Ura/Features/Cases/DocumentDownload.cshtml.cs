using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ura.Features.Cases;

/// <summary>One document's file for the case team: an attachment, never cached; every download audited.</summary>
[Authorize]
public sealed class DocumentDownloadModel(CaseDocuments documents) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid documentId)
    {
        if (await documents.DownloadAsync(id, documentId, HttpContext.RequestAborted) is not { } file)
            return NotFound();
        DocumentDelivery.PrepareHeaders(Response);
        return File(file.Content, file.ContentType, file.FileName);
    }
}
