using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Training.Trainings;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Trainings;

/// <summary>Demo trainings and visits, request bodies and comparable snapshots of their rows.</summary>
internal static class TrainingTestSupport
{
    public static string Outreach(string country = "al") => Demo.Email("outreach", country);

    /// <summary>The AL hotline NGO's first demo training.</summary>
    public static Guid AlTraining => DemoTrainings.TrainingId("AL", 1);

    /// <summary>The visit the AL hotline recorded to the XK hotline.</summary>
    public static Guid AlVisit => DemoTrainings.VisitId("AL", "XK");

    public static Task<Guid> OrganisationOfAsync(UraFactory factory, string email) =>
        factory.WithDb(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.OrganisationId).SingleAsync());

    /// <summary>A training as the API takes it, valid unless changed.</summary>
    public static Dictionary<string, object?> Body(Guid participatingOrganisation, string title = "Identifikimi i viktimave në kufi") => new()
    {
        ["title"] = title,
        ["topic"] = "IdentificationAndSops",
        ["countryCode"] = "AL",
        ["startsOn"] = "2026-03-10",
        ["endsOn"] = "2026-03-11",
        ["place"] = "Kukës",
        ["trainers"] = "Arta Hoxha",
        ["organisationIds"] = new[] { participatingOrganisation },
        ["participants"] = new object[]
        {
            new { role = "Police", sex = "Female", count = 4 },
            new { role = "Police", sex = "Male", count = 9 },
            new { role = "SocialWorker", sex = "Female", count = 7 },
        },
        ["testedCount"] = 18,
        ["scoreBefore"] = 48.5m,
        ["scoreAfter"] = 76m,
        ["improvedCount"] = 15,
    };

    public static async Task<TrainingView> CreateAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/training/trainings", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TrainingView>())!;
    }

    /// <summary>A visit as the API takes it, valid unless changed.</summary>
    public static Dictionary<string, object?> VisitBody(Guid host, Guid visitor) => new()
    {
        ["hostOrganisationId"] = host,
        ["visitingOrganisationIds"] = new[] { visitor },
        ["startsOn"] = "2026-04-01",
        ["endsOn"] = "2026-04-03",
        ["purpose"] = "Të shohim si punon linja e ndihmës.",
        ["outcomes"] = "Takim i përbashkët çdo tre muaj.",
        ["female"] = 3,
        ["male"] = 1,
        ["otherOrUnknown"] = 0,
    };

    /// <summary>Everything a change to the training could touch, as one comparable string.</summary>
    public static Task<string> SnapshotAsync(UraFactory factory, Guid trainingId) => factory.WithDb(async db =>
    {
        var t = await db.Trainings.AsNoTracking().SingleAsync(x => x.Id == trainingId);
        var participants = await db.TrainingParticipants.AsNoTracking().Where(p => p.TrainingId == trainingId)
            .Select(p => p.Role + "/" + p.Sex + "/" + p.Count).ToListAsync();
        var organisations = await db.TrainingOrganisations.AsNoTracking().Where(o => o.TrainingId == trainingId)
            .Select(o => o.OrganisationId.ToString()).ToListAsync();
        var followUps = await db.TrainingFollowUps.AsNoTracking().Where(f => f.TrainingId == trainingId).ToListAsync();
        return string.Join("\n", [t.Title, t.Topic.ToString(), t.CountryCode, t.StartsOn.ToString("O"), t.EndsOn.ToString("O"), t.Place, t.Trainers,
            $"{t.TestedCount}/{t.ScoreBefore}/{t.ScoreAfter}/{t.ImprovedCount}", t.ModifiedAt.ToString("O"),
            .. participants.Order(), .. organisations.Order(), .. followUps.OrderBy(f => f.Id).Select(f => $"{f.Action}/{f.Owner}/{f.DueOn}/{f.Done}")]);
    });

    public static Task<string> VisitSnapshotAsync(UraFactory factory, Guid visitId) => factory.WithDb(async db =>
    {
        var v = await db.ExchangeVisits.AsNoTracking().Include(x => x.Visitors).SingleAsync(x => x.Id == visitId);
        return string.Join("\n", [v.HostOrganisationId.ToString(), v.HostCountryCode, v.StartsOn.ToString("O"), v.EndsOn.ToString("O"),
            v.Purpose, v.Outcomes, $"{v.Female}/{v.Male}/{v.OtherOrUnknown}",
            .. v.Visitors.Select(x => x.OrganisationId + "/" + x.CountryCode).Order()]);
    });

    public static Task<(int Trainings, int Participants, int Organisations, int FollowUps, int Visits, int Visitors)> CountsAsync(UraFactory factory) =>
        factory.WithDb(async db => (await db.Trainings.CountAsync(), await db.TrainingParticipants.CountAsync(), await db.TrainingOrganisations.CountAsync(),
            await db.TrainingFollowUps.CountAsync(), await db.ExchangeVisits.CountAsync(), await db.ExchangeVisitors.CountAsync()));
}
