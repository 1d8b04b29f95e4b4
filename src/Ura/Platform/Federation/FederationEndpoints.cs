using System.Text;
using Microsoft.Extensions.Options;

namespace Ura.Platform.Federation;

/// <summary>
/// The two addresses peers use: the node card and the inbox. They need no sign-in: an envelope is
/// authenticated by its signature against the pinned peer key, and a card is public by design.
/// </summary>
public static class FederationEndpoints
{
    private static readonly SemaphoreSlim SqliteInbox = new(1, 1);

    public static void MapFederation(this IEndpointRouteBuilder app)
    {
        var federation = app.MapGroup("/federation/v1").AllowAnonymous().WithTags("Federation").ExcludeFromDescription();

        federation.MapGet("/card", async (NodeIdentity identity, CancellationToken ct) =>
            await identity.LoadAsync(ct) is { } node ? Results.Json(node.Card()) : Results.NotFound());

        federation.MapPost("/inbox", async (HttpContext http, FederationReceiver receiver, IOptions<FederationOptions> options, IOptions<UraOptions> ura, CancellationToken ct) =>
        {
            // Kestrel never reads past the declared length, so this bounds what is read.
            if (http.Request.ContentLength is not { } length || length > options.Value.MaxEnvelopeBytes)
                return Results.Json(new { refused = Refusals.Malformed }, statusCode: StatusCodes.Status413PayloadTooLarge);
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(ct);
            // SQLite takes one writer at a time, and Microsoft.Data.Sqlite sleeps 150 ms each time it finds the
            // database busy: a peer's parallel deliveries, taken one after another in this process, never collide.
            var gate = ura.Value.Database.IsPostgres ? null : SqliteInbox;
            if (gate is not null)
                await gate.WaitAsync(ct);
            ReceiveResult result;
            try
            {
                result = await receiver.ReceiveAsync(body, http.Connection.RemoteIpAddress?.ToString(), ct);
            }
            finally
            {
                gate?.Release();
            }
            if (result.Receipt is not null)
                return Results.Json(result.Receipt);
            return Results.Json(new { refused = result.Refusal }, statusCode: Refusals.IsTemporary(result.Refusal!)
                ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        });
    }
}
