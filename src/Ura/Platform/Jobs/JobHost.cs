using Microsoft.Extensions.Options;

namespace Ura.Platform.Jobs;

/// <summary>Background work that runs every so often. A run must be safe to repeat and to interrupt.</summary>
public interface IJob
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>The <c>Ura:Jobs</c> settings: whether this process runs background jobs, and how often.</summary>
public sealed class JobOptions
{
    public const string Section = "Ura:Jobs";

    /// <summary>False stops this process from running any job (tests run them directly).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan EmailInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan DeadlineInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often federation messages that wait for an earlier one, or whose handler failed, are tried again.</summary>
    public TimeSpan FederationApplyInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often queued exports are looked for (and expired export files removed).</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times an e-mail is tried before it is given up (marked failed).</summary>
    public int EmailMaxAttempts { get; set; } = 8;

    /// <summary>How long the SMTP server may take to answer (at most a minute: the message's lease is five).</summary>
    public TimeSpan EmailTimeout
    {
        get => emailTimeout;
        set => emailTimeout = value > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : value;
    }

    private TimeSpan emailTimeout = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs one job every interval in a fresh scope, while holding the job's lease, so that of several
/// processes on one database only one runs it at a time. Failures are logged and retried next round.
/// </summary>
internal sealed class JobHost<TJob>(IServiceScopeFactory scopes, IOptions<JobOptions> options, ILogger<JobHost<TJob>> log, string name, Func<JobOptions, TimeSpan> interval)
    : BackgroundService where TJob : class, IJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        var every = interval(options.Value);
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var owner = JobLeases.NewOwner();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
                // The lease outlasts a slow run by far; a dead process holds it no longer than this.
                if (!await leases.TryAcquireAsync(name, owner, every * 10, stoppingToken))
                    continue;
                try
                {
                    await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(stoppingToken);
                }
                finally
                {
                    await leases.ReleaseAsync(name, owner, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Background job {Job} failed; it runs again in {Interval}", name, every);
            }
        }
    }
}

public static class JobRegistration
{
    /// <summary>Registers <typeparamref name="TJob"/> (scoped, so tests can run it directly) and its host.</summary>
    public static IServiceCollection AddUraJob<TJob>(this IServiceCollection services, string name, Func<JobOptions, TimeSpan> interval) where TJob : class, IJob
    {
        services.AddScoped<TJob>();
        services.AddHostedService(sp => new JobHost<TJob>(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IOptions<JobOptions>>(),
            sp.GetRequiredService<ILogger<JobHost<TJob>>>(), name, interval));
        return services;
    }
}
