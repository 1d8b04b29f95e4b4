using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary><c>/api/v1/cases/{id}/documents</c>: the case team uploads, lists and downloads encrypted documents.</summary>
public static class DocumentApi
{
    public static void MapDocumentApi(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/cases/{id:guid}/documents").WithTags("Documents");
        documents.MapGet("", List).WithName("ListDocuments").WithSummary("The case's documents, without their content (case team only).").RequireAuthorization();
        // Multipart without an antiforgery token: the session cookie is SameSite=Lax, so a form on
        // another site cannot post with it, and bearer tokens are never sent by a browser on its own.
        documents.MapPost("", Upload).WithName("UploadDocument").DisableAntiforgery()
            .WithSummary("Uploads a document (multipart form: file, type). PDF, JPEG, PNG or DOCX, recognised by content; size limited.")
            .RequireAuthorization();
        documents.MapGet("/{documentId:guid}/content", Download).WithName("DownloadDocument")
            .WithSummary("The document's file, as an attachment, never cached; every download is audited.").RequireAuthorization();
    }

    private static async Task<Results<Ok<IReadOnlyList<DocumentListItem>>, NotFound>> List(Guid id, CaseDocuments documents, CancellationToken ct) =>
        await documents.ListAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<DocumentListItem>, NotFound, ValidationProblem>> Upload(
        Guid id, IFormFile? file, [FromForm] string? type, CaseDocuments documents, IStringLocalizer<Text> text, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        var result = await documents.UploadAsync(id, type, file?.FileName, content, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/cases/{id}/documents/{result.Value!.Id}/content", result.Value)
            : result.Errors.ToProblem(text);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Download(
        Guid id, Guid documentId, CaseDocuments documents, HttpContext http, CancellationToken ct)
    {
        if (await documents.DownloadAsync(id, documentId, ct) is not { } file)
            return TypedResults.NotFound();
        DocumentDelivery.PrepareHeaders(http.Response);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}

/// <summary>Headers every document download carries: never stored by a browser or proxy, never shown inline, never sniffed.</summary>
public static class DocumentDelivery
{
    public static void PrepareHeaders(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
