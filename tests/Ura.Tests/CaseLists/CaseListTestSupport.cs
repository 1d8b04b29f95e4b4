using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.CaseLists;

/// <summary>Shared steps of the case list, team and exploitation tests.</summary>
internal static class CaseListTestSupport
{
    /// <summary>Users outside a case of the Albanian shelter NGO: another organisation, another country, roles without case access.</summary>
    public static TheoryData<string, string> Outsiders => new()
    {
        { "socialworker", "al" },
        { "caseworker", "xk" },
        { "orgadmin", "al" },
        { "coordinator", "al" },
        { "analyst", "al" },
        { "sysadmin", "" },
    };

    public static string EmailOf(string login, string country) => login == "sysadmin" ? Demo.SystemAdmin : Demo.Email(login, country);

    /// <summary>Everything about a case these features change, to prove that a refused attempt changed nothing.</summary>
    public sealed record CaseState(CaseStatus Status, CaseStage Stage, Guid? SupervisorId, DateTime UpdatedAt, string Team, string Codes, string Events, string Details, int Timeline);

    public static Task<CaseState> StateAsync(this UraFactory factory, Guid caseId) => factory.WithDb(async db =>
    {
        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId);
        var team = await db.CaseTeamMembers.Where(m => m.CaseId == caseId).Select(m => m.UserId).ToListAsync();
        var codes = await db.ExploitationCodes.Where(x => x.CaseId == caseId).Select(x => x.Kind + ":" + x.Code).ToListAsync();
        var events = await db.TraffickingEvents.AsNoTracking().Where(x => x.CaseId == caseId).ToListAsync();
        var details = await db.CaseExploitations.AsNoTracking().SingleOrDefaultAsync(x => x.CaseId == caseId);
        return new CaseState(c.Status, c.Stage, c.SupervisorId, c.UpdatedAt,
            string.Join(",", team.Order()), string.Join(",", codes.Order()),
            string.Join(";", events.OrderBy(e => e.Id).Select(e => $"{e.Id}|{e.Type}|{e.Country}|{e.Place}|{e.StartedOn}|{e.EndedOn}|{e.Description}")),
            details is null ? "" : $"{details.ForcedLabourIndustry}|{details.RelationshipToTrafficker}|{details.Transnational}",
            await db.CaseEvents.CountAsync(e => e.CaseId == caseId));
    });

    public static Task CloseAsync(this UraFactory factory, Guid caseId) =>
        factory.WithDb(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Closed)));

    public static Task<int> ReadsOfAsync(this UraFactory factory, Guid caseId) =>
        factory.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "read" && a.EntityId == caseId.ToString()));

    public static async Task<TraffickingEventView> AddEventAsync(HttpClient client, Guid caseId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/exploitation/events", body);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TraffickingEventView>())!;
    }
}
