using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Federation;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Federation;

/// <summary>
/// The inbox endpoint, fed envelopes built by a test peer: every refusal code (answer, refusal row,
/// audit event, nothing stored or applied), duplicates, and early arrivals buffered then applied in order.
/// </summary>
public sealed class ReceiverTests : IAsyncLifetime, IDisposable
{
    private readonly FederationTestNode node = new();
    private readonly TestPeer al = new("al");
    private readonly TestPeer stranger = new("zz");
    private LocalNode self = null!;
    private byte[] key = [];

    public async Task InitializeAsync()
    {
        self = await node.InitAsync(al);
        key = node.AgreementKey(self);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        node.Dispose();
        al.Dispose();
        stranger.Dispose();
    }

    private Envelope Ping(long sequence = 1, Guid? correlation = null) => al.Seal(FederationTestNode.Id, key, correlation ?? Guid.CreateVersion7(), sequence);

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(Envelope envelope) => await PostAsync(envelope.ToJson());

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(IEnumerable<Envelope> several) =>
        await PostAsync("[" + string.Join(',', several.Select(e => e.ToJson())) + "]");

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string body)
    {
        using var response = await node.PostEnvelopeAsync(body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    private async Task AssertRefusedAsync(string body, string code, HttpStatusCode status = HttpStatusCode.BadRequest, Guid? envelopeId = null)
    {
        var inboxBefore = await node.WithDb(db => db.FederationInbox.CountAsync());
        var appliedBefore = await node.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.applied"));

        var (answer, json) = await PostAsync(body);

        Assert.Equal(status, answer);
        Assert.Equal(code, json.GetProperty("refused").GetString());
        var refusal = await node.WithDb(db => db.FederationRefusals.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstAsync());
        Assert.Equal(code, refusal.Reason);
        Assert.Equal(envelopeId, refusal.EnvelopeId);
        var entityId = envelopeId?.ToString();
        Assert.True(await node.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "federation.refused" && a.Detail == code && a.EntityId == entityId)));
        Assert.Equal(inboxBefore, await node.WithDb(db => db.FederationInbox.CountAsync()));
        Assert.Equal(appliedBefore, await node.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.applied")));
    }

    private static Guid IdOf(Envelope e) => Guid.Parse(e.Id);

    [Fact]
    public async Task Receive_ValidEnvelope_StoredAppliedWithSignedReceipt()
    {
        var envelope = Ping();

        var (status, receipt) = await PostAsync(envelope);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("stored", receipt.GetProperty("status").GetString());
        var parsed = receipt.Deserialize<Receipt>()!;
        Assert.Equal(envelope.Digest(), parsed.Digest);
        Assert.True(EnvelopeCrypto.Verify(EnvelopeCrypto.PublicPoint(self.Signer), parsed.CanonicalSigned(), parsed.Signature));
        var inbox = await node.WithDb(db => db.FederationInbox.SingleAsync());
        Assert.Equal(InboxStatus.Applied, inbox.Status);
        Assert.NotNull(await node.WithDb(db => db.FederationPeers.Where(p => p.NodeId == "al").Select(p => p.LastContactAt).SingleAsync()));
    }

    [Fact]
    public async Task Receive_NotJson_RefusedMalformed() =>
        await AssertRefusedAsync("this is not an envelope", Refusals.Malformed);

    [Fact]
    public async Task Receive_NullMember_RefusedMalformed() =>
        await AssertRefusedAsync(Ping().ToJson().Replace("\"sequence\":1", "\"sequence\":null", StringComparison.Ordinal), Refusals.Malformed);

    [Fact]
    public async Task Receive_ForAnotherNode_RefusedWrongRecipient()
    {
        var envelope = al.Seal("mk", key, Guid.CreateVersion7(), 1);
        await AssertRefusedAsync(envelope.ToJson(), Refusals.WrongRecipient, envelopeId: IdOf(envelope));
    }

    [Fact]
    public async Task Receive_FromUnpinnedNode_RefusedUnknownSender()
    {
        var envelope = stranger.Seal(FederationTestNode.Id, key, Guid.CreateVersion7(), 1);
        await AssertRefusedAsync(envelope.ToJson(), Refusals.UnknownSender, envelopeId: IdOf(envelope));
    }

    [Fact]
    public async Task Receive_SignedByAnotherKey_RefusedBadSignature()
    {
        // A stranger pretending to be "al": right name, wrong key.
        var forged = new TestPeer("al");
        var envelope = forged.Seal(FederationTestNode.Id, key, Guid.CreateVersion7(), 1);
        await AssertRefusedAsync(envelope.ToJson(), Refusals.BadSignature, envelopeId: IdOf(envelope));
        forged.Dispose();
    }

    [Fact]
    public async Task Receive_ChangedAfterSigning_RefusedBadSignature()
    {
        var envelope = Ping() with { Type = "transnational.referral" };
        await AssertRefusedAsync(envelope.ToJson(), Refusals.BadSignature, envelopeId: IdOf(envelope));
    }

    [Fact]
    public async Task Receive_Expired_RefusedExpired()
    {
        var envelope = al.Seal(FederationTestNode.Id, key, Guid.CreateVersion7(), 1, created: DateTime.UtcNow.AddDays(-3), lifetime: TimeSpan.FromDays(1));
        await AssertRefusedAsync(envelope.ToJson(), Refusals.Expired, envelopeId: IdOf(envelope));
    }

    [Fact]
    public async Task Receive_CreatedBeyondClockSkew_RefusedNotYetValid()
    {
        var envelope = al.Seal(FederationTestNode.Id, key, Guid.CreateVersion7(), 1, created: DateTime.UtcNow.AddHours(1));
        await AssertRefusedAsync(envelope.ToJson(), Refusals.NotYetValid, envelopeId: IdOf(envelope));
    }

    [Fact]
    public async Task Receive_TypeWithoutHandler_RefusedUnknownType()
    {
        var envelope = al.Seal(FederationTestNode.Id, key, Guid.CreateVersion7(), 1, type: "no.such.type");
        await AssertRefusedAsync(envelope.ToJson(), Refusals.UnknownType, envelopeId: IdOf(envelope));
    }

    [Fact]
    public async Task Receive_CiphertextTamperedThenSigned_RefusedBadCiphertext()
    {
        var envelope = Ping();
        var cipher = Convert.FromBase64String(envelope.Ciphertext);
        cipher[0] ^= 1;
        var tampered = al.Resign(envelope with { Ciphertext = Convert.ToBase64String(cipher) });
        await AssertRefusedAsync(tampered.ToJson(), Refusals.BadCiphertext, envelopeId: IdOf(tampered));
    }

    [Fact]
    public async Task Receive_SameIdOtherContent_RefusedReplayedDifferent()
    {
        var first = Ping();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(first)).Status);
        var replay = al.Seal(FederationTestNode.Id, key, Guid.CreateVersion7(), 1, payload: "{\"other\":true}", id: first.Id);

        await AssertRefusedAsync(replay.ToJson(), Refusals.ReplayedDifferent, envelopeId: IdOf(replay));
        Assert.Equal(1, await node.WithDb(db => db.FederationInbox.Where(m => m.Id == IdOf(first)).Select(m => m.Deliveries).SingleAsync()));
    }

    [Fact]
    public async Task Receive_SequenceAlreadyApplied_RefusedSequenceReused()
    {
        var correlation = Guid.CreateVersion7();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Ping(1, correlation))).Status);
        var again = Ping(1, correlation);
        await AssertRefusedAsync(again.ToJson(), Refusals.SequenceReused, envelopeId: IdOf(again));
    }

    [Fact]
    public async Task Receive_SequenceWaitingTakenByAnotherEnvelope_RefusedSequenceReused()
    {
        var correlation = Guid.CreateVersion7();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Ping(3, correlation))).Status);
        var again = Ping(3, correlation);
        await AssertRefusedAsync(again.ToJson(), Refusals.SequenceReused, envelopeId: IdOf(again));
    }

    [Fact]
    public async Task Receive_SequenceBeyondGapLimit_RefusedSequenceGapAsTemporary()
    {
        var envelope = Ping(1002);
        await AssertRefusedAsync(envelope.ToJson(), Refusals.SequenceGap, HttpStatusCode.Conflict, IdOf(envelope));
    }

    [Fact]
    public async Task Receive_NodeWithoutIdentity_RefusedNotANodeAsTemporary()
    {
        using var bare = new FederationTestNode();
        var envelope = al.Seal("xk", key, Guid.CreateVersion7(), 1);

        using var response = await bare.PostEnvelopeAsync(envelope.ToJson());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(Refusals.NotANode, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Refusals.NotANode, await bare.WithDb(db => db.FederationRefusals.Select(r => r.Reason).SingleAsync()));
        Assert.Equal(0, await bare.WithDb(db => db.FederationInbox.CountAsync()));
    }

    [Fact]
    public async Task Receive_SameEnvelopeTwice_AppliedOnceDeliveriesTwoReceiptDuplicate()
    {
        var envelope = Ping();

        var first = await PostAsync(envelope);
        var second = await PostAsync(envelope);

        Assert.Equal("stored", first.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal("duplicate", second.Body.GetProperty("status").GetString());
        var inbox = await node.WithDb(db => db.FederationInbox.SingleAsync());
        Assert.Equal(2, inbox.Deliveries);
        Assert.Equal(InboxStatus.Applied, inbox.Status);
        Assert.Equal(1, await node.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.applied" && a.EntityId == envelope.Id)));
        Assert.Equal(0, await node.WithDb(db => db.FederationRefusals.CountAsync()));
    }

    [Fact]
    public async Task Receive_OutOfOrder_BufferedThenAppliedInSequenceOrder()
    {
        var correlation = Guid.CreateVersion7();
        var messages = Enumerable.Range(1, 3)
            .Select(n => al.Seal(FederationTestNode.Id, key, correlation, n, FlakyHandler.MessageType, $"{{\"n\":{n}}}"))
            .ToList();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(messages[2])).Status);
        Assert.Equal(InboxStatus.Waiting, await node.WithDb(db => db.FederationInbox.Select(m => m.Status).SingleAsync()));
        Assert.Empty(node.Flaky.Applied);

        await PostAsync(messages[0]);
        Assert.Equal([1L], node.Flaky.Applied);
        Assert.Equal(InboxStatus.Waiting, await node.WithDb(db => db.FederationInbox.Where(m => m.Sequence == 3).Select(m => m.Status).SingleAsync()));

        await PostAsync(messages[1]);
        Assert.Equal([1L, 2L, 3L], node.Flaky.Applied);
        Assert.All(await node.WithDb(db => db.FederationInbox.ToListAsync()), m => Assert.Equal(InboxStatus.Applied, m.Status));
        var appliedOrder = await node.WithDb(db => db.AuditEvents.Where(a => a.Action == "federation.applied").OrderBy(a => a.Sequence).Select(a => a.EntityId).ToListAsync());
        Assert.Equal(messages.Select(m => m.Id), appliedOrder);
    }

    [Fact]
    public async Task Apply_HandlerFails_MarkedFailedThenAppliedByApplyJobOnce()
    {
        node.Flaky.FailuresLeft = 1;
        var correlation = Guid.CreateVersion7();
        var first = al.Seal(FederationTestNode.Id, key, correlation, 1, FlakyHandler.MessageType);
        var second = al.Seal(FederationTestNode.Id, key, correlation, 2, FlakyHandler.MessageType);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(first)).Status);

        var failed = await node.WithDb(db => db.FederationInbox.SingleAsync(m => m.Id == IdOf(first)));
        Assert.Equal(InboxStatus.Failed, failed.Status);
        Assert.Equal(nameof(InvalidOperationException), failed.LastError);
        Assert.NotNull(failed.Payload);
        Assert.Empty(node.Flaky.Applied);
        Assert.Equal(0, await node.WithDb(db => db.MessageStreams.Where(m => m.CorrelationId == correlation).Select(m => m.Sequence).SingleAsync()));

        await node.InScope(async s => { await s.GetRequiredService<FederationApplier>().ApplyWaitingAsync(CancellationToken.None); return 0; });
        Assert.Equal([1L], node.Flaky.Applied);
        await PostAsync(second);

        Assert.Equal([1L, 2L], node.Flaky.Applied);
        var inbox = await node.WithDb(db => db.FederationInbox.OrderBy(m => m.Sequence).ToListAsync());
        Assert.All(inbox, m => Assert.Equal(InboxStatus.Applied, m.Status));
        Assert.Equal(2, inbox[0].Attempts);
        Assert.Null(inbox[0].Payload);
        Assert.Equal(1, await node.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.applied" && a.EntityId == first.Id)));
    }

    [Fact]
    public async Task Receive_SeveralInOneDelivery_AnAnswerForEachInOrderAndOnlyTheRefusedOneLeftOut()
    {
        var correlation = Guid.CreateVersion7();
        var first = al.Seal(FederationTestNode.Id, key, correlation, 1, FlakyHandler.MessageType, "{\"n\":1}");
        var second = al.Seal(FederationTestNode.Id, key, correlation, 2, FlakyHandler.MessageType, "{\"n\":2}");
        using var forger = new TestPeer("al");
        var forged = forger.Seal(FederationTestNode.Id, key, Guid.CreateVersion7(), 1);

        var (status, answers) = await PostAsync([second, forged, first, first]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, answers.GetArrayLength());
        Assert.Equal("stored", answers[0].GetProperty("status").GetString());
        Assert.Equal(second.Id, answers[0].GetProperty("envelope").GetString());
        var receipt = answers[0].Deserialize<Receipt>()!;
        Assert.True(EnvelopeCrypto.Verify(EnvelopeCrypto.PublicPoint(self.Signer), receipt.CanonicalSigned(), receipt.Signature));
        Assert.Equal(Refusals.BadSignature, answers[1].GetProperty("refused").GetString());
        Assert.Equal("stored", answers[2].GetProperty("status").GetString());
        Assert.Equal("duplicate", answers[3].GetProperty("status").GetString());
        Assert.Equal([1L, 2L], node.Flaky.Applied);
        var inbox = await node.WithDb(db => db.FederationInbox.OrderBy(m => m.Sequence).ToListAsync());
        Assert.Equal([IdOf(first), IdOf(second)], inbox.Select(m => m.Id));
        Assert.All(inbox, m => Assert.Equal(InboxStatus.Applied, m.Status));
        Assert.Equal(2, inbox[0].Deliveries);
        Assert.Equal(IdOf(forged), await node.WithDb(db => db.FederationRefusals.Select(r => r.EnvelopeId).SingleAsync()));
    }

    [Fact]
    public async Task Receive_SeveralOneHandlerFails_TheOthersAppliedTheFailedOneWaits()
    {
        node.Flaky.FailuresLeft = 1;
        var failing = al.Seal(FederationTestNode.Id, key, Guid.CreateVersion7(), 1, FlakyHandler.MessageType, "{\"n\":1}");
        var other = al.Seal(FederationTestNode.Id, key, Guid.CreateVersion7(), 1, FlakyHandler.MessageType, "{\"n\":1}");

        var (status, answers) = await PostAsync([failing, other]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(answers.EnumerateArray(), a => Assert.Equal("stored", a.GetProperty("status").GetString()));
        var inbox = await node.WithDb(db => db.FederationInbox.ToDictionaryAsync(m => m.Id));
        Assert.Equal(InboxStatus.Failed, inbox[IdOf(failing)].Status);
        Assert.NotNull(inbox[IdOf(failing)].Payload);
        Assert.Equal(InboxStatus.Applied, inbox[IdOf(other)].Status);
        Assert.Equal([1L], node.Flaky.Applied);
        Assert.Equal(0, await node.WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "federation.applied" && a.EntityId == failing.Id)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[1, 2]")]
    [InlineData("[{\"v\":1}")]
    public async Task Receive_DeliveryNotAnArrayOfEnvelopes_RefusedMalformed(string body) =>
        await AssertRefusedAsync(body, Refusals.Malformed);

    [Fact]
    public async Task Receive_MoreThanFiftyInOneDelivery_RefusedMalformedNothingStored() =>
        await AssertRefusedAsync("[" + string.Join(',', Enumerable.Range(0, FederationReceiver.MaxBatch + 1).Select(_ => Ping().ToJson())) + "]", Refusals.Malformed);
}
