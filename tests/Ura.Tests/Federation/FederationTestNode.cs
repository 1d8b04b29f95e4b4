using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Federation;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Federation;

/// <summary>
/// A peer that exists only in the test: its keys are here, so a test can build any envelope it
/// likes (valid, tampered, replayed) and read what the node seals for it.
/// </summary>
public sealed class TestPeer(string nodeId, string country = "AL") : IDisposable
{
    public string NodeId { get; } = nodeId;
    public ECDsa Signer { get; } = EnvelopeCrypto.NewSigningKey();
    public ECDiffieHellman Agreement { get; } = EnvelopeCrypto.NewAgreementKey();

    public string CardJson()
    {
        var card = new NodeCard
        {
            Node = NodeId,
            Country = country,
            Url = $"http://{NodeId}.peer.test",
            SigningKey = Convert.ToBase64String(EnvelopeCrypto.PublicPoint(Signer)),
            AgreementKey = Convert.ToBase64String(EnvelopeCrypto.PublicPoint(Agreement)),
        };
        return (card with { Fingerprint = card.ComputeFingerprint() }).ToJson();
    }

    /// <summary>An envelope from this peer to <paramref name="recipient"/>, sealed for <paramref name="recipientAgreementKey"/> and signed.</summary>
    public Envelope Seal(string recipient, byte[] recipientAgreementKey, Guid correlation, long sequence, string type = PingHandler.MessageType,
        string payload = "{}", DateTime? created = null, TimeSpan? lifetime = null, string? id = null)
    {
        var at = created ?? DateTime.UtcNow;
        at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond));
        var header = new Envelope
        {
            Id = id ?? Guid.CreateVersion7().ToString(),
            Sender = NodeId,
            Recipient = recipient,
            Type = type,
            Created = Envelope.Time(at),
            Expires = Envelope.Time(at + (lifetime ?? TimeSpan.FromDays(1))),
            Correlation = correlation.ToString(),
            Sequence = sequence,
            Epk = "",
        };
        return EnvelopeCrypto.Seal(header, Encoding.UTF8.GetBytes(payload), recipientAgreementKey, Signer);
    }

    /// <summary>Signs <paramref name="envelope"/> again after a test changed it, as a sender would.</summary>
    public Envelope Resign(Envelope envelope) =>
        envelope with { Signature = Convert.ToBase64String(EnvelopeCrypto.Sign(Signer, envelope.CanonicalSigned())) };

    public void Dispose()
    {
        Signer.Dispose();
        Agreement.Dispose();
    }
}

/// <summary>A handler that fails while <see cref="FailuresLeft"/> is above zero, then records what it applied.</summary>
public sealed class FlakyHandler : IFederationHandler
{
    public const string MessageType = "test.flaky";

    public string Type => MessageType;

    public int FailuresLeft { get; set; }
    public List<long> Applied { get; } = [];

    public Task ApplyAsync(InboundMessage message, CancellationToken ct)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new InvalidOperationException("The test handler fails on purpose.");
        }
        lock (Applied)
            Applied.Add(message.Sequence);
        return Task.CompletedTask;
    }
}

/// <summary>
/// One node ("xk") on a hand-moved clock whose outgoing HTTP the test scripts, with a test-only
/// message type whose handler can be made to fail.
/// </summary>
public sealed class FederationTestNode : UraFactory
{
    public const string Id = "xk";

    public ManualClock Clock { get; } = new();
    public FlakyHandler Flaky { get; } = new();

    /// <summary>What the "peer" answers to a delivery; by default it is unreachable.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage> Peer { get; set; } = _ => throw new HttpRequestException("unreachable");

    public int MaxAttempts { get; init; } = 4;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddScoped<IFederationHandler>(_ => Flaky);
            s.Configure<FederationOptions>(o => o.MaxAttempts = MaxAttempts);
            s.AddHttpClient(FederationDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new ScriptedHandler(this));
        });
    }

    /// <summary>Creates the node identity and pins <paramref name="peers"/>.</summary>
    public Task<LocalNode> InitAsync(params TestPeer[] peers) => InScope(async s =>
    {
        var peering = s.GetRequiredService<Peering>();
        var created = await peering.InitAsync(Id, "XK", "http://xk.node.test", CancellationToken.None);
        Assert.True(created.Succeeded);
        foreach (var peer in peers)
            Assert.True((await peering.PinAsync(peer.CardJson(), CancellationToken.None)).Succeeded);
        return created.Value!;
    });

    public byte[] AgreementKey(LocalNode node) => EnvelopeCrypto.PublicPoint(node.Agreement);

    public async Task<HttpResponseMessage> PostEnvelopeAsync(string body)
    {
        using var client = CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await client.PostAsync("/federation/v1/inbox", content);
    }

    public async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<int> DispatchOnceAsync() => InScope(s => s.GetRequiredService<FederationDispatcher>().DeliverDueAsync(100, CancellationToken.None));

    private sealed class ScriptedHandler(FederationTestNode node) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(node.Peer(request));
    }

    public static HttpResponseMessage Refused(string code, HttpStatusCode status) =>
        new(status) { Content = new StringContent($"{{\"refused\":\"{code}\"}}", Encoding.UTF8, "application/json") };
}
