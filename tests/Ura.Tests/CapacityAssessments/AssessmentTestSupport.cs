using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Training.Assessments;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.CapacityAssessments;

/// <summary>Demo programmes and providers, valid request bodies and row snapshots for the capacity assessment tests.</summary>
internal static class AssessmentTestSupport
{
    public static string Outreach(string country = "al") => Demo.Email("outreach", country);

    public static Guid DemoProgramme(string country = "AL") => DemoAssessments.ProgrammeId(country);

    public static Guid LegalAid(string country = "AL") => DemoAssessments.ProviderId(country, "legal-aid");

    public static Guid MentalHealth(string country = "AL") => DemoAssessments.ProviderId(country, "mental-health");

    public static Guid Vocational(string country = "AL") => DemoAssessments.ProviderId(country, "vocational");

    /// <summary>Every criterion of the framework at one score, with evidence.</summary>
    public static List<Dictionary<string, object?>> Scores(int score = 2, string? evidence = "Seen the signed procedure.") =>
        [.. CapacityFramework.Current.Criteria.Select(c => new Dictionary<string, object?>
        {
            ["criterion"] = c.Criterion.Key, ["score"] = score, ["evidence"] = evidence,
        })];

    /// <summary>Scores per dimension: each dimension's criteria all get the dimension's score.</summary>
    public static List<Dictionary<string, object?>> ScoresByDimension(Func<string, int> scoreOf) =>
        [.. CapacityFramework.Current.Criteria.Select(c => new Dictionary<string, object?>
        {
            ["criterion"] = c.Criterion.Key, ["score"] = scoreOf(c.Dimension.Key), ["evidence"] = "Checked on site.",
        })];

    public static Dictionary<string, object?> Assessment(Guid providerId, string on = "2026-03-10", List<Dictionary<string, object?>>? scores = null) => new()
    {
        ["providerId"] = providerId,
        ["assessedOn"] = on,
        ["assessors"] = "Arta Hoxha, Ilir Basha",
        ["scores"] = scores ?? Scores(),
    };

    public static Dictionary<string, object?> Programme(string name = "Programi pilot 2026", string starts = "2026-01-01", string ends = "2026-12-31", int? target = null) => new()
    {
        ["name"] = name, ["startsOn"] = starts, ["endsOn"] = ends, ["targetProviders"] = target,
    };

    public static async Task<ProgrammeSummary> CreateProgrammeAsync(HttpClient client, Dictionary<string, object?>? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/training/programmes", body ?? Programme());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProgrammeSummary>())!;
    }

    public static async Task<AssessmentView> RecordAsync(HttpClient client, Guid programmeId, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/training/programmes/{programmeId}/assessments", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AssessmentView>())!;
    }

    /// <summary>Everything an assessment attempt could add or change, as one comparable value.</summary>
    public static Task<string> SnapshotAsync(UraFactory factory) => factory.WithDb(async db =>
    {
        var programmes = await db.CapacityProgrammes.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => p.Id + "/" + p.Name + "/" + p.StartsOn + "/" + p.EndsOn + "/" + p.TargetProviders).ToListAsync();
        var assessments = await db.CapacityAssessments.CountAsync();
        var scores = await db.CapacityScores.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id + "/" + s.Score).ToListAsync();
        return string.Join("\n", [.. programmes, assessments.ToString(System.Globalization.CultureInfo.InvariantCulture), .. scores]);
    });
}
