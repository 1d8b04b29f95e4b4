using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Platform.Localization;

namespace Ura.Platform.Data;

/// <summary>
/// Applies migrations before the server accepts requests (hosted services start first), and in
/// demo mode seeds an empty database.
/// </summary>
internal sealed class MigrateOnStart(IServiceProvider services, IOptions<UraOptions> options, IStringLocalizerFactory localizers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ModelBindingMessages.Use(localizers);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UraDbContext>();
        await DatabaseSetup.MigrateAsync(db, cancellationToken);
        if (options.Value.Demo && !await db.Organisations.AnyAsync(cancellationToken))
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(options.Value.DemoCases, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Ready when the database answers and no migration is pending. A singleton (health checks resolve
/// registered instances): once all migrations were applied, only connectivity is checked, since
/// migrations never go backwards under a running process.
/// </summary>
internal sealed class DatabaseReadyCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    private volatile bool migrated;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UraDbContext>();
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("database unreachable");
            if (migrated)
                return HealthCheckResult.Healthy();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            migrated = pending == 0;
            return migrated ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migrations pending");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database error");
        }
    }
}
