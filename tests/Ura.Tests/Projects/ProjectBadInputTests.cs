using System.Net;
using System.Net.Http.Json;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Projects.ProjectTestSupport;

namespace Ura.Tests.Projects;

/// <summary>
/// An empty name, a reversed period, no organisation, another country's organisation, an unknown indicator,
/// a negative target and a name already used in the country: refused in the reader's language, nothing changed.
/// </summary>
public sealed class ProjectBadInputTests(UraFactory factory) : IClassFixture<UraFactory>
{
    public static TheoryData<string, string, string> BadFields => new()
    {
        { "name", "name", "Validation.Required" },
        { "period", "endsOn", "Projects.PeriodReversed" },
        { "no-organisation", "organisationIds", "Projects.OrganisationRequired" },
        { "foreign-organisation", "organisationIds", "Projects.UnknownOrganisation" },
        { "unknown-indicator", "targets", "Projects.UnknownIndicator" },
        { "negative-target", "targets", "Projects.TargetInvalid" },
        { "duplicate-name", "name", "Projects.NameTaken" },
    };

    private async Task<Dictionary<string, object?>> BadBodyAsync(string problem)
    {
        var body = Body("A new project", await OrganisationOfAsync(factory, Demo.Police));
        switch (problem)
        {
            case "name": body["name"] = "  "; break;
            case "period": body["endsOn"] = "2025-12-31"; break;
            case "no-organisation": body["organisationIds"] = Array.Empty<Guid>(); break;
            case "foreign-organisation": body["organisationIds"] = new[] { await OrganisationOfAsync(factory, Demo.Email("police", "xk")) }; break;
            case "unknown-indicator": body["targets"] = new object[] { new { indicatorKey = "happiness", target = 3 } }; break;
            case "negative-target": body["targets"] = new object[] { new { indicatorKey = "returns", target = -1 } }; break;
            case "duplicate-name": body["name"] = "Prevention and Reintegration Albania 2025–2026"; break;
        }
        return body;
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task CreateAndChange_Api_RefusedInAlbanianAndNothingChanged(string problem, string errorField, string key)
    {
        var client = await factory.SignInAsync(Demo.Coordinator, "sq");
        var body = await BadBodyAsync(problem);
        var before = await SnapshotAsync(factory);

        var created = await client.PostAsJsonAsync("/api/v1/reports/projects", body);
        var changed = await client.PutAsJsonAsync($"/api/v1/reports/projects/{Protect}", body);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(created, errorField));
        Assert.Contains(factory.Text(key, "sq"), await AdminTestSupport.ProblemErrorsAsync(changed, errorField));
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task Change_OwnNameKept_Allowed()
    {
        var client = await factory.SignInAsync(Demo.Coordinator, "en");
        var created = await CreateAsync(client, Body("Keeps its name", await OrganisationOfAsync(factory, Demo.Police)));

        var changed = await client.PutAsJsonAsync($"/api/v1/reports/projects/{created.Id}", Body("Keeps its name", await OrganisationOfAsync(factory, Demo.Police)));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    public static TheoryData<string, string> BadPageFields => new()
    {
        { "name", "Validation.Required" },
        { "period", "Projects.PeriodReversed" },
        { "no-organisation", "Projects.OrganisationRequired" },
        { "foreign-organisation", "Projects.UnknownOrganisation" },
        { "unknown-indicator", "Projects.UnknownIndicator" },
        { "negative-target", "Projects.TargetInvalid" },
        { "not-a-number", "Projects.TargetInvalid" },
        { "duplicate-name", "Projects.NameTaken" },
    };

    [Theory]
    [MemberData(nameof(BadPageFields))]
    public async Task NewAndEditPages_BadField_ShowErrorInTheReadersLanguageAndStoreNothing(string problem, string key)
    {
        var police = await OrganisationOfAsync(factory, Demo.Police);
        foreach (var language in new[] { "mk", "sr-Latn" })
        {
            var client = await factory.SignInAsync(Demo.Coordinator, language);
            var fields = PageFields("A page project", [police], ("returns", "5"));
            switch (problem)
            {
                case "name": fields["Input.Name"] = ""; break;
                case "period": fields["Input.EndsOn"] = "2025-06-30"; break;
                case "no-organisation": fields.Remove("Input.OrganisationIds[0]"); break;
                case "foreign-organisation": fields["Input.OrganisationIds[0]"] = (await OrganisationOfAsync(factory, Demo.Email("police", "mk"))).ToString(); break;
                case "unknown-indicator": fields["Rows[0].IndicatorKey"] = "happiness"; fields["Rows[0].Include"] = "true"; fields["Rows[0].Target"] = "1"; break;
                case "negative-target": fields["Rows[13].Target"] = "-2"; break;
                case "not-a-number": fields["Rows[13].Target"] = "many"; break;
                case "duplicate-name": fields["Input.Name"] = "Protect and Assist Albania 2025–2027"; break;
            }
            var before = await SnapshotAsync(factory);

            var created = await UraFactory.PostFormAsync(client, "/reports/projects/new", new(fields));
            var changed = await UraFactory.PostFormAsync(client, $"/reports/projects/{Prevent}/edit", new(fields));

            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Contains(factory.Text(key, language), await created.HtmlAsync());
            Assert.Contains(factory.Text(key, language), await changed.HtmlAsync());
            Assert.Equal(before, await SnapshotAsync(factory));
        }
    }
}
