using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Platform;
using Ura.Platform.Audit;
using Ura.Platform.Crypto;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

public sealed record DocumentListItem(Guid Id, string Type, string FileName, string ContentType, long Length, DateTime UploadedAt, string UploadedBy);

/// <summary>A decrypted file on its way to the case team.</summary>
public sealed record DocumentFile(byte[] Content, string ContentType, string FileName);

/// <summary>The file types a case accepts, each recognised by its first bytes and its file name's ending.</summary>
public static class DocumentFormats
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly Dictionary<string, string[]> Extensions = new()
    {
        [Pdf] = [".pdf"],
        [Jpeg] = [".jpg", ".jpeg"],
        [Png] = [".png"],
        [Docx] = [".docx"],
    };

    /// <summary>The media type the content really is, or null when it is none of the accepted ones.</summary>
    public static string? Sniff(byte[] content)
    {
        ReadOnlySpan<byte> head = content;
        if (head.StartsWith("%PDF-"u8))
            return Pdf;
        if (head.StartsWith(JpegMagic))
            return Jpeg;
        if (head.StartsWith(PngMagic))
            return Png;
        if (head.StartsWith("PK\u0003\u0004"u8) && IsWordDocument(content))
            return Docx;
        return null;
    }

    /// <summary>True when the file name ends as files of that type do (so a PDF named .png is refused).</summary>
    public static bool NameFits(string fileName, string contentType) =>
        Extensions[contentType].Contains(Path.GetExtension(fileName).ToLowerInvariant());

    // A Word document is a zip package with a content types part and a main document part; other zips are refused.
    private static bool IsWordDocument(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}

/// <summary>Uploads, lists and serves a case's documents, for its team; files are encrypted at rest.</summary>
public sealed class CaseDocuments(UraDbContext db, CaseAccess access, Platform.Authorization.CurrentUser user, AuditLog audit,
    FieldProtection protection, IOptions<UraOptions> options)
{
    public long MaxBytes => options.Value.DocumentMaxBytes;

    /// <summary>The case's documents, newest first (without their content); null when out of scope. The read is audited.</summary>
    public async Task<IReadOnlyList<DocumentListItem>?> ListAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        return await ListForAsync(found, ct);
    }

    /// <summary>The documents of a case the caller has already loaded through <see cref="CaseAccess"/>.</summary>
    public async Task<IReadOnlyList<DocumentListItem>> ListForAsync(Case scoped, CancellationToken ct)
    {
        var rows = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == scoped.Id).OrderByDescending(d => d.UploadedAt)
            .Join(db.Users, d => d.UploadedById, u => u.Id, (d, u) => new { d.Id, d.Type, d.FileName, d.ContentType, d.Length, d.UploadedAt, u.DisplayName })
            .ToListAsync(ct);
        return [.. rows.Select(d => new DocumentListItem(d.Id, d.Type.ToString(), d.FileName, d.ContentType, d.Length, d.UploadedAt, d.DisplayName))];
    }

    /// <summary>
    /// Stores an uploaded file when its type is accepted (by content and name), its size within the
    /// limit and the case open. Reads at most one byte past the limit, so an oversize upload is never held whole.
    /// </summary>
    public async Task<CommandResult<DocumentListItem>> UploadAsync(Guid caseId, string? type, string? fileName, Stream? content, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<DocumentListItem>.NotFound();
        if (refusal is not null)
            return CommandResult<DocumentListItem>.Refused(refusal);
        if (!PersonRules.IsValue<CaseDocumentType>(type))
            return CommandResult<DocumentListItem>.Refused("Type", "Documents.UnknownType");
        if (content is null)
            return CommandResult<DocumentListItem>.Refused("File", "Documents.FileRequired");
        var bytes = await ReadAtMostAsync(content, MaxBytes + 1, ct);
        if (bytes.Length == 0)
            return CommandResult<DocumentListItem>.Refused("File", "Documents.FileRequired");
        if (bytes.Length > MaxBytes)
            return CommandResult<DocumentListItem>.Refused("File", "Documents.TooLarge");
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length is 0 or > 200)
            name = "document";
        if (DocumentFormats.Sniff(bytes) is not { } contentType || !DocumentFormats.NameFits(name, contentType))
            return CommandResult<DocumentListItem>.Refused("File", "Documents.WrongType");

        var document = new CaseDocument
        {
            CaseId = @case.Id,
            OrganisationId = @case.OrganisationId,
            Type = Enum.Parse<CaseDocumentType>(type!),
            FileName = name,
            ContentType = contentType,
            Length = bytes.Length,
            EncryptedContent = protection.For(FieldClass.Document).Protect(bytes),
            UploadedAt = access.Now,
            UploadedById = user.RequiredId,
        };
        db.CaseDocuments.Add(document);
        access.Record(@case, "document.upload", document.Id, "CaseDocumentType." + document.Type);
        await db.SaveChangesAsync(ct);
        var uploader = await db.Users.Where(u => u.Id == document.UploadedById).Select(u => u.DisplayName).SingleAsync(ct);
        return CommandResult<DocumentListItem>.Done(new DocumentListItem(document.Id, document.Type.ToString(), name, contentType, bytes.Length, document.UploadedAt, uploader));
    }

    /// <summary>The decrypted file for the case team (null when out of scope or not on this case); every download is audited.</summary>
    public async Task<DocumentFile?> DownloadAsync(Guid caseId, Guid documentId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var document = await db.CaseDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.CaseId == found.Id, ct);
        if (document is null)
            return null;
        audit.Record("read", nameof(CaseDocument), document.Id, $"case={found.Id}; download");
        await db.SaveChangesAsync(ct);
        return new DocumentFile(protection.For(FieldClass.Document).Unprotect(document.EncryptedContent), document.ContentType, document.FileName);
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream content, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
