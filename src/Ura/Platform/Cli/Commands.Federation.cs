using Microsoft.EntityFrameworkCore;
using Ura.Platform.Data;
using Ura.Platform.Federation;

namespace Ura.Platform.Cli;

/// <summary><c>ura node ...</c> and <c>ura peers ...</c>: the node identity and its pinned peers (docs/federation.md).</summary>
public static partial class Commands
{
    private static async Task<int> InitNodeAsync(IServiceProvider services, List<string> options)
    {
        var result = await services.GetRequiredService<Peering>().InitAsync(
            StringOption(options, "--id"), StringOption(options, "--country"), StringOption(options, "--url"), CancellationToken.None);
        if (!result.Succeeded)
            return Refused(services, result.Errors);
        var card = result.Value!.Card();
        return Print($"Node {card.Node} ({card.Country}) created.\nFingerprint: {NodeCard.Readable(card.Fingerprint)}\nGive peers the card from 'ura node card'.", 0);
    }

    private static async Task<int> PrintCardAsync(IServiceProvider services, List<string> _)
    {
        var node = await services.GetRequiredService<NodeIdentity>().LoadAsync();
        if (node is null)
            return Print("This node has no identity yet: run 'ura node init --id ID --country CODE --url URL'.", 1);
        Console.WriteLine(node.Card().ToJson());
        Console.Error.WriteLine($"Fingerprint: {NodeCard.Readable(node.Card().Fingerprint)}");
        return 0;
    }

    private static async Task<int> AddPeerAsync(IServiceProvider services, string file, List<string> options)
    {
        if (!File.Exists(file))
            return Print($"No file '{file}'.", 1);
        var json = await File.ReadAllTextAsync(file);
        var (card, problem) = NodeCard.Parse(json);
        if (card is null)
            return Print(problem == "fingerprint_mismatch"
                ? "The card's fingerprint does not match its keys: it was changed after it was made. Nothing was pinned."
                : "This is not a node card. Nothing was pinned.", 1);
        Console.WriteLine($"Node:        {card.Node} ({card.Country})\nAddress:     {card.Url}\nFingerprint: {NodeCard.Readable(card.Fingerprint)}");
        var expected = StringOption(options, "--fingerprint");
        if (expected is not null)
        {
            if (!string.Equals(expected.Replace(" ", "", StringComparison.Ordinal), card.Fingerprint, StringComparison.OrdinalIgnoreCase))
                return Print("The fingerprint given does not match the card. Nothing was pinned.", 1);
        }
        else
        {
            Console.Write("Compare the fingerprint with the peer's operator (by telephone, not e-mail). Pin this peer? Type yes: ");
            if (!string.Equals(Console.ReadLine()?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
                return Print("Nothing was pinned.", 1);
        }
        var result = await services.GetRequiredService<Peering>().PinAsync(json, CancellationToken.None);
        return result.Succeeded ? Print($"Pinned {card.Node}.", 0) : Refused(services, result.Errors);
    }

    private static async Task<int> ListPeersAsync(IServiceProvider services, List<string> _)
    {
        var peers = await services.GetRequiredService<UraDbContext>().FederationPeers.AsNoTracking().OrderBy(p => p.NodeId).ToListAsync();
        if (peers.Count == 0)
            return Print("No peers pinned.", 0);
        foreach (var p in peers)
            Console.WriteLine($"{p.NodeId,-12} {p.CountryCode}  {p.Url,-40} {NodeCard.Readable(p.Fingerprint)}  last contact: {(p.LastContactAt is { } at ? Envelope.Time(at) : "never")}");
        return 0;
    }

    private static async Task<int> RemovePeerAsync(IServiceProvider services, string nodeId) =>
        await services.GetRequiredService<Peering>().RemoveAsync(nodeId, CancellationToken.None)
            ? Print($"Removed {nodeId}.", 0)
            : Print($"No peer '{nodeId}'.", 1);
}
