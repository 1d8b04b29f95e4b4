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
/// applied. The stream's sequence is a concurrency token: moving it from n-1 to n is saved with the
/// effect, so of several processes only one applies a message, and only once.
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
            db.ChangeTracker.Clear();
            var stream = await db.MessageStreams
                .FirstOrDefaultAsync(s => s.PeerNodeId == sender && s.CorrelationId == correlation && s.Direction == StreamDirection.Incoming, ct);
            var last = stream?.Sequence ?? 0;
            var waiting = await db.FederationInbox
                .Where(m => m.SenderNodeId == sender && m.CorrelationId == correlation && m.Sequence > last && m.Status != InboxStatus.Applied)
                .OrderBy(m => m.Sequence)
                .ToListAsync(ct);
            var ready = waiting.TakeWhile((m, i) => m.Sequence == last + 1 + i).ToList();
            if (ready.Count > 0 && (stream ?? await CreateStreamAsync(sender, correlation, ct)) is { } open)
            {
                foreach (var message in ready)
                {
                    if (!await ApplyAsync(open, message, ct))
                        break;
                }
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

    /// <summary>The new stream, or null when another process created it at the same moment (it applies the messages).</summary>
    private async Task<MessageStream?> CreateStreamAsync(string sender, Guid correlation, CancellationToken ct)
    {
        var stream = new MessageStream { PeerNodeId = sender, CorrelationId = correlation, Direction = StreamDirection.Incoming };
        db.MessageStreams.Add(stream);
        try
        {
            await db.SaveChangesAsync(ct); // a failure rolls back to the savepoint EF takes before it
            return stream;
        }
        catch (DbUpdateException)
        {
            db.Entry(stream).State = EntityState.Detached;
            return null;
        }
    }

    /// <summary>
    /// Applies one message under a savepoint: a failing handler undoes only its own work. False when
    /// the correlation stops here (the handler failed, or another process moved the stream on).
    /// </summary>
    private async Task<bool> ApplyAsync(MessageStream stream, InboxMessage message, CancellationToken ct)
    {
        var handler = handlers.First(h => h.Type == message.Type);
        // Only this message and its stream tracked: SaveChanges looks at every tracked entity, and a
        // delivery of fifty would otherwise make each save slower than the one before.
        db.ChangeTracker.Clear();
        db.Attach(stream);
        db.Attach(message);
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync(Savepoint, ct);
        // This savepoint does what EF's own savepoint around SaveChanges would.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            stream.Sequence = message.Sequence;
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
        catch (DbUpdateConcurrencyException)
        {
            // Another process applied this message first; it goes on with the ones after it.
            await transaction.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
            db.ChangeTracker.Clear();
            return false;
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
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    private const string Savepoint = "federation_apply";
}
