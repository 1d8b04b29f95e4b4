using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Admin;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Admin;

public sealed class UserAccountsTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task CreateAsync_UnknownRole_LeavesNoUserAndNoAuditEvent()
    {
        var organisationId = await factory.WithDb(db => db.Organisations.Select(o => o.Id).FirstAsync());
        var (users, events) = await Counts();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => accounts.CreateAsync(
                "half.made@example.org", "Half Made", organisationId, [Roles.CaseWorker, "NoSuchRole"], UserAccounts.NewPassword(), CancellationToken.None));
        }

        Assert.Equal((users, events), await Counts());
        Assert.False(await factory.WithDb(db => db.Users.AnyAsync(u => u.NormalizedEmail == "HALF.MADE@EXAMPLE.ORG")));
    }

    [Fact]
    public async Task CreateAsync_ValidUser_SavesUserRolesAndAuditEventTogether()
    {
        var organisationId = await factory.WithDb(db => db.Organisations.Select(o => o.Id).FirstAsync());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var result = await accounts.CreateAsync("whole@example.org", "Whole", organisationId, [Roles.Analyst], UserAccounts.NewPassword(), CancellationToken.None);
            Assert.True(result.Succeeded);
        }

        await factory.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.NormalizedEmail == "WHOLE@EXAMPLE.ORG");
            Assert.Equal(1, await db.UserRoles.CountAsync(r => r.UserId == user.Id));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "user.create" && e.EntityId == user.Id.ToString()));
        });
    }

    private Task<(int Users, int Events)> Counts() =>
        factory.WithDb(async db => (await db.Users.CountAsync(), await db.AuditEvents.CountAsync()));
}
