using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Cases;
using Ura.Features.Reports.Exports;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Reports;

/// <summary>Asking for exports through the API and running the export job directly (no waiting).</summary>
internal static class ExportsTestSupport
{
    public const string Api = "/api/v1/reports/exports";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Task<HttpResponseMessage> RequestAsync(HttpClient client, string kind, string? reason = null) =>
        client.PostAsJsonAsync(Api, new { kind, reason });

    public static async Task<ExportRunView> RequestedAsync(HttpClient client, string kind, string? reason = null)
    {
        var response = await RequestAsync(client, kind, reason);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ExportRunView>(JsonOptions))!;
    }

    public static async Task<ExportRunView> RunAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<ExportRunView>($"{Api}/{id}", JsonOptions))!;

    /// <summary>One round of the export job, as the job host would run it.</summary>
    public static async Task RunJobAsync(this UraFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExportJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>Adds invented demo cases (once per factory) so the CTDC export has data to generalise.</summary>
    public static async Task SeedCasesAsync(this UraFactory factory, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Ura.Platform.Data.UraDbContext>();
        if (await db.Cases.CountAsync() >= count)
            return;
        await scope.ServiceProvider.GetRequiredService<DemoCases>().SeedAsync(count, CancellationToken.None);
    }

    public static Task<int> RunCountAsync(this UraFactory factory) => factory.WithDb(db => db.Set<ExportRun>().CountAsync());
}
