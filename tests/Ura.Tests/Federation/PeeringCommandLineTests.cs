using Ura.Platform.Crypto;
using Ura.Platform.Federation;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Federation;

/// <summary><c>ura node init|card</c> and <c>ura peers add|list|remove</c>, each a separate process, on two fresh nodes.</summary>
public sealed class PeeringCommandLineTests : IDisposable
{
    private sealed class Node(string name) : IDisposable
    {
        public string Data { get; } = Path.Combine(Path.GetTempPath(), "ura-cli-tests", Guid.NewGuid().ToString("N") + "-" + name);
        public string? ConnectionString { get; } = TestDatabase.Create();
        private readonly string key = KeyEncryptionKey.Generate();

        public Task<UraProcess.Result> Ura(params string[] args) => UraProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Ura__DataDirectory"] = Data,
            ["Ura__Keys__KeyEncryptionKey"] = key,
            ["Ura__Database__Provider"] = TestDatabase.Provider,
            ["Ura__Database__ConnectionString"] = ConnectionString,
        }, args);

        public void Dispose()
        {
            TestDatabase.Drop(ConnectionString);
            if (Directory.Exists(Data))
                Directory.Delete(Data, recursive: true);
        }
    }

    private readonly Node al = new("al");
    private readonly Node xk = new("xk");

    private static async Task PrepareAsync(Node node, string code, string name)
    {
        Assert.Equal(0, (await node.Ura("migrate")).ExitCode);
        Assert.Equal(0, (await node.Ura("countries", "add", code, name)).ExitCode);
    }

    [Fact]
    public async Task NodeInitCardPeersAddListRemove_TwoNodes_PinnedOnlyWithTheRightFingerprint()
    {
        await PrepareAsync(al, "AL", "Albania");
        await PrepareAsync(xk, "XK", "Kosovo");

        var noCard = await al.Ura("node", "card");
        Assert.Equal(1, noCard.ExitCode);
        Assert.Contains("no identity", noCard.Output + noCard.Error, StringComparison.Ordinal);

        var badInit = await al.Ura("node", "init", "--id", "AL!", "--country", "ZZ", "--url", "ftp://x");
        Assert.NotEqual(0, badInit.ExitCode);
        Assert.Equal(1, (await al.Ura("node", "card")).ExitCode);

        var init = await al.Ura("node", "init", "--id", "al", "--country", "AL", "--url", "https://ura.al.example");
        Assert.Equal(0, init.ExitCode);
        Assert.Contains("Fingerprint:", init.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await al.Ura("node", "init", "--id", "al2", "--country", "AL", "--url", "https://ura.al.example")).ExitCode);
        Assert.Equal(0, (await xk.Ura("node", "init", "--id", "xk", "--country", "XK", "--url", "https://ura.xk.example")).ExitCode);

        var card = await al.Ura("node", "card");
        Assert.Equal(0, card.ExitCode);
        var parsed = NodeCard.Parse(card.Output).Card;
        Assert.NotNull(parsed);
        Assert.Equal("al", parsed.Node);
        Assert.Equal("https://ura.al.example", parsed.Url);
        var readable = NodeCard.Readable(parsed.Fingerprint);
        Assert.Contains(readable, card.Error, StringComparison.Ordinal);
        Assert.Contains(readable, init.Output, StringComparison.Ordinal);
        var cardFile = Path.Combine(xk.Data, "al.card.json");
        Directory.CreateDirectory(xk.Data);
        await File.WriteAllTextAsync(cardFile, card.Output);

        var wrong = await xk.Ura("peers", "add", cardFile, "--fingerprint", new string('0', 64));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("does not match", wrong.Output + wrong.Error, StringComparison.Ordinal);
        Assert.Contains("No peers pinned", (await xk.Ura("peers", "list")).Output, StringComparison.Ordinal);

        var tamperedFile = Path.Combine(xk.Data, "tampered.card.json");
        await File.WriteAllTextAsync(tamperedFile, card.Output.Replace("\"country\": \"AL\"", "\"country\": \"XK\"", StringComparison.Ordinal));
        var tampered = await xk.Ura("peers", "add", tamperedFile, "--fingerprint", readable);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("changed after it was made", tampered.Output + tampered.Error, StringComparison.Ordinal);

        var added = await xk.Ura("peers", "add", cardFile, "--fingerprint", readable);
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Pinned al", added.Output, StringComparison.Ordinal);
        Assert.Contains(readable, added.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await xk.Ura("peers", "add", cardFile, "--fingerprint", readable)).ExitCode);

        var list = await xk.Ura("peers", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("al ", list.Output, StringComparison.Ordinal);
        Assert.Contains("https://ura.al.example", list.Output, StringComparison.Ordinal);
        Assert.Contains(readable, list.Output, StringComparison.Ordinal);
        Assert.Contains("last contact: never", list.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await xk.Ura("peers", "remove", "al")).ExitCode);
        Assert.Contains("No peers pinned", (await xk.Ura("peers", "list")).Output, StringComparison.Ordinal);
        var again = await xk.Ura("peers", "remove", "al");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("No peer 'al'", again.Output + again.Error, StringComparison.Ordinal);

        var verify = await xk.Ura("audit", "verify");
        Assert.Equal(0, verify.ExitCode);
        Assert.Matches("intact: [1-9][0-9]* events verified", verify.Output);
    }

    public void Dispose()
    {
        al.Dispose();
        xk.Dispose();
    }
}
