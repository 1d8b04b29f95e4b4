namespace Ura.Platform.Federation;

/// <summary>
/// <c>federation.ping</c>: a message with no effect but its "applied" audit event, sent from the
/// federation page to check that a peer is reachable and trusts this node.
/// </summary>
public sealed class PingHandler : IFederationHandler
{
    public const string MessageType = "federation.ping";

    public string Type => MessageType;

    public Task ApplyAsync(InboundMessage message, CancellationToken ct) => Task.CompletedTask;
}
