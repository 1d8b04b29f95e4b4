using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Identification;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Identification;

/// <summary>Calls and checks shared by the screening and formal identification tests.</summary>
internal static class IdentificationTestSupport
{
    private static readonly ConditionalWeakTable<UraFactory, Dictionary<string, HttpClient>> Clients = new();

    /// <summary>A signed-in client per user and language, reused within one factory (signing in is slow).</summary>
    public static async Task<HttpClient> ClientAsync(this UraFactory factory, string email, string language = "en")
    {
        var clients = Clients.GetOrCreateValue(factory);
        var key = email + "|" + language;
        if (!clients.TryGetValue(key, out var client))
        {
            client = await factory.SignInAsync(email, language);
            clients[key] = client;
        }
        return client;
    }

    /// <summary>Users who must never reach a case of the demo shelter in Albania.</summary>
    public static readonly string[] Outsiders =
    [
        Demo.SocialWorker, Demo.Email("caseworker", "xk"), Demo.OrgAdmin, Demo.Coordinator, Demo.Analyst, Demo.SystemAdmin, Demo.Police,
    ];

    public static async Task<ScreeningView> StartAsync(HttpClient client, string list = "adult_labour", Guid? caseId = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/screenings", new { list, caseId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ScreeningView>())!;
    }

    public static Task<HttpResponseMessage> AnswerAsync(HttpClient client, Guid id, params object[] answers) =>
        client.PutAsJsonAsync($"/api/v1/screenings/{id}/answers", new { answers });

    /// <summary>The ids of the built-in ILO adult labour list, per dimension.</summary>
    public static IReadOnlyList<string> IloIndicators(string dimension) =>
        [.. InstrumentDocument.Parse(DefaultInstruments.IloJson()).Document!.Lists[ScreeningList.AdultLabour].Dimensions[dimension].Select(i => i.Id)];

    /// <summary>The errors of a ValidationProblem, all messages together.</summary>
    public static async Task<string> ProblemTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return string.Join("\n", json.RootElement.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(v => v.GetString())));
    }

    public static Task<Screening> ScreeningRowAsync(this UraFactory factory, Guid id) =>
        factory.WithDb(db => db.Screenings.AsNoTracking().Include(s => s.Answers).SingleAsync(s => s.Id == id));

    /// <summary>Everything a screening or identification change can write, to prove a refused one wrote nothing.</summary>
    public static Task<string> StateAsync(this UraFactory factory) => factory.WithDb(async db => string.Join(",",
        await db.Screenings.CountAsync(), await db.Set<ScreeningAnswer>().CountAsync(),
        await db.Screenings.CountAsync(s => s.Conclusion != null), await db.Screenings.CountAsync(s => s.CaseId != null),
        await db.IdentificationSubmissions.CountAsync(), await db.IdentificationSubmissions.CountAsync(s => s.Decision != null),
        await db.CaseIdentifications.CountAsync(), await db.CaseTasks.CountAsync(), await db.Cases.CountAsync(),
        await db.Cases.CountAsync(c => c.TraffickingStatus != Features.Cases.TraffickingStatus.PossibleVictimOfTrafficking),
        await db.CaseEvents.CountAsync()));

    public static Task<bool> ReadAuditedAsync(this UraFactory factory, string entityType, Guid id) =>
        factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "read" && e.EntityType == entityType && e.EntityId == id.ToString()));
}
