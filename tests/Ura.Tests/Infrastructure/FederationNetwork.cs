using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Ura.Platform.Federation;

namespace Ura.Tests.Infrastructure;

/// <summary>
/// One Ura node in a test federation: a whole application with its own database, keys and node
/// identity, whose dispatcher reaches the other nodes' real inbox endpoints through <see cref="FederationNetwork"/>.
/// </summary>
public sealed class NodeFactory(string nodeId, string countryCode, FederationNetwork network) : UraFactory(freshDatabase: true)
{
    public string NodeId { get; } = nodeId;
    public string CountryCode { get; } = countryCode;
    public string Url => $"http://{NodeId}.node.test";

    private int requests;

    /// <summary>Deliveries (POSTs to the inbox) this node has received.</summary>
    public int RequestsReceived => requests;

    /// <summary>Set to false to make the node unreachable, as if its process were down.</summary>
    public bool Reachable { get; set; } = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddHttpClient(FederationDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new NetworkHandler(network)));
    }

    public async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task InScope(Func<IServiceProvider, Task> work) => InScope(async s => { await work(s); return 0; });

    /// <summary>Runs this node's dispatcher until nothing is due now; returns how many deliveries it tried.</summary>
    public Task<int> DispatchAsync() => InScope(async s =>
    {
        int total = 0, sent;
        do
        {
            await using var scope = Services.CreateAsyncScope();
            sent = await scope.ServiceProvider.GetRequiredService<FederationDispatcher>().DeliverDueAsync(100, CancellationToken.None);
            total += sent;
        }
        while (sent > 0);
        return total;
    });

    private sealed class NetworkHandler(FederationNetwork network) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var node = network.Nodes.FirstOrDefault(n => n.Url == $"{request.RequestUri!.Scheme}://{request.RequestUri.Host}");
            if (node is null || !node.Reachable)
                throw new HttpRequestException($"{request.RequestUri} is unreachable.");
            Interlocked.Increment(ref node.requests);
            using var invoker = new HttpMessageInvoker(node.Server.CreateHandler(), disposeHandler: true);
            return await invoker.SendAsync(request, ct);
        }
    }
}

/// <summary>
/// Several nodes that have each created their identity and pinned one another, as operators do with
/// <c>ura node init</c> and <c>ura peers add</c>.
/// </summary>
public sealed class FederationNetwork : IDisposable
{
    public List<NodeFactory> Nodes { get; } = [];

    public NodeFactory this[string nodeId] => Nodes.Single(n => n.NodeId == nodeId);

    /// <summary>Nodes "al" (AL) and "xk" (XK) by default.</summary>
    public static async Task<FederationNetwork> CreateAsync(params (string Id, string Country)[] nodes)
    {
        var network = new FederationNetwork();
        foreach (var (id, country) in nodes.Length > 0 ? nodes : [("al", "AL"), ("xk", "XK")])
            network.Nodes.Add(new NodeFactory(id, country, network));
        var cards = new List<string>();
        foreach (var node in network.Nodes)
        {
            var created = await node.InScope(s => s.GetRequiredService<Peering>().InitAsync(node.NodeId, node.CountryCode, node.Url, CancellationToken.None));
            Assert.True(created.Succeeded, string.Join(", ", created.Errors));
            cards.Add(created.Value!.Card().ToJson());
        }
        foreach (var node in network.Nodes)
        {
            foreach (var card in cards.Where(c => !c.Contains($"\"node\": \"{node.NodeId}\"", StringComparison.Ordinal)))
            {
                var pinned = await node.InScope(s => s.GetRequiredService<Peering>().PinAsync(card, CancellationToken.None));
                Assert.True(pinned.Succeeded, string.Join(", ", pinned.Errors));
            }
        }
        return network;
    }

    /// <summary>Dispatches on every node until a whole round sends nothing: every message and every answer it caused is delivered.</summary>
    public async Task DeliverAllAsync()
    {
        for (var round = 0; round < 50; round++)
        {
            var sent = 0;
            foreach (var node in Nodes)
                sent += await node.DispatchAsync();
            if (sent == 0)
                return;
        }
        throw new InvalidOperationException("Messages kept flowing after 50 rounds.");
    }

    public void Dispose()
    {
        foreach (var node in Nodes)
            node.Dispose();
    }
}
