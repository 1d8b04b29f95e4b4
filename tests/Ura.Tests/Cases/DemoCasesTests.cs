using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.Cases;

/// <summary>Invented demo cases look like real work: every status and stage, children with guardians, encrypted names, unique references.</summary>
public sealed class DemoCasesTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private async Task<int> SeedAsync(int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoCases>().SeedAsync(count, CancellationToken.None);
    }

    [Fact]
    public async Task Seed_TwoHundredCases_VariedStatusesStagesChildrenTasksAndClosures()
    {
        var before = await factory.WithDb(db => db.Cases.CountAsync());

        Assert.Equal(200, await SeedAsync(200));

        var (cases, statuses, stages, children, guardians, overdue, closures, closedCases) = await factory.WithDb(async db => (
            await db.Cases.CountAsync(),
            await db.Cases.Select(c => c.Status).Distinct().CountAsync(),
            await db.Cases.Select(c => c.Stage).Distinct().CountAsync(),
            await db.Persons.CountAsync(p => p.IsChild),
            await db.Persons.CountAsync(p => p.IsChild && p.GuardianName != null),
            await db.CaseTasks.CountAsync(t => t.CompletedAt == null && t.DueOn < DateOnly.FromDateTime(DateTime.UtcNow)),
            await db.CaseClosures.CountAsync(c => c.Decision == Ura.Features.Cases.ClosureDecision.Approved),
            await db.Cases.CountAsync(c => c.Status == CaseStatus.Closed || c.Status == CaseStatus.ClosedReferred)));
        Assert.Equal(before + 200, cases);
        Assert.Equal(4, statuses);
        Assert.Equal(5, stages);
        Assert.True(children > 0);
        Assert.Equal(children, guardians);
        Assert.True(overdue > 0);
        Assert.Equal(closedCases, closures);
        var (consents, goals, linkedServices, codes, events, decided, actual, reflection) = await factory.WithDb(async db => (
            await db.Consents.CountAsync(),
            await db.PlanGoals.CountAsync(),
            await db.ServiceDeliveries.CountAsync(s => s.PlanGoalId != null),
            await db.ExploitationCodes.CountAsync(c => c.Kind == ExploitationCodeKind.TypeOfExploitation),
            await db.TraffickingEvents.CountAsync(),
            await db.Set<Ura.Features.Identification.IdentificationSubmission>().CountAsync(s => s.Decision != null),
            await db.Cases.CountAsync(c => c.TraffickingStatus != TraffickingStatus.PossibleVictimOfTrafficking),
            await db.Set<Ura.Features.Identification.CaseIdentification>().CountAsync(i => i.ReflectionEndsOn != null)));
        Assert.True(consents > 100, $"{consents} consents");
        Assert.True(goals > 0 && linkedServices > 0);
        Assert.True(codes >= 200, $"{codes} exploitation types");
        Assert.True(events >= 400, $"{events} trafficking events");
        Assert.Equal(actual, decided);
        Assert.Equal(await factory.WithDb(db => db.Cases.CountAsync(c => c.TraffickingStatus == TraffickingStatus.ActualVictimOfTrafficking)), reflection);
    }

    [Fact]
    public async Task Seed_ThenOpenCase_ReferencesUniqueAndNamesEncryptedButSearchable()
    {
        await SeedAsync(120);
        var client = await factory.SignInAsync(Demo.CaseWorker);

        var opened = await OpenAsync(client, Adult("Seeded", "Afterwards"));

        var references = await factory.WithDb(db => db.Cases.Select(c => c.Reference).ToListAsync());
        Assert.Equal(references.Count, references.Distinct().Count());
        Assert.Contains(opened.Reference, references);
        var raw = await factory.WithDb(db => db.Database.SqlQueryRaw<string>("SELECT \"FamilyName\" AS \"Value\" FROM \"Persons\"").ToListAsync());
        Assert.DoesNotContain(raw, r => r is "Hoxha" or "Gashi" or "Petrović" or "Hodžić");
        // A seeded person of the worker's organisation is found by name through the blind index.
        var seeded = await factory.WithDb(db => db.Persons.AsNoTracking()
            .Where(p => p.CaseId != opened.Id && db.Cases.Any(c => c.Id == p.CaseId && c.Team.Any(m => db.Users.Any(u => u.Id == m.UserId && u.Email == Demo.CaseWorker))))
            .FirstAsync());
        var found = await client.PostAsJsonAsync("/api/v1/cases/duplicates", new
        {
            givenNames = seeded.GivenNames, familyName = seeded.FamilyName, birthYear = int.Parse(seeded.BirthDate[..4]), gender = seeded.Gender.ToString(),
        });
        Assert.Contains(seeded.CaseId.ToString(), await found.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLine_DemoSeedTwice_SecondRunAddsCases()
    {
        var data = Path.Combine(Path.GetTempPath(), "ura-cli-tests", Guid.NewGuid().ToString("N"));
        var connectionString = TestDatabase.Create();
        var environment = new Dictionary<string, string?>
        {
            ["Ura__DataDirectory"] = data,
            ["Ura__Keys__KeyEncryptionKey"] = Ura.Platform.Crypto.KeyEncryptionKey.Generate(),
            ["Ura__Database__Provider"] = TestDatabase.Provider,
            ["Ura__Database__ConnectionString"] = connectionString,
        };
        try
        {
            var first = await UraProcess.RunAsync(environment, "demo", "seed", "--cases", "30");
            var second = await UraProcess.RunAsync(environment, "demo", "seed", "--cases", "20");
            var verify = await UraProcess.RunAsync(environment, "audit", "verify");

            Assert.Equal((0, 0, 0), (first.ExitCode, second.ExitCode, verify.ExitCode));
            Assert.Contains("Cases: 50", (await UraProcess.RunAsync(environment, "demo", "seed", "--cases", "0")).Output, StringComparison.Ordinal);
        }
        finally
        {
            TestDatabase.Drop(connectionString);
        }
    }
}
