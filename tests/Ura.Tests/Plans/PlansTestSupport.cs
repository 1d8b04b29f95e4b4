using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.Plans;

/// <summary>Bodies, calls and row counts shared by the risk, plan and service tests.</summary>
internal static class PlansTestSupport
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A case opened by the demo case worker, with their signed-in client.</summary>
    public static async Task<(HttpClient Client, CaseView Case)> OpenCaseAsync(UraFactory factory, string? language = null)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, language);
        return (client, await OpenAsync(client, Adult("Besa", "Hoxha")));
    }

    /// <summary>Moves the case's opening back, so assessments and services can be dated in the past.</summary>
    public static Task BackdateAsync(this UraFactory factory, Guid caseId, int days) =>
        factory.WithDb(db => db.Cases.Where(c => c.Id == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OpenedAt, DateTime.UtcNow.AddDays(-days))));

    public static Task CloseAsync(this UraFactory factory, Guid caseId) =>
        factory.WithDb(db => db.Cases.Where(c => c.Id == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Closed).SetProperty(c => c.ClosedAt, DateTime.UtcNow)));

    public static Task<Guid> OrganisationOfAsync(this UraFactory factory, string email) =>
        factory.WithDb(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.OrganisationId).SingleAsync());

    public static Dictionary<string, object?> RiskBody(DateOnly? assessedOn = null, DateOnly? nextReviewOn = null) => new()
    {
        ["assessedOn"] = Iso(assessedOn ?? Today),
        ["individualRisk"] = "High",
        ["individualNotes"] = "Recruiter knows where her mother lives",
        ["householdRisk"] = "Medium",
        ["householdNotes"] = null,
        ["communityRisk"] = "Low",
        ["communityNotes"] = null,
        ["safetyPlan"] = "Shelter address kept secret; call the duty worker on 112 if approached",
        ["nextReviewOn"] = Iso(nextReviewOn ?? Today.AddDays(30)),
    };

    public static Dictionary<string, object?> GoalBody(Guid? responsible = null) => new()
    {
        ["type"] = "Psychological",
        ["objective"] = "Weekly counselling to cope with trauma",
        ["actions"] = "Book sessions with the centre's psychologist",
        ["responsibleOrganisationId"] = responsible,
        ["plannedStartOn"] = Iso(Today),
        ["plannedEndOn"] = Iso(Today.AddMonths(3)),
        ["status"] = "InProgress",
    };

    public static Dictionary<string, object?> ServiceBody(Guid provider, DateOnly? on = null) => new()
    {
        ["type"] = "Accommodation",
        ["deliveredOn"] = Iso(on ?? Today),
        ["providerOrganisationId"] = provider,
        ["quantity"] = 3,
        ["unit"] = "Nights",
        ["cost"] = 45.50m,
        ["currency"] = "EUR",
        ["note"] = "Emergency stay before admission",
    };

    public static async Task<T> CreatedAsync<T>(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>Rows of every table this part writes, plus timeline entries and tasks.</summary>
    public static Task<(int Risk, int Needs, int Goals, int Services, int Tasks, int Timeline)> PlanCountsAsync(this UraFactory factory) =>
        factory.WithDb(async db => (await db.RiskAssessments.CountAsync(), await db.NeedsAssessments.CountAsync(), await db.PlanGoals.CountAsync(),
            await db.ServiceDeliveries.CountAsync(), await db.CaseTasks.CountAsync(), await db.CaseEvents.CountAsync()));

    public static Task<bool> ReadAuditedAsync(this UraFactory factory, Guid caseId, string email) => factory.WithDb(async db =>
    {
        var userId = (await factory.UserAsync(email)).Id;
        return await db.AuditEvents.AnyAsync(e => e.Action == "read" && e.EntityId == caseId.ToString() && e.UserId == userId);
    });
}
