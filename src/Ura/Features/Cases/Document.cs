using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;

namespace Ura.Features.Cases;

/// <summary>
/// A file kept on a case (a copy of an identity document, a medical report, a signed consent form...).
/// The bytes are encrypted with the node's key ring and kept in the database row, so every app
/// process sharing the database serves the same files and a backup of the database holds them all.
/// </summary>
public sealed class CaseDocument : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public CaseDocumentType Type { get; set; }

    /// <summary>The name the file was uploaded with (may name the person, so encrypted).</summary>
    public required string FileName { get; set; }

    /// <summary>The media type found by reading the file's first bytes, never the one the browser claimed.</summary>
    public required string ContentType { get; set; }

    /// <summary>Size of the original file in bytes.</summary>
    public long Length { get; set; }

    /// <summary>The file, encrypted (Data Protection, purpose <c>Ura.Field.Document</c>).</summary>
    public required byte[] EncryptedContent { get; set; }

    public DateTime UploadedAt { get; set; }
    public Guid UploadedById { get; set; }
}

public enum CaseDocumentType
{
    IdentityDocumentCopy,
    MedicalReport,
    ConsentForm,
    LegalDocument,
    Other,
}

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> e)
    {
        e.Property(d => d.Type).HasConversion<string>().HasMaxLength(30);
        e.Property(d => d.FileName).IsEncrypted(FieldClass.FreeText);
        e.Property(d => d.ContentType).HasMaxLength(100);
        e.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Platform.Identity.User>().WithMany().HasForeignKey(d => d.UploadedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(d => new { d.CaseId, d.UploadedAt });
        e.HasIndex(d => d.UploadedById);
    }
}
