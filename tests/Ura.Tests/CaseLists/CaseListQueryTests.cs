using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Cases;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.CaseLists;

/// <summary>The list's database work stays the same whatever the size of the page: no query per row.</summary>
public sealed class CaseListQueryTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>Runs the list as the supervisor would, through a context that counts the SQL commands sent.</summary>
    private async Task<(int Commands, int Rows)> ListCountingAsync(CaseFilter filter)
    {
        var supervisor = await factory.UserAsync(Demo.Supervisor);
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<UraDbContext>(services.GetRequiredService<DbContextOptions<UraDbContext>>()).AddInterceptors(counter).Options;
        await using var db = new UraDbContext(options, services.GetRequiredService<FieldProtection>());
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, supervisor.Id.ToString()),
            new Claim(CurrentUser.OrganisationClaim, supervisor.OrganisationId.ToString()),
            new Claim(ClaimTypes.Role, Roles.Supervisor),
        ], "test"));
        var user = new CurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } });
        var list = new CaseList(db, user, services.GetRequiredService<BlindIndex>(), new AuditLog(db, user), TimeProvider.System);

        var result = await list.ListAsync(filter, CancellationToken.None);

        Assert.True(result.Succeeded);
        return (counter.Count, result.Value!.Items.Count);
    }

    [Fact]
    public async Task ListAsync_FullPageOrOneRow_SendsTheSameSmallNumberOfCommands()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        CaseView? last = null;
        for (var i = 0; i < CaseList.PageSize + 2; i++)
            last = await OpenAsync(client, Adult("Person", "Number" + i));

        var full = await ListCountingAsync(new CaseFilter { Scope = "organisation" });
        var one = await ListCountingAsync(new CaseFilter { Scope = "organisation", Reference = last!.Reference });

        Assert.Equal((CaseList.PageSize, 1), (full.Rows, one.Rows));
        Assert.Equal(one.Commands, full.Commands);
        Assert.InRange(full.Commands, 1, 4);
    }
}
