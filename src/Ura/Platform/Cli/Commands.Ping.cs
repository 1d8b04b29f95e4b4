using Microsoft.EntityFrameworkCore;
using Ura.Platform.Data;
using Ura.Platform.Federation;

namespace Ura.Platform.Cli;

/// <summary>
/// <c>ura peers ping ID [--count N] [--correlations K] [--every MS]</c>: puts test messages (<c>federation.ping</c>)
/// for a peer into the outbox, each committed on its own as a real change would be. The running
/// <c>serve</c> processes deliver them; the peer's audit log then shows one "federation.applied" per
/// message. Operators use it to check a peer end to end; the reliability tests and
/// <c>bench/federation.sh</c> use it to make load.
/// </summary>
public static partial class Commands
{
    private static async Task<int> PingPeerAsync(IServiceProvider services, string peerNodeId, List<string> options)
    {
        var count = IntOption(options, "--count") ?? 1;
        var correlations = IntOption(options, "--correlations") ?? 1;
        var every = IntOption(options, "--every") ?? 0;
        if (count is < 1 or > 100_000 || correlations < 1 || correlations > count || every is < 0 or > 60_000)
            throw new UsageException("--count must be 1 to 100000, --correlations 1 to the count, --every 0 to 60000 (milliseconds).");
        if (await services.GetRequiredService<NodeIdentity>().LoadAsync() is null)
            return Print("This node has no identity yet: run 'ura node init --id ID --country CODE --url URL'.", 1);
        var db = services.GetRequiredService<UraDbContext>();
        if (!await db.FederationPeers.AnyAsync(p => p.NodeId == peerNodeId))
            return Print($"No peer '{peerNodeId}'.", 1);

        // Messages of one correlation are applied in order; several correlations let the peer apply in parallel.
        var streams = Enumerable.Range(0, correlations).Select(_ => Guid.CreateVersion7()).ToArray();
        var sender = services.GetRequiredService<FederationSender>();
        for (var n = 0; n < count; n++)
        {
            await sender.SendAsync(peerNodeId, PingHandler.MessageType, streams[n % correlations], new { n = n + 1 }, CancellationToken.None);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            // A steady rate, so that latency can be measured without a queue in front of it.
            if (every > 0)
                await Task.Delay(every);
        }
        return Print($"Queued {count} test message(s) for {peerNodeId} in {correlations} correlation(s); the running service delivers them.", 0);
    }
}
