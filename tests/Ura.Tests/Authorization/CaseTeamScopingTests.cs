using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Cases;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Authorization;

public sealed class CaseTeamScopingTests(UraFactory factory) : IClassFixture<UraFactory>
{
    /// <summary>Two cases of the Albanian shelter: one assigned to its case worker, one to nobody.</summary>
    private async Task<(Guid Assigned, Guid Unassigned)> CasesAsync(UraDbContext db)
    {
        var existing = await db.Cases.Where(c => c.Reference.StartsWith("T-")).OrderBy(c => c.Reference).Select(c => c.Id).ToListAsync();
        if (existing.Count == 2)
            return (existing[0], existing[1]);
        var worker = await db.Users.SingleAsync(u => u.Email == Demo.CaseWorker);
        var assigned = new Case { OrganisationId = worker.OrganisationId, Reference = "T-1", OpenedAt = DateTime.UtcNow };
        assigned.Team.Add(new CaseTeamMember { UserId = worker.Id, AssignedAt = DateTime.UtcNow });
        var unassigned = new Case { OrganisationId = worker.OrganisationId, Reference = "T-2", OpenedAt = DateTime.UtcNow };
        db.Cases.AddRange(assigned, unassigned);
        await db.SaveChangesAsync();
        return (assigned.Id, unassigned.Id);
    }

    private async Task<List<Guid>> VisibleTo(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<UraDbContext>();
        await CasesAsync(db);
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<User>>().CreateAsync(user);
        var current = new CurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } });
        return await db.Cases.VisibleToCaseTeam(current).Where(c => c.Reference.StartsWith("T-")).Select(c => c.Id).ToListAsync();
    }

    [Fact]
    public async Task AssignedCaseWorker_SeesOnlyAssignedCase()
    {
        var (assigned, _) = await factory.WithDb(CasesAsync);
        Assert.Equal([assigned], await VisibleTo(Demo.CaseWorker));
    }

    [Fact]
    public async Task SupervisorOfOwningOrganisation_SeesAllItsCases()
    {
        var (assigned, unassigned) = await factory.WithDb(CasesAsync);
        Assert.Equivalent(new[] { assigned, unassigned }, await VisibleTo(Demo.Supervisor));
    }

    [Theory]
    [InlineData("orgadmin", "al")]
    [InlineData("sheltermanager", "al")]
    [InlineData("coordinator", "al")]
    [InlineData("analyst", "al")]
    [InlineData("socialworker", "al")]
    [InlineData("supervisor", "xk")]
    [InlineData("caseworker", "xk")]
    public async Task NotOnTheCaseTeam_SeesNothing(string login, string country)
    {
        Assert.Empty(await VisibleTo(Demo.Email(login, country)));
    }

    [Fact]
    public async Task SystemAdmin_SeesNothing()
    {
        Assert.Empty(await VisibleTo(Demo.SystemAdmin));
    }
}
