using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.CaseContent;

/// <summary>Bodies, files and counts shared by the consent, notes, tasks and documents tests.</summary>
internal static class CaseContentSupport
{
    public static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A complete, valid consent given today by the person; tests change the one field they are about.</summary>
    public static Dictionary<string, object?> ConsentBody(DateOnly? givenOn = null) => new()
    {
        ["purposes"] = new[] { "CaseManagementAndAssistance", "ReferralToServices" },
        ["sharedWithOrganisations"] = Array.Empty<Guid>(),
        ["sharedWithOrganisationTypes"] = new[] { "HealthServiceOrganisation" },
        ["crossBorderCountries"] = Array.Empty<string>(),
        ["researchUse"] = false,
        ["retentionMonths"] = 60,
        ["dataUseExplained"] = true,
        ["rightOfAccessExplained"] = true,
        ["withdrawalExplained"] = true,
        ["givenBy"] = "Person",
        ["givenOn"] = Iso(givenOn ?? Today),
    };

    public static async Task<ConsentView> RecordConsentAsync(HttpClient client, Guid caseId, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/consents", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConsentView>(WebJson))!;
    }

    /// <summary>A registration of a 10-year-old, with the guardian a child needs.</summary>
    public static Dictionary<string, object?> Child(string given = "Ana")
    {
        var body = Cases.CaseTestSupport.Adult(given, "Hoxha", Iso(Today.AddYears(-10)));
        body["guardianName"] = "Besa Hoxha";
        body["guardianRelation"] = "Mother";
        body["guardianContact"] = "+355 69 000 0000";
        return body;
    }

    public static Task CloseAsync(this UraFactory factory, Guid caseId) =>
        factory.WithDb(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Closed)));

    /// <summary>Rows of the four kinds and timeline entries of one case: a refused change leaves them all as they were.</summary>
    public static Task<(int Consents, int Notes, int Tasks, int Documents, int Events)> ContentCountsAsync(this UraFactory factory, Guid caseId) =>
        factory.WithDb(async db => (
            await db.Consents.CountAsync(c => c.CaseId == caseId),
            await db.CaseNotes.CountAsync(n => n.CaseId == caseId),
            await db.CaseTasks.CountAsync(t => t.CaseId == caseId),
            await db.CaseDocuments.CountAsync(d => d.CaseId == caseId),
            await db.CaseEvents.CountAsync(e => e.CaseId == caseId)));

    public static Task<int> ReadsAsync(this UraFactory factory, string entityType, Guid entityId, Guid userId) =>
        factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "read" && e.EntityType == entityType && e.EntityId == entityId.ToString() && e.UserId == userId));

    /// <summary>A small but real PDF.</summary>
    public static byte[] Pdf(string marker = "URA-TEST-MARKER") =>
        System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {marker}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    public static MultipartFormDataContent Upload(byte[] content, string fileName, string type, string? claimedType = "application/pdf")
    {
        var file = new ByteArrayContent(content);
        if (claimedType is not null)
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(claimedType);
        return new MultipartFormDataContent { { file, "file", fileName }, { new StringContent(type), "type" } };
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid caseId, byte[] content, string fileName, string type = "MedicalReport", string? claimedType = "application/pdf") =>
        await client.PostAsync($"/api/v1/cases/{caseId}/documents", Upload(content, fileName, type, claimedType));
}
