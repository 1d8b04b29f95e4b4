using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Platform.Data;
using Ura.Platform.Jobs;

namespace Ura.Platform.Federation;

/// <summary>
/// Sends due outbox messages to their peers. Each message is leased by a conditional update before
/// it is sent, so several processes of one node on one database never send the same message at the
/// same time. A signed receipt marks it delivered; a failure waits with exponential backoff and
/// jitter; a permanent refusal, too many attempts or expiry make it a dead letter.
/// </summary>
public sealed class FederationDispatcher(
    UraDbContext db, IHttpClientFactory http, IOptions<FederationOptions> options, TimeProvider clock, ILogger<FederationDispatcher> log)
{
    public const string HttpClientName = "federation";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Sends what is due now, up to <paramref name="batch"/> messages; returns how many were tried.</summary>
    public async Task<int> DeliverDueAsync(int batch, CancellationToken ct)
    {
        var owner = JobLeases.NewOwner();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.FederationOutbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && (o.LeasedUntil == null || o.LeasedUntil < now))
            .OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id)
            .Select(o => o.Id)
            .Take(batch)
            .ToListAsync(ct);
        if (due.Count == 0)
            return 0;
        var until = now + Lease;
        // Under PostgreSQL a racing update waits, then re-reads the condition: a row goes to one owner only.
        // NextAttemptAt is in the condition too: another process may have tried it and set its backoff meanwhile.
        await db.FederationOutbox
            .Where(o => due.Contains(o.Id) && o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && (o.LeasedUntil == null || o.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, owner).SetProperty(o => o.LeasedUntil, until), ct);
        var mine = await db.FederationOutbox.AsNoTracking()
            .Where(o => due.Contains(o.Id) && o.LeaseOwner == owner)
            .OrderBy(o => o.Sequence)
            .ToListAsync(ct);
        var peers = await db.FederationPeers.AsNoTracking().ToDictionaryAsync(p => p.NodeId, ct);

        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(OutboxMessage Message, Outcome Outcome)>();
        await Parallel.ForEachAsync(Deliveries(mine), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.ParallelDeliveries), CancellationToken = ct },
            async (delivery, token) =>
            {
                var answers = await SendAsync(delivery, peers.GetValueOrDefault(delivery[0].PeerNodeId), token);
                for (var i = 0; i < delivery.Count; i++)
                    outcomes.Add((delivery[i], answers[i]));
            });

        // One transaction for the whole batch: on SQLite every commit waits for the disk (about 5 ms
        // here), and two commits per message capped delivery at about a hundred messages a second.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var (message, outcome) in outcomes)
                await RecordAsync(message, outcome, owner, ct);
            var recorded = clock.GetUtcNow().UtcDateTime;
            var reached = outcomes.Where(o => o.Outcome.Receipt is not null).Select(o => o.Message.PeerNodeId).Distinct().ToList();
            if (reached.Count > 0)
                await db.FederationPeers.Where(p => reached.Contains(p.NodeId)).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactAt, recorded), ct);
            await transaction.CommitAsync(ct);
        }
        return mine.Count;
    }

    /// <summary>
    /// The messages for each peer in deliveries of up to <see cref="FederationReceiver.MaxBatch"/> envelopes
    /// and <see cref="FederationOptions.MaxEnvelopeBytes"/> bytes: one request and one commit at the peer for many.
    /// </summary>
    private IEnumerable<List<OutboxMessage>> Deliveries(IEnumerable<OutboxMessage> messages)
    {
        foreach (var peer in messages.GroupBy(m => m.PeerNodeId))
        {
            var delivery = new List<OutboxMessage>();
            var bytes = 2;
            foreach (var message in peer)
            {
                if (delivery.Count == FederationReceiver.MaxBatch || delivery.Count > 0 && bytes + message.Envelope.Length + 1 > options.Value.MaxEnvelopeBytes)
                {
                    yield return delivery;
                    delivery = [];
                    bytes = 2;
                }
                delivery.Add(message);
                bytes += message.Envelope.Length + 1;
            }
            yield return delivery;
        }
    }

    private sealed record Outcome(Receipt? Receipt, string? Error, bool Permanent);

    /// <summary>One outcome per message. A single envelope travels as itself, several as a JSON array.</summary>
    private async Task<Outcome[]> SendAsync(List<OutboxMessage> delivery, FederationPeer? peer, CancellationToken ct)
    {
        if (peer is null)
            return [.. delivery.Select(_ => new Outcome(null, "peer_removed", true))];
        using var key = ECDsa.Create(EnvelopeCrypto.FromPoint(peer.SigningPublicKey)); // once per delivery, not per receipt
        try
        {
            var body = delivery.Count == 1 ? delivery[0].Envelope : "[" + string.Join(',', delivery.Select(m => m.Envelope)) + "]";
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.CreateClient(HttpClientName).PostAsync(new Uri(new Uri(peer.Url + "/"), "federation/v1/inbox"), content, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            if (delivery.Count == 1 || !response.IsSuccessStatusCode)
                return [.. delivery.Select(m => Read(m, peer, key, response.StatusCode, answer))];
            var answers = Split(answer);
            if (answers?.Length != delivery.Count)
                return [.. delivery.Select(_ => new Outcome(null, "bad_receipt", false))];
            return [.. delivery.Select((m, i) => Read(m, peer, key, response.StatusCode, answers[i]))];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            return [.. delivery.Select(_ => new Outcome(null, "unreachable:" + e.GetType().Name, false))];
        }
    }

    /// <summary>What the peer answered for one message: a refusal, a receipt to check, or an HTTP failure.</summary>
    private static Outcome Read(OutboxMessage message, FederationPeer peer, ECDsa key, HttpStatusCode status, string answer)
    {
        if (RefusalOf(answer) is { } refusal)
            return new(null, "refused:" + refusal, !Refusals.IsTemporary(refusal));
        return (int)status is >= 200 and < 300 ? CheckReceipt(message, peer, key, answer) : new(null, $"http:{(int)status}", false);
    }

    private static string[]? Split(string answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            return json.RootElement.ValueKind == JsonValueKind.Array ? [.. json.RootElement.EnumerateArray().Select(e => e.GetRawText())] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Outcome CheckReceipt(OutboxMessage message, FederationPeer peer, ECDsa key, string body)
    {
        Receipt? receipt;
        try
        {
            receipt = JsonSerializer.Deserialize<Receipt>(body);
        }
        catch (JsonException)
        {
            receipt = null;
        }
        var envelope = Envelope.Parse(message.Envelope)!;
        bool valid;
        try
        {
            valid = receipt is not null && receipt.Envelope == envelope.Id && receipt.Receiver == peer.NodeId
                && receipt.Digest == envelope.Digest() && EnvelopeCrypto.Verify(key, receipt.CanonicalSigned(), receipt.Signature);
        }
        catch (ArgumentException)
        {
            valid = false; // a member missing or null: not a receipt
        }
        return valid ? new(receipt, null, false) : new(null, "bad_receipt", false);
    }

    private static string? RefusalOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("refused", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task RecordAsync(OutboxMessage message, Outcome outcome, string owner, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.FederationOutbox.Where(o => o.Id == message.Id && o.LeaseOwner == owner);
        if (outcome.Receipt is not null)
        {
            var receipt = JsonSerializer.Serialize(outcome.Receipt);
            await mine.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Delivered).SetProperty(o => o.DeliveredAt, now)
                .SetProperty(o => o.Receipt, receipt).SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.LastError, (string?)null)
                .SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeasedUntil, (DateTime?)null), ct);
            return;
        }
        var attempts = message.Attempts + 1;
        var dead = outcome.Permanent || attempts >= options.Value.MaxAttempts || message.ExpiresAt <= now;
        var next = now + Backoff(attempts);
        if (dead)
            log.LogWarning("Federation message {Id} ({Type}) to {Peer} is a dead letter after {Attempts} attempts: {Error}",
                message.Id, message.Type, message.PeerNodeId, attempts, outcome.Error);
        var error = outcome.Error;
        await mine.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, dead ? OutboxStatus.Dead : OutboxStatus.Pending)
            .SetProperty(o => o.Attempts, attempts).SetProperty(o => o.NextAttemptAt, next).SetProperty(o => o.LastError, error)
            .SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeasedUntil, (DateTime?)null), ct);
    }

    /// <summary>About <c>FirstBackoff × 2^(attempts-1)</c>, capped, with "equal jitter" (between half and all of it) so peers coming back are not stormed.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var full = Math.Min(o.MaxBackoff.TotalMilliseconds, o.FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return TimeSpan.FromMilliseconds(full / 2 + Random.Shared.NextDouble() * full / 2);
    }
}

/// <summary>Runs the dispatcher whenever this process commits a message, and every few seconds for retries and other processes' messages.</summary>
internal sealed class FederationDispatchHost(IServiceScopeFactory scopes, DispatchSignal signal, IOptions<JobOptions> jobs,
    IOptions<FederationOptions> options, ILogger<FederationDispatchHost> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(options.Value.DispatchInterval, stoppingToken);
                int sent;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    sent = await scope.ServiceProvider.GetRequiredService<FederationDispatcher>().DeliverDueAsync(100, stoppingToken);
                }
                while (sent > 0);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Federation dispatch failed; it runs again shortly");
            }
        }
    }
}

/// <summary>Tries waiting and failed inbound messages again (the apply job).</summary>
internal sealed class FederationApplyJob(FederationApplier applier) : IJob
{
    public Task RunAsync(CancellationToken ct) => applier.ApplyWaitingAsync(ct);
}
