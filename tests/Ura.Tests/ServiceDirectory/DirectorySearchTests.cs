using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ura.Features.Directory;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.ServiceDirectory;

/// <summary>The demo directory and the search over it: each filter, the issue's example, paging, bad input.</summary>
public sealed class DirectorySearchTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private async Task<List<Guid>> FindAsync(DirectoryFilter filter)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var found = new List<Guid>();
        for (var page = 1; ; page++)
        {
            filter.Page = page;
            var result = await scope.ServiceProvider.GetRequiredService<DirectorySearch>().SearchAsync(filter, CancellationToken.None);
            Assert.True(result.Succeeded);
            found.AddRange(result.Value!.Items.Select(i => i.Id));
            if (!result.Value.HasMore)
                return found;
        }
    }

    [Fact]
    public async Task DemoDirectory_EveryDemoOrganisation_HasServicesAndTheShelterIsConfidentialWithBeds()
    {
        var (organisations, withServices, shelters) = await factory.WithDb(async db => (
            await db.Organisations.CountAsync(),
            await db.Services.Select(s => s.OrganisationId).Distinct().CountAsync(),
            await db.Services.Where(s => s.Capacities.Any(c => c.UnitId == ServiceTaxonomy.BedUnitId && c.Maximum > 0))
                .Select(s => s.Locations.All(l => l.Location!.IsConfidential)).ToListAsync()));

        Assert.Equal(organisations, withServices);
        Assert.Equal(6, shelters.Count);
        Assert.All(shelters, Assert.True);
    }

    [Fact]
    public async Task DemoDirectory_SeededTwice_AddsNothingTheSecondTime()
    {
        var before = await factory.WithDb(db => db.Services.CountAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<DemoDirectory>().SeedAsync(DateTime.UtcNow, CancellationToken.None);

        Assert.Equal(0, added);
        Assert.Equal(before, await factory.WithDb(db => db.Services.CountAsync()));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("sq")]
    [InlineData("mk")]
    [InlineData("sr-Latn")]
    public void ServiceCategory_EveryCode_HasAText(string language)
    {
        foreach (var category in ServiceTaxonomy.Categories)
            Assert.NotEqual(category.TextKey, factory.Text(category.TextKey, language));
    }

    [Fact]
    public async Task SearchAsync_LegalCounsellingSkopjeAlbanianMinors_FindsTheMacedonianLegalService()
    {
        var found = await FindAsync(new DirectoryFilter { Category = "legal-counselling", City = "Скопје", Language = "sq", Minors = true });

        Assert.Equal([DemoDirectory.ServiceId("MK", "legal")], found);
    }

    [Fact]
    public async Task SearchAsync_BroadCategory_FindsNarrowerCategoriesToo()
    {
        var housing = await FindAsync(new DirectoryFilter { Category = "safe-housing", Country = "AL" });
        var legal = await FindAsync(new DirectoryFilter { Category = "legal-representation", Country = "AL" });

        Assert.Contains(DemoDirectory.ServiceId("AL", "shelter"), housing);
        Assert.Equal([DemoDirectory.ServiceId("AL", "legal")], legal);
    }

    [Fact]
    public async Task SearchAsync_Country_OnlyThatCountrysServices()
    {
        var found = await FindAsync(new DirectoryFilter { Country = "RS" });
        var countries = await factory.WithDb(db => db.Services.Where(s => found.Contains(s.Id)).Select(s => s.Organisation!.CountryCode).Distinct().ToListAsync());

        // 15 demo directory services, plus one each for the four demo providers of the capacity assessments.
        Assert.Equal(15 + 4, found.Count);
        Assert.Equal(["RS"], countries);
    }

    [Fact]
    public async Task SearchAsync_Age_ExcludesServicesOutsideTheirAgeRange()
    {
        var child = await FindAsync(new DirectoryFilter { Country = "AL", Age = 10 });
        var adult = await FindAsync(new DirectoryFilter { Country = "AL", Age = 30 });

        Assert.Contains(DemoDirectory.ServiceId("AL", "child-protection"), child);
        Assert.DoesNotContain(DemoDirectory.ServiceId("AL", "social-care"), child);
        Assert.DoesNotContain(DemoDirectory.ServiceId("AL", "counselling"), child);
        Assert.Contains(DemoDirectory.ServiceId("AL", "social-care"), adult);
        Assert.DoesNotContain(DemoDirectory.ServiceId("AL", "child-protection"), adult);
    }

    [Fact]
    public async Task SearchAsync_Minors_ExcludesAdultsOnlyServices()
    {
        var found = await FindAsync(new DirectoryFilter { Country = "XK", Minors = true });

        Assert.Contains(DemoDirectory.ServiceId("XK", "legal"), found);
        Assert.Contains(DemoDirectory.ServiceId("XK", "counselling"), found);
        Assert.DoesNotContain(DemoDirectory.ServiceId("XK", "social-care"), found);
        Assert.DoesNotContain(DemoDirectory.ServiceId("XK", "reintegration"), found);
    }

    [Fact]
    public async Task SearchAsync_Gender_ExcludesServicesForOtherGenders()
    {
        var men = await FindAsync(new DirectoryFilter { Country = "ME", Gender = "Masculine" });
        var women = await FindAsync(new DirectoryFilter { Country = "ME", Gender = "Feminine" });

        Assert.DoesNotContain(DemoDirectory.ServiceId("ME", "shelter"), men);
        Assert.Contains(DemoDirectory.ServiceId("ME", "legal"), men);
        Assert.Contains(DemoDirectory.ServiceId("ME", "shelter"), women);
    }

    [Fact]
    public async Task SearchAsync_LanguageAndCity_MatchLocationCityOrServiceArea()
    {
        var turkish = await FindAsync(new DirectoryFilter { Language = "tr", Country = "MK" });
        var tetovo = await FindAsync(new DirectoryFilter { City = "Тетово" });

        Assert.Contains(DemoDirectory.ServiceId("MK", "interpretation"), turkish);
        Assert.DoesNotContain(DemoDirectory.ServiceId("MK", "counselling"), turkish);
        Assert.Equal(
            new[] { DemoDirectory.ServiceId("MK", "child-protection"), DemoDirectory.ServiceId("MK", "day-centre") }.Order(),
            tetovo.Order());
    }

    [Fact]
    public async Task SearchAsync_NameWords_FindByName()
    {
        var found = await FindAsync(new DirectoryFilter { Q = "sos linija" });

        Assert.Equal(new[] { DemoDirectory.ServiceId("ME", "helpline"), DemoDirectory.ServiceId("RS", "helpline"), DemoDirectory.ServiceId("BA", "helpline") }.Order(), found.Order());
    }

    [Fact]
    public async Task DirectoryPage_IssueExample_ShowsTheServiceAndCarriesTheCase()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var caseId = Guid.NewGuid();

        var html = await (await client.GetAsync($"/directory?category=legal-counselling&country=MK&city={Uri.EscapeDataString("Скопје")}&language=sq&minors=true&case={caseId}")).HtmlAsync();

        Assert.Contains("Правно советување и застапување", html);
        Assert.Contains($"/directory/services/{DemoDirectory.ServiceId("MK", "legal")}?case={caseId}", html);
        Assert.DoesNotContain("Këshillim dhe përfaqësim ligjor", html);
    }

    [Fact]
    public async Task DirectoryPage_FirstVisit_SearchesTheWorkersCountryAndPages()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");

        var html = await (await client.GetAsync("/directory")).HtmlAsync();
        var any = await (await client.GetAsync("/directory?country=")).HtmlAsync();

        Assert.Contains("Këshillim dhe përfaqësim ligjor", html);
        Assert.DoesNotContain("Правно советување", html);
        Assert.DoesNotContain("rel=\"next\"", html);
        Assert.Contains("rel=\"next\"", any);
        Assert.Contains("page=2", any);
    }

    [Theory]
    [InlineData("category=nothing", "Directory.UnknownCategory")]
    [InlineData("age=130", "Directory.AgeOutOfRange")]
    [InlineData("country=ZZ", "Cases.Person.UnknownCountry")]
    [InlineData("language=Albanian", "Cases.Person.UnknownLanguage")]
    [InlineData("gender=female", "Cases.Person.UnknownGender")]
    [InlineData("page=0", "CaseList.PageOutOfRange")]
    public async Task DirectoryPage_BadFilter_ShowsTheLocalisedErrorAndNoResults(string query, string key)
    {
        var client = await factory.SignInAsync(Demo.Email("caseworker", "xk"), "sq");

        var response = await client.GetAsync("/directory?" + query);
        var html = await response.HtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), html);
        Assert.DoesNotContain("directory-results", html);
    }

    [Fact]
    public async Task DirectoryPage_Anonymous_IsSentToSignIn()
    {
        var response = await factory.Anonymous().GetAsync("/directory");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
    }
}
