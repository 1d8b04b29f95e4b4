using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Platform.Data;

namespace Ura.Features.Directory;

/// <summary>One category of Ura's service taxonomy, with the case-side types it stands for.</summary>
/// <param name="Code">Stable code; the reader sees <c>ServiceCategory.&lt;Code&gt;</c> in their language.</param>
/// <param name="Parent">Code of the broader category, if any.</param>
/// <param name="Delivered">The kind of service delivered (case services) this category gives, if one matches.</param>
/// <param name="Support">The HTCDS support plan type this category serves.</param>
public sealed record ServiceCategory(string Code, string Name, string Description, string? Parent, ServiceType? Delivered, SupportType Support)
{
    public Guid Id => ServiceTaxonomy.IdFor("term:" + Code);

    public string TextKey => "ServiceCategory." + Code;
}

/// <summary>
/// Ura's service taxonomy: the service categories of the Western Balkans transnational referral
/// mechanism (TRM) standard operating procedures, each mapped to the HTCDS 2.0 support plan type
/// it serves, so that a directory search, a referral and a support plan goal speak the same words.
/// Ids are derived from the codes, so every node publishes the same term ids.
/// </summary>
public static class ServiceTaxonomy
{
    public static readonly Guid Id = IdFor("taxonomy:ura-services");
    public const string Name = "Ura anti-trafficking services";
    public const string Version = "1";

    /// <summary>The HSDS 3.1 unit capacity is counted in for shelters.</summary>
    public static readonly Guid BedUnitId = IdFor("unit:bed");

    public static readonly IReadOnlyList<ServiceCategory> Categories =
    [
        new("identification", "Identification", "Screening and formal identification of victims of trafficking", null, null, SupportType.Other),
        new("safe-housing", "Safe housing", "Shelters and other safe accommodation", null, ServiceType.Accommodation, SupportType.Housing),
        new("emergency-shelter", "Emergency shelter", "Immediate safe accommodation", "safe-housing", ServiceType.Accommodation, SupportType.Housing),
        new("transitional-housing", "Transitional and supported housing", "Transitional housing and supported independent living", "safe-housing", ServiceType.Accommodation, SupportType.Housing),
        new("medical", "Medical care", "Health care, examinations and treatment", null, ServiceType.Medical, SupportType.Health),
        new("psychological", "Psychological support", "Counselling, therapy and psychosocial support", null, ServiceType.Psychological, SupportType.Psychological),
        new("legal-counselling", "Legal counselling", "Advice on rights, residence and proceedings", null, ServiceType.LegalCounselling, SupportType.Legal),
        new("legal-representation", "Legal representation", "Representation in criminal, civil and compensation proceedings", "legal-counselling", ServiceType.LegalCounselling, SupportType.Legal),
        new("social-care", "Social care", "Social assistance, case management and material help", null, ServiceType.InKindAssistance, SupportType.SocialCare),
        new("child-protection", "Child protection", "Guardianship and protection of children", "social-care", null, SupportType.SocialCare),
        new("family-contact", "Family contact and tracing", "Family tracing, assessment and contact", "social-care", ServiceType.FamilyContact, SupportType.SocialCare),
        new("education", "Education", "Schooling and catch-up education", null, ServiceType.Education, SupportType.Education),
        new("vocational-training", "Vocational training", "Training for a trade or skill", null, ServiceType.VocationalTraining, SupportType.Livelihood),
        new("employment", "Employment support", "Job search, placement and income generation", null, ServiceType.EmploymentSupport, SupportType.Livelihood),
        new("financial", "Financial assistance", "Reintegration grants and financial help", null, ServiceType.ReintegrationGrant, SupportType.Financial),
        new("return", "Voluntary return", "Assisted voluntary return, travel documents and return packages", null, ServiceType.Transport, SupportType.Other),
        new("transport", "Transport and escort", "Transport and accompaniment", "return", ServiceType.Transport, SupportType.Other),
        new("interpretation", "Interpretation and translation", "Interpreters and translation of documents", null, ServiceType.Interpretation, SupportType.Other),
        new("rights-training", "Rights-based training", "Information and training on rights", null, null, SupportType.RightsBasedTraining),
        new("rehabilitation-labour", "Rehabilitation after labour exploitation", "Specialised recovery after labour exploitation", "psychological", null, SupportType.LabourExploitationRehabilitation),
        new("rehabilitation-sexual", "Rehabilitation after sexual exploitation", "Specialised recovery after sexual exploitation", "psychological", null, SupportType.SexualExploitationRehabilitation),
        new("hotline", "Helpline", "Telephone and online help", null, null, SupportType.Other),
    ];

    public static ServiceCategory? Find(string code) => Categories.FirstOrDefault(c => c.Code == code);

    /// <summary>Adds the taxonomy, its terms and the bed unit where missing; existing rows are left as they are.</summary>
    public static async Task InstallAsync(UraDbContext db, CancellationToken ct)
    {
        var known = await db.TaxonomyTerms.Where(t => t.TaxonomyId == Id).Select(t => t.Id).ToListAsync(ct);
        if (known.Count == Categories.Count && await db.Units.AnyAsync(u => u.Id == BedUnitId, ct))
            return;
        if (!await db.Taxonomies.AnyAsync(t => t.Id == Id, ct))
            db.Taxonomies.Add(new Taxonomy
            {
                Id = Id, Name = Name, Version = Version,
                Description = "Service categories of the Western Balkans TRM standard operating procedures, mapped to the HTCDS 2.0 support plan types.",
            });
        foreach (var category in Categories.Where(c => !known.Contains(c.Id)))
            db.TaxonomyTerms.Add(new TaxonomyTerm
            {
                Id = category.Id, TaxonomyId = Id, Code = category.Code, Name = category.Name, Description = category.Description,
                ParentId = category.Parent is null ? null : Find(category.Parent)!.Id, Language = "en",
            });
        if (!await db.Units.AnyAsync(u => u.Id == BedUnitId, ct))
            db.Units.Add(new Unit { Id = BedUnitId, Name = "Bed", Scheme = "ura", Identifier = "bed" });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process starting at the same moment installed them first.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A stable id from a name (UUID version 8 layout over SHA-256), the same on every node.</summary>
    internal static Guid IdFor(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("ura:" + name));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
