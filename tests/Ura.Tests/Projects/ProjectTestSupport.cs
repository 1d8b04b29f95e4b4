using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Reports.Projects;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Projects;

/// <summary>Demo projects, valid request bodies and row snapshots for the project tests.</summary>
internal static class ProjectTestSupport
{
    /// <summary>The AL project funded by the US anti-trafficking office: coordinator's office, police, social services, shelter.</summary>
    public static readonly Guid Protect = DemoProjects.ProjectId("AL", "protect");

    /// <summary>The AL project funded by Sida: coordinator's office and the hotline.</summary>
    public static readonly Guid Prevent = DemoProjects.ProjectId("AL", "prevent");

    public static Task<Guid> OrganisationOfAsync(UraFactory factory, string email) =>
        factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.OrganisationId).FirstAsync());

    public static Dictionary<string, object?> Body(string name, params Guid[] organisations) => new()
    {
        ["name"] = name,
        ["funders"] = "Sida",
        ["startsOn"] = "2026-01-01",
        ["endsOn"] = "2026-12-31",
        ["organisationIds"] = organisations,
        ["targets"] = new object[]
        {
            new { indicatorKey = "identified-victims", target = 25 },
            new { indicatorKey = "trainings", target = 4.5m },
        },
    };

    public static async Task<ProjectView> CreateAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/reports/projects", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProjectView>())!;
    }

    /// <summary>The page form: every indicator row, the named ones included with their targets.</summary>
    public static Dictionary<string, string> PageFields(string name, IEnumerable<Guid> organisations, params (string Key, string Target)[] targets)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Funders"] = "Sida", ["Input.StartsOn"] = "2026-01-01", ["Input.EndsOn"] = "2026-12-31",
        };
        var n = 0;
        foreach (var o in organisations)
            fields[$"Input.OrganisationIds[{n++}]"] = o.ToString();
        for (var i = 0; i < ProjectDirectory.IndicatorKeys.Count; i++)
        {
            var key = ProjectDirectory.IndicatorKeys[i];
            fields[$"Rows[{i}].IndicatorKey"] = key;
            var chosen = targets.FirstOrDefault(t => t.Key == key);
            if (chosen.Key is not null)
            {
                fields[$"Rows[{i}].Include"] = "true";
                fields[$"Rows[{i}].Target"] = chosen.Target;
            }
        }
        return fields;
    }

    /// <summary>Every project with its organisations and targets, and the project audit entries, as one comparable value.</summary>
    public static Task<string> SnapshotAsync(UraFactory factory) => factory.WithDb(async db =>
    {
        var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => p.Id + "/" + p.CountryCode + "/" + p.Name + "/" + p.Funders + "/" + p.StartsOn + "/" + p.EndsOn + "/" + p.ModifiedAt).ToListAsync();
        var organisations = await db.ProjectOrganisations.AsNoTracking().OrderBy(o => o.ProjectId).ThenBy(o => o.OrganisationId)
            .Select(o => o.ProjectId + "/" + o.OrganisationId).ToListAsync();
        var targets = (await db.ProjectTargets.AsNoTracking().ToListAsync())
            .OrderBy(t => t.ProjectId).ThenBy(t => t.IndicatorKey, StringComparer.Ordinal).Select(t => $"{t.ProjectId}/{t.IndicatorKey}/{t.Target:0.##}");
        var audit = await db.AuditEvents.CountAsync(a => a.Action.StartsWith("reports.project."));
        return string.Join("\n", [.. projects, .. organisations, .. targets, audit.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    });
}
