using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Directory;
using Ura.Platform.Crypto;
using Ura.Platform.Data;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.ServiceDirectory;

/// <summary>A page of search results costs the same few queries however many services it holds: no query per row.</summary>
public sealed class DirectorySearchQueryTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private async Task<(int Commands, int Rows)> SearchCountingAsync(DirectoryFilter filter)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<UraDbContext>(services.GetRequiredService<DbContextOptions<UraDbContext>>()).AddInterceptors(counter).Options;
        await using var db = new UraDbContext(options, services.GetRequiredService<FieldProtection>());

        var result = await new DirectorySearch(db).SearchAsync(filter, CancellationToken.None);

        Assert.True(result.Succeeded);
        return (counter.Count, result.Value!.Items.Count);
    }

    [Fact]
    public async Task SearchAsync_FullPageOrOneRow_SendsTheSameSmallNumberOfCommands()
    {
        var full = await SearchCountingAsync(new DirectoryFilter());
        var one = await SearchCountingAsync(new DirectoryFilter { Category = "legal-counselling", City = "Скопје" });

        Assert.Equal(DirectorySearch.PageSize, full.Rows);
        Assert.Equal(1, one.Rows);
        Assert.Equal(full.Commands, one.Commands);
        Assert.True(full.Commands <= 4, $"{full.Commands} commands");
    }
}
