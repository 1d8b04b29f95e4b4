using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Awareness.Public;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Awareness.Public;

/// <summary>Shared steps for the help page tests: the demo pages, drafts through the API, row counts.</summary>
internal static class HelpPageTestSupport
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The id of a demo page of a country (upper-case code), language and topic.</summary>
    public static Task<Guid> PageIdAsync(this UraFactory factory, string country, string language, HelpTopic topic) =>
        factory.WithDb(db => db.HelpPages.Where(p => p.CountryCode == country && p.Language == language && p.Topic == topic).Select(p => p.Id).SingleAsync());

    /// <summary>Versions of all help pages with their status, title and body: compared before and after a refused change.</summary>
    public static Task<List<string>> SnapshotAsync(this UraFactory factory) =>
        factory.WithDb(db => db.HelpPageVersions.OrderBy(v => v.Id)
            .Select(v => v.Id + "|" + v.HelpPageId + "|" + v.Number + "|" + v.Status + "|" + v.Title + "|" + v.Body + "|" + v.ReviewerId + "|" + v.AuthorId).ToListAsync());

    public static Task<HttpResponseMessage> SaveDraftAsync(HttpClient client, string language, string topic, string title, string body) =>
        client.PutAsJsonAsync("/api/v1/awareness/pages/draft", new { language, topic, title, body });

    public static Task<HttpResponseMessage> ReviewAsync(HttpClient client, Guid id, bool approve, string? comment = null) =>
        client.PostAsJsonAsync($"/api/v1/awareness/pages/{id}/review", new { approve, comment });

    public static async Task<HelpPageView> ViewAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<HelpPageView>(Json))!;

    /// <summary>All messages of a ValidationProblem, whatever the field.</summary>
    public static async Task<string> ProblemTextAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.TryGetProperty("errors", out var errors)
            ? string.Join(" | ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())))
            : "";
    }
}
