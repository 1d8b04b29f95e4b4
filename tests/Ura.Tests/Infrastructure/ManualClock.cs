namespace Ura.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, so session expiry is tested without waiting.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}

/// <summary>A Ura application whose authentication runs on a <see cref="ManualClock"/>.</summary>
public sealed class ClockedUraFactory : UraFactory
{
    public ManualClock Clock { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(s, Clock));
    }
}
