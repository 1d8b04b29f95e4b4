using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Audit;
using Ura.Platform.Data;

namespace Ura.Platform.Federation;

/// <summary>A message from a peer, decrypted, handed to the handler of its type.</summary>
public sealed record InboundMessage(Guid Id, string SenderNodeId, string Type, Guid CorrelationId, long Sequence, DateTime CreatedAt, string Payload)
{
    public T Read<T>() => JsonSerializer.Deserialize<T>(Payload, FederationSender.PayloadJson)
        ?? throw new JsonException($"Empty payload in a {Type} message.");
}

/// <summary>
/// Applies one message type. Runs inside the applier's transaction with the scope's
/// <see cref="UraDbContext"/>: add or change rows, do not save; the applier saves them with the
/// message's "applied" mark, so the effect happens exactly once. Throwing leaves the message to be
/// tried again. A handler must not trust anything in the payload it would not accept from a user.
/// </summary>
public interface IFederationHandler
{
    string Type { get; }
    Task ApplyAsync(InboundMessage message, CancellationToken ct);
}

/// <summary>
/// Applies stored messages of one correlation in sequence order: message n waits until n-1 is
/// applied. Claiming n is a conditional update of the stream from n-1 to n inside the same
/// transaction as the effect, so of several processes only one applies it, and only once.
/// </summary>
public sealed class FederationApplier(UraDbContext db, IEnumerable<IFederationHandler> handlers, AuditLog audit, TimeProvider clock, ILogger<FederationApplier> log)
{
    /// <summary>
    /// Applies the messages of one correlation that are next in order, inside the caller's
    /// transaction if there is one (the receiver stores and applies a delivery in one commit).
    /// </summary>
    public async Task ApplyReadyAsync(string sender, Guid correlation, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (own is not null)
                await AuditChain.LockAsync(db, ct); // see FederationReceiver: the audit lock before any stream row
            while (true)
            {
                db.ChangeTracker.Clear();
                var stream = await db.MessageStreams.AsNoTracking()
                    .FirstOrDefaultAsync(s => s.PeerNodeId == sender && s.CorrelationId == correlation && s.Direction == StreamDirection.Incoming, ct);
                var last = stream?.Sequence ?? 0;
                var next = await db.FederationInbox
                    .FirstOrDefaultAsync(m => m.SenderNodeId == sender && m.CorrelationId == correlation && m.Sequence == last + 1 && m.Status != InboxStatus.Applied, ct);
                if (next is null)
                    break;
                if (stream is null && !await CreateStreamAsync(sender, correlation, ct))
                    continue;
                if (!await ApplyAsync(next, last, ct))
                    break;
            }
            if (own is not null)
                await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }

    /// <summary>Tries every correlation with waiting or failed messages (the apply job).</summary>
    public async Task ApplyWaitingAsync(CancellationToken ct)
    {
        var streams = await db.FederationInbox.AsNoTracking()
            .Where(m => m.Status != InboxStatus.Applied)
            .Select(m => new { m.SenderNodeId, m.CorrelationId })
            .Distinct()
            .OrderBy(m => m.SenderNodeId).ThenBy(m => m.CorrelationId)
            .Take(500)
            .ToListAsync(ct);
        foreach (var s in streams)
            await ApplyReadyAsync(s.SenderNodeId, s.CorrelationId, ct);
    }

    private async Task<bool> CreateStreamAsync(string sender, Guid correlation, CancellationToken ct)
    {
        try
        {
            db.MessageStreams.Add(new MessageStream { PeerNodeId = sender, CorrelationId = correlation, Direction = StreamDirection.Incoming });
            await db.SaveChangesAsync(ct); // a failure rolls back to the savepoint EF takes before it
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another process created it at the same moment; read it again
        }
    }

    /// <summary>Applies one message under a savepoint: a failing handler undoes only its own work.</summary>
    private async Task<bool> ApplyAsync(InboxMessage message, long last, CancellationToken ct)
    {
        var handler = handlers.First(h => h.Type == message.Type);
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync(Savepoint, ct);
        try
        {
            var claimed = await db.MessageStreams
                .Where(s => s.PeerNodeId == message.SenderNodeId && s.CorrelationId == message.CorrelationId
                    && s.Direction == StreamDirection.Incoming && s.Sequence == last)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Sequence, last + 1), ct);
            if (claimed == 0)
            {
                await transaction.ReleaseSavepointAsync(Savepoint, ct);
                return true; // another process applied it; look at the next one
            }
            await handler.ApplyAsync(new InboundMessage(message.Id, message.SenderNodeId, message.Type, message.CorrelationId,
                message.Sequence, message.CreatedAt, message.Payload ?? "{}"), ct);
            message.Status = InboxStatus.Applied;
            message.AppliedAt = clock.GetUtcNow().UtcDateTime;
            message.Attempts++;
            message.LastError = null;
            // The payload has done its work; personal data now lives only where the handler put it.
            message.Payload = null;
            audit.Record("federation.applied", "Envelope", message.Id, $"{message.Type} {message.SenderNodeId} #{message.Sequence}");
            await db.SaveChangesAsync(ct);
            await transaction.ReleaseSavepointAsync(Savepoint, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await transaction.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
            db.ChangeTracker.Clear();
            log.LogError(e, "Applying federation message {Id} ({Type}) from {Sender} failed; it is tried again later", message.Id, message.Type, message.SenderNodeId);
            var error = e.GetType().Name;
            await db.FederationInbox.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, InboxStatus.Failed).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, error), ct);
            return false;
        }
    }

    private const string Savepoint = "federation_apply";
}
