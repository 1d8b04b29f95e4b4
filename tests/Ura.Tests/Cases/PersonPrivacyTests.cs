using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.Cases;

/// <summary>A registered person's identifying details reach neither the logs nor the audit trail.</summary>
public sealed class PersonPrivacyTests(LoggedUraFactory factory) : IClassFixture<LoggedUraFactory>
{
    [Fact]
    public async Task OpenCaseAndRead_MarkerName_NotInLogsOrAuditEvents()
    {
        var marker = "Zlogmarker" + Guid.NewGuid().ToString("N")[..10];
        var client = await factory.SignInAsync(Demo.CaseWorker);
        factory.Logs.Entries.Clear();

        var opened = await OpenAsync(client, Adult(marker, marker + "fam"));
        var read = await client.GetAsync($"/api/v1/cases/{opened.Id}");
        var bad = await client.PostAsJsonAsync("/api/v1/cases", new Dictionary<string, object?>(Adult(marker, marker)) { ["gender"] = "bad" });

        Assert.True(read.IsSuccessStatusCode);
        Assert.False(bad.IsSuccessStatusCode);
        Assert.DoesNotContain(factory.Logs.Entries, e => (e.Message + e.Exception).Contains(marker, StringComparison.OrdinalIgnoreCase));
        var details = await factory.WithDb(db => db.AuditEvents.Select(e => e.Detail ?? "").ToListAsync());
        Assert.Contains(details, d => d.Contains(opened.Reference, StringComparison.Ordinal));
        Assert.DoesNotContain(details, d => d.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }
}
