using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Ura.Tests.Notifications;

/// <summary>
/// A tiny SMTP server on loopback: enough of RFC 5321 for <c>SmtpClient</c> (EHLO, MAIL, RCPT, DATA,
/// RSET, NOOP, QUIT). A message counts as delivered only when the server answered 250 to its data,
/// as with a real server. It can refuse the next messages (451) or stall before answering one, as a
/// server does when the sending process dies mid-send.
/// </summary>
public sealed partial class SmtpListener : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private int refuse;
    private int stall;

    public SmtpListener()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    public ConcurrentQueue<ReceivedMail> Delivered { get; } = new();

    /// <summary>Completed when a stalled message has been received whole (and not answered).</summary>
    public TaskCompletionSource Stalled { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The next <paramref name="count"/> messages are refused with a temporary error after their data.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref refuse, count);

    /// <summary>The next message is read whole but never answered, until the client hangs up.</summary>
    public void StallNext()
    {
        Stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref stall, 1);
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(stop.Token) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        if (Interlocked.Exchange(ref stall, 0) == 1)
                        {
                            Stalled.TrySetResult();
                            // No answer: the client gives up or dies; the message was never accepted.
                            while (await reader.ReadLineAsync(stop.Token) is not null)
                            {
                            }
                            return;
                        }
                        if (Interlocked.Decrement(ref refuse) >= 0)
                        {
                            await writer.WriteLineAsync("451 4.3.0 Try again later");
                            break;
                        }
                        Interlocked.Exchange(ref refuse, 0);
                        Delivered.Enqueue(new ReceivedMail(from ?? "", [.. to], data.ToString()));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up or the server stopped: whatever was not answered 250 is not delivered.
        }
    }

    private static string Address(string line) => AddressPattern().Match(line) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex AddressPattern();

    private int disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return; // the factory disposes twice (Dispose and DisposeAsync)
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }
}

/// <summary>A message as the server received it, with its subject and text body decoded.</summary>
public sealed partial record ReceivedMail(string From, IReadOnlyList<string> To, string Raw)
{
    private (Dictionary<string, string> Headers, string Body) Parts
    {
        get
        {
            var split = Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? last = null;
            foreach (var line in Raw[..split].Split("\r\n"))
            {
                if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
                    headers[last] += line.TrimStart();
                else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                    headers[last = line[..colon]] = line[(colon + 1)..].Trim();
            }
            return (headers, Raw[(split + 4)..]);
        }
    }

    public string Subject => EncodedWord().Replace(Parts.Headers.GetValueOrDefault("Subject", ""), m => Decode(m.Groups[2].Value, m.Groups[3].Value));

    public string Body
    {
        get
        {
            var (headers, body) = Parts;
            var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit").ToLowerInvariant();
            return encoding switch
            {
                "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n")))),
                "quoted-printable" => QuotedPrintable(body),
                _ => body,
            };
        }
    }

    private static string Decode(string kind, string text) => kind.ToUpperInvariant() == "B"
        ? Encoding.UTF8.GetString(Convert.FromBase64String(text))
        : QuotedPrintable(text.Replace('_', ' '));

    private static string QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        var joined = text.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length)
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*")]
    private static partial Regex EncodedWord();
}
