using System.Net;
using Microsoft.EntityFrameworkCore;
using Ura.Platform.Identity;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.Admin;

public sealed class CountryAdminTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Add_ValidCountry_SavesItWithAuditEvent()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        var response = await PostPageAsync(client, "/admin/countries", new()
        {
            ["Input.Code"] = "hr",
            ["Input.Name"] = "Croatia",
            ["Input.ReflectionPeriodDays"] = "45",
        }, "/admin/countries");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var country = await factory.WithDb(db => db.Countries.AsNoTracking().SingleAsync(c => c.Code == "HR"));
        Assert.Equal(("Croatia", 45), (country.Name, country.ReflectionPeriodDays));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "country.create" && e.EntityId == "HR")));
        var list = await (await client.GetAsync("/admin/countries?done=Added")).HtmlAsync();
        Assert.Contains(factory.Text("Admin.Done.Added", "sq"), list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_NameAndReflectionPeriod_SavesBothWithAuditEvent()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);

        var response = await PostPageAsync(client, "/admin/countries/me", new()
        {
            ["Input.Name"] = "Crna Gora",
            ["Input.ReflectionPeriodDays"] = "60",
        }, "/admin/countries/ME");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var country = await factory.WithDb(db => db.Countries.AsNoTracking().SingleAsync(c => c.Code == "ME"));
        Assert.Equal(("Crna Gora", 60), (country.Name, country.ReflectionPeriodDays));
        var audit = await factory.WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "country.update" && e.EntityId == "ME"));
        Assert.Equal("name;reflectionPeriodDays=60", audit.Detail);
    }

    [Fact]
    public async Task Edit_UnknownCode_Returns404()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/countries/QQ")).StatusCode);
    }

    [Theory]
    [InlineData("A1", "Admin.Countries.CodeInvalid")]
    [InlineData("ALB", "Admin.Countries.CodeInvalid")]
    [InlineData("", "Validation.Required")]
    [InlineData("al", "Admin.Countries.Duplicate")]
    public async Task Add_BadCode_ShowsLocalisedErrorAtCodeAndAddsNothing(string code, string messageKey)
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        var before = await Snapshot();

        var response = await PostPageAsync(client, "/admin/countries", new()
        {
            ["Input.Code"] = code,
            ["Input.Name"] = "Somewhere",
            ["Input.ReflectionPeriodDays"] = "30",
        }, "/admin/countries");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The system admin is a demo user of Albania, so the page speaks Albanian.
        Assert.Contains($"id=\"Input_Code-error\">{factory.Text(messageKey, "sq")}</p>", await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("366")]
    public async Task Edit_ReflectionDaysOutOfRange_ShowsLocalisedErrorAndChangesNothing(string days)
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        var before = await Snapshot();

        var response = await PostPageAsync(client, "/admin/countries/AL", new()
        {
            ["Input.Name"] = "Shqipëria",
            ["Input.ReflectionPeriodDays"] = days,
        }, "/admin/countries/AL");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Input_ReflectionPeriodDays-error\">Shkruani një numër ditësh nga 1 deri në 365.</p>", await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Add_EmptyNameAndZeroDays_ShowsBothErrorsAndAddsNothing()
    {
        var client = await factory.SignInAsync(Demo.SystemAdmin);
        var before = await Snapshot();

        var response = await PostPageAsync(client, "/admin/countries", new()
        {
            ["Input.Code"] = "SI",
            ["Input.Name"] = "  ",
            ["Input.ReflectionPeriodDays"] = "0",
        }, "/admin/countries");

        var html = await response.HtmlAsync();
        Assert.Contains($"id=\"Input_Name-error\">{factory.Text("Validation.Required", "sq")}</p>", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"Input_ReflectionPeriodDays-error\">{factory.Text("Admin.Countries.DaysRange", "sq")}</p>", html, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot());
    }

    /// <summary>Every country with its values, and the number of audit events: what a refused request must leave alone.</summary>
    private Task<string> Snapshot() => factory.WithDb(async db =>
        string.Join("|", (await db.Countries.AsNoTracking().OrderBy(c => c.Code).ToListAsync())
            .Select(c => $"{c.Code}:{c.Name}:{c.ReflectionPeriodDays}"))
        + "|events=" + await db.AuditEvents.CountAsync(e => e.Action.StartsWith("country.")));
}
