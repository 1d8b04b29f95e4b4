using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Cases;

/// <summary>Bodies and calls shared by the case tests.</summary>
internal static class CaseTestSupport
{
    /// <summary>A valid adult registration; tests change the one field they are about.</summary>
    public static Dictionary<string, object?> Adult(string given = "Drita", string family = "Çela", string? birthDate = "1998-04-12") => new()
    {
        ["givenNames"] = given,
        ["familyName"] = family,
        ["aliases"] = new[] { "Dita" },
        ["birthDate"] = birthDate,
        ["gender"] = "Feminine",
        ["citizenships"] = new[] { "AL", "XK" },
        ["languages"] = new[] { "sq", "en" },
        ["educationLevel"] = "UpperSecondaryEducation",
        ["maritalStatus"] = "Single",
        ["numberOfChildren"] = 1,
        ["phone"] = "+355 69 123 4567",
        ["email"] = "drita@example.org",
        ["address"] = "Rruga e Durrësit 10, Tiranë",
        ["documents"] = new[] { new { type = "Passport", number = "BA1234567", issuingCountry = "AL" } },
        ["confirmedDifferentPerson"] = true,
    };

    public static async Task<CaseView> OpenAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CaseView>())!;
    }

    public static Task<(int Persons, int Cases, int Events, int Index)> CountsAsync(this UraFactory factory) =>
        factory.WithDb(async db => (await db.Persons.CountAsync(), await db.Cases.CountAsync(), await db.AuditEvents.CountAsync(), await db.PersonNameIndex.CountAsync()));
}
