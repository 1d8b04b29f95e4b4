using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Ura.Platform.Federation;

/// <summary>
/// The two addresses peers use: the node card and the inbox. They need no sign-in: an envelope is
/// authenticated by its signature against the pinned peer key, and a card is public by design.
/// </summary>
public static class FederationEndpoints
{
    public static void MapFederation(this IEndpointRouteBuilder app)
    {
        var federation = app.MapGroup("/federation/v1").AllowAnonymous().WithTags("Federation").ExcludeFromDescription();

        federation.MapGet("/card", async (NodeIdentity identity, CancellationToken ct) =>
            await identity.LoadAsync(ct) is { } node ? Results.Json(node.Card()) : Results.NotFound());

        federation.MapPost("/inbox", async (HttpContext http, FederationReceiver receiver, IOptions<FederationOptions> options, CancellationToken ct) =>
        {
            // Kestrel never reads past the declared length, so this bounds what is read.
            if (http.Request.ContentLength is not { } length || length > options.Value.MaxEnvelopeBytes)
                return Results.Json(new { refused = Refusals.Malformed }, statusCode: StatusCodes.Status413PayloadTooLarge);
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(ct);
            // Several envelopes travel as a JSON array; anything else is taken as one envelope (and refused if it is not).
            var batch = body.TrimStart().StartsWith('[') ? Split(body) : null;
            var results = await receiver.ReceiveAsync(batch ?? [body], http.Connection.RemoteIpAddress?.ToString(), ct);
            if (batch is not null)
                return Results.Json(results.Select(r => r.Receipt ?? (object)new { refused = r.Refusal }));
            var result = results[0];
            if (result.Receipt is not null)
                return Results.Json(result.Receipt);
            return Results.Json(new { refused = result.Refusal }, statusCode: Refusals.IsTemporary(result.Refusal!)
                ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        });
    }

    /// <summary>The envelopes of a delivery of several (a JSON array of 1 to <see cref="FederationReceiver.MaxBatch"/> objects), or null.</summary>
    private static string[]? Split(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var items = json.RootElement.EnumerateArray().ToArray();
            return items.Length is > 0 and <= FederationReceiver.MaxBatch && items.All(e => e.ValueKind == JsonValueKind.Object)
                ? items.Select(e => e.GetRawText()).ToArray() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
