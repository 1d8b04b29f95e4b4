using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Directory;
using Ura.Platform.Data;
using Ura.Tests.Admin;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;

namespace Ura.Tests.ServiceDirectory;

/// <summary>Maintaining the directory: who may change what (the matrix), what a change does, and bad input.</summary>
public sealed class DirectoryEditingTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static readonly Guid SocialCare = DemoDirectory.ServiceId("AL", "social-care");
    private static readonly Guid Shelter = DemoDirectory.ServiceId("AL", "shelter");
    private static readonly Guid ShelterPlace = DemoDirectory.LocationId("AL", Features.Admin.DemoData.OrgKind.Shelter, "shelter");
    private static readonly Guid SocialOffice = DemoDirectory.LocationId("AL", Features.Admin.DemoData.OrgKind.SocialServices, "office");

    /// <summary>A full service as the API takes it, valid unless changed.</summary>
    private static Dictionary<string, object?> Body(string name = "Këshillim për familjet") => new()
    {
        ["name"] = name,
        ["description"] = "Takime me familjet e personave të kthyer.",
        ["status"] = "Active",
        ["applicationProcess"] = "Dërgoni referim në Ura.",
        ["minimumAge"] = 0,
        ["maximumAge"] = 17,
        ["genders"] = Array.Empty<string>(),
        ["nationalities"] = new[] { "AL" },
        ["languages"] = new[] { "sq", "en" },
        ["categories"] = new[] { "family-contact" },
        ["phones"] = new[] { new { number = "+355 4 222 3344", description = "Zyra" } },
        ["contacts"] = new[] { new { name = "Eni Zeneli", title = "Punonjëse sociale", email = "eni@demo.ura" } },
        ["schedules"] = new[] { new { days = new[] { "MO", "WE" }, opensAt = "09:00", closesAt = "13:00" } },
        ["serviceAreas"] = new[] { new { countryCode = "AL", name = "Tiranë" } },
        ["costOptions"] = new[] { new { option = "Falas", amount = 0m, currency = "ALL" } },
        ["requiredDocuments"] = new[] { "Letërnjoftim" },
        ["locations"] = new[] { SocialOffice },
    };

    private Task<(string Name, DateTime Modified, int Languages)> SocialCareRowAsync() => factory.WithDb(async db =>
    {
        var s = await db.Services.AsNoTracking().SingleAsync(x => x.Id == SocialCare);
        return (s.Name, s.ModifiedAt, await db.ServiceLanguages.CountAsync(l => l.ServiceId == SocialCare));
    });

    private Task<int> ServiceCountAsync() => factory.WithDb(db => db.Services.CountAsync());

    private async Task<Guid> OrganisationOfAsync(Guid serviceId) =>
        await factory.WithDb(db => db.Services.Where(s => s.Id == serviceId).Select(s => s.OrganisationId).SingleAsync());

    // ---- who may ----

    public static TheoryData<string, HttpStatusCode> EditMatrix => new()
    {
        { Demo.Coordinator, HttpStatusCode.OK },
        { Demo.OrgAdmin, HttpStatusCode.NotFound },
        { Demo.Email("coordinator", "xk"), HttpStatusCode.NotFound },
        { Demo.OtherOrgAdmin, HttpStatusCode.NotFound },
        { Demo.CaseWorker, HttpStatusCode.Forbidden },
        { Demo.SocialWorker, HttpStatusCode.Forbidden },
        { Demo.Supervisor, HttpStatusCode.Forbidden },
        { Demo.Analyst, HttpStatusCode.Forbidden },
        { Demo.SystemAdmin, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(EditMatrix))]
    public async Task ChangeService_EachRole_OnlyEditorsInScopeChangeIt(string email, HttpStatusCode expected)
    {
        var before = await SocialCareRowAsync();
        var client = await factory.SignInAsync(email);

        var page = await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/directory/manage/services/{SocialCare}"));
        var api = await client.PutAsJsonAsync($"/api/v1/directory/services/{SocialCare}", Body("Changed by " + email));

        Assert.Equal(expected, page);
        Assert.Equal(expected, api.StatusCode);
        var after = await SocialCareRowAsync();
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal("Changed by " + email, after.Name);
            Assert.True(after.Modified > before.Modified);
            Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "directory.service.change" && e.EntityId == SocialCare.ToString())));
        }
        else
            Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("coordinator", "al", HttpStatusCode.NotFound)]
    [InlineData("orgadmin", "xk", HttpStatusCode.NotFound)]
    [InlineData("caseworker", "al", HttpStatusCode.Forbidden)]
    [InlineData("orgadmin", "al", HttpStatusCode.OK)]
    public async Task ConfidentialLocation_OnlyItsOwnOrganisationOpensItsForm(string login, string country, HttpStatusCode expected)
    {
        var client = await factory.SignInAsync(Demo.Email(login, country), "en");

        var page = await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/directory/manage/locations/{ShelterPlace}"));
        var api = await client.GetAsync($"/api/v1/directory/locations/{ShelterPlace}");
        var street = $"Rruga {login} {country} 1";
        var change = await client.PutAsJsonAsync($"/api/v1/directory/locations/{ShelterPlace}",
            new { name = "Strehëza", address1 = street, city = "Tiranë", countryCode = "AL", isConfidential = true });
        var saved = await factory.WithDb(db => db.Addresses.Where(a => a.LocationId == ShelterPlace).Select(a => a.Address1).SingleAsync());

        Assert.Equal(expected, page);
        Assert.Equal(expected, api.StatusCode);
        Assert.Equal(expected, change.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("Pjetër Budi", await api.Content.ReadAsStringAsync());
            Assert.Equal(street, saved);
        }
        else
            Assert.NotEqual(street, saved);
    }

    [Fact]
    public async Task ChangeLocation_ShelterAddressMadePublic_RefusedInAlbanianAndUnchanged()
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin, "sq");

        var change = await client.PutAsJsonAsync($"/api/v1/directory/locations/{ShelterPlace}",
            new { name = "Strehëza", address1 = "Rruga e hapur 1", city = "Tiranë", countryCode = "AL", isConfidential = false });
        var saved = await factory.WithDb(db => db.Locations.Where(l => l.Id == ShelterPlace)
            .Select(l => new { l.IsConfidential, Street = l.Addresses.Select(a => a.Address1).Single() }).SingleAsync());

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Contains(factory.Text("Directory.Edit.ShelterConfidential", "sq"), await change.Content.ReadAsStringAsync());
        Assert.True(saved.IsConfidential);
        Assert.NotEqual("Rruga e hapur 1", saved.Street);
    }

    [Fact]
    public async Task ChangeLocation_ShelterMovesToAnotherCity_TheShelterShowsTheNewCity()
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin, "en");
        var flats = ServiceTaxonomy.IdFor("demo-location:AL:flats");

        var change = await client.PutAsJsonAsync($"/api/v1/directory/locations/{flats}",
            new { name = "Flats", address1 = "Rruga e re 5", city = "Elbasan", region = "Qarku i Elbasanit", countryCode = "AL", isConfidential = true });
        var shelter = await factory.WithDb(db => db.ShelterFacilities.SingleAsync(f => f.LocationId == flats));

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(("Elbasan", "Qarku i Elbasanit", "AL"), (shelter.City, shelter.Region, shelter.CountryCode));
    }

    [Fact]
    public async Task ManagePage_OrganisationAdminSeesOwnOrganisation_CoordinatorSeesTheCountry()
    {
        var admin = await (await (await factory.SignInAsync(Demo.OrgAdmin, "en")).GetAsync("/directory/manage")).HtmlAsync();
        var coordinator = await (await (await factory.SignInAsync(Demo.Coordinator, "en")).GetAsync("/directory/manage")).HtmlAsync();

        Assert.Contains("Strehëza Shpresa (OJF)", admin);
        Assert.DoesNotContain("Shërbimi Social Shtetëror", admin);
        Assert.Contains("Shërbimi Social Shtetëror", coordinator);
        Assert.Contains("Strehëza Shpresa (OJF)", coordinator);
        Assert.DoesNotContain("Qendra për Punë Sociale Prishtinë", coordinator);
        // The coordinator sees that the shelter exists, but gets no link to its confidential place.
        Assert.DoesNotContain($"/directory/manage/locations/{ShelterPlace}", coordinator);
        Assert.Contains($"/directory/manage/locations/{ShelterPlace}", admin);
    }

    // ---- what a change does ----

    [Fact]
    public async Task CreateService_ThroughThePage_SavesEverythingAndAudits()
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin, "en");
        var organisationId = await OrganisationOfAsync(Shelter);
        var office = DemoDirectory.LocationId("AL", Features.Admin.DemoData.OrgKind.Shelter, "office");

        var response = await UraFactory.PostFormAsync(client, $"/directory/manage/organisations/{organisationId}/services/new", new()
        {
            ["Input.Name"] = "Grupi i mbështetjes për nënat",
            ["Input.Status"] = "Active",
            ["Input.Categories"] = "psychological",
            ["Input.Languages"] = "sq",
            ["Input.AcceptsReferrals"] = "true",
            ["Input.MinimumAge"] = "18",
            ["Input.Genders"] = "Feminine",
            ["Input.Nationalities"] = "AL, XK",
            ["Input.Phones[0].Number"] = "+355 4 222 1000",
            ["Input.Phones[1].Number"] = "",
            ["Input.Schedules[0].Days"] = "TU",
            ["Input.Schedules[0].OpensAt"] = "10:00",
            ["Input.Schedules[0].ClosesAt"] = "12:00",
            ["Input.Locations"] = office.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        var saved = await factory.WithDb(db => db.Services.AsNoTracking().Include(s => s.Phones).Include(s => s.Schedules).Include(s => s.Locations).Include(s => s.Terms).SingleAsync(s => s.Id == id));
        Assert.Equal(organisationId, saved.OrganisationId);
        Assert.Equal("Feminine", saved.EligibleGenders);
        Assert.Equal("AL,XK", saved.EligibleNationalities);
        Assert.Single(saved.Phones);
        Assert.Equal("TU", saved.Schedules.Single().ByDay);
        Assert.Equal(office, saved.Locations.Single().LocationId);
        Assert.Equal(ServiceTaxonomy.Find("psychological")!.Id, saved.Terms.Single().TaxonomyTermId);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "directory.service.create" && e.EntityId == id.ToString())));
    }

    // The demo shelter service counts its beds from its facilities (see the Shelters tests), so a housing service of its own is made here.
    [Fact]
    public async Task ChangeService_ShelterBeds_UpdatesTheCapacity()
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin);
        var body = Body("Strehim i sigurt për gra dhe vajza");
        body["categories"] = new[] { "emergency-shelter", "safe-housing" };
        body["locations"] = new[] { ShelterPlace };
        body["bedsAvailable"] = 5;
        body["bedsMaximum"] = 10;
        var created = await client.PostAsJsonAsync($"/api/v1/directory/organisations/{await OrganisationOfAsync(Shelter)}/services", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<ServiceView>())!.Id;
        body["bedsAvailable"] = 2;
        body["bedsMaximum"] = 14;

        var response = await client.PutAsJsonAsync($"/api/v1/directory/services/{id}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var beds = await factory.WithDb(db => db.ServiceCapacities.AsNoTracking().SingleAsync(c => c.ServiceId == id && c.UnitId == ServiceTaxonomy.BedUnitId));
        Assert.Equal((2, (int?)14), (beds.Available, beds.Maximum));
    }

    [Fact]
    public async Task ChangeProfileAndLocation_AsOrganisationAdmin_SavesAndAudits()
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin, "en");
        var organisationId = await OrganisationOfAsync(Shelter);

        var profile = await UraFactory.PostFormAsync(client, $"/directory/manage/organisations/{organisationId}", new()
        {
            ["Input.Description"] = "Strehëz për gratë dhe vajzat e trafikuara.",
            ["Input.Email"] = "kontakt@shpresa.demo.ura",
            ["Input.Website"] = "https://shpresa.demo.ura",
        });
        var place = await client.PostAsJsonAsync($"/api/v1/directory/organisations/{organisationId}/locations",
            new { name = "Zyra në Durrës", locationType = "Physical", address1 = "Rruga Taulantia 5", city = "Durrës", countryCode = "AL" });

        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.Equal(HttpStatusCode.Created, place.StatusCode);
        Assert.Equal("kontakt@shpresa.demo.ura", await factory.WithDb(db => db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Email).SingleAsync()));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "directory.organisation.change")));
        Assert.True(await factory.WithDb(db => db.Locations.AnyAsync(l => l.OrganisationId == organisationId && l.Name == "Zyra në Durrës")));
    }

    [Fact]
    public async Task CreateService_ThroughTheApi_Answers201WithTheServiceAndItsAddress()
    {
        var client = await factory.SignInAsync(Demo.Coordinator);
        var organisationId = await OrganisationOfAsync(SocialCare);

        var response = await client.PostAsJsonAsync($"/api/v1/directory/organisations/{organisationId}/services", Body("Këshillim për të rinjtë"));
        var created = await response.Content.ReadFromJsonAsync<ServiceView>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/directory/services/{created!.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(organisationId, created.OrganisationId);
        Assert.Equal(["family-contact"], created.Categories);
        Assert.Equal("Rruga Myslym Shyri 18", created.Locations.Single().Addresses.Single().Address1);
        Assert.Equal("MO,WE", created.Schedules.Single().ByDay);
    }

    [Fact]
    public async Task ChangeLocation_BumpsTheServicesGivenThere()
    {
        var police = DemoDirectory.ServiceId("AL", "identification");
        var office = DemoDirectory.LocationId("AL", Features.Admin.DemoData.OrgKind.Police, "office");
        var before = await factory.WithDb(db => db.Services.Where(s => s.Id == police).Select(s => s.ModifiedAt).SingleAsync());
        var client = await factory.SignInAsync(Demo.Coordinator);

        var response = await client.PutAsJsonAsync($"/api/v1/directory/locations/{office}",
            new { name = "Sektori", locationType = "Physical", address1 = "Rruga e re 2", city = "Tiranë", countryCode = "AL" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await factory.WithDb(db => db.Services.Where(s => s.Id == police).Select(s => s.ModifiedAt).SingleAsync()) > before);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "directory.location.change" && e.EntityId == office.ToString())));
    }

    [Fact]
    public async Task CreateService_OrganisationOutOfScope_404AndNothingAdded()
    {
        var before = await ServiceCountAsync();
        var otherCountry = await factory.WithDb(db => db.Services.Where(s => s.Id == DemoDirectory.ServiceId("XK", "legal")).Select(s => s.OrganisationId).SingleAsync());
        var client = await factory.SignInAsync(Demo.Coordinator);

        var api = await client.PostAsJsonAsync($"/api/v1/directory/organisations/{otherCountry}/services", Body());
        var page = await client.GetAsync($"/directory/manage/organisations/{otherCountry}/services/new");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(before, await ServiceCountAsync());
    }

    // ---- bad input ----

    public static TheoryData<string, object?, string, string> BadServices => new()
    {
        { "categories", new[] { "cooking" }, "categories", "Directory.UnknownCategory" },
        { "categories", Array.Empty<string>(), "categories", "Directory.Edit.CategoryRequired" },
        { "minimumAge", 18, "maximumAge", "Directory.Edit.AgeRange" },
        { "genders", new[] { "Woman" }, "genders", "Cases.Person.UnknownGender" },
        { "nationalities", new[] { "Albania" }, "nationalities", "Cases.Person.UnknownCountry" },
        { "languages", new[] { "Shqip" }, "languages", "Cases.Person.UnknownLanguage" },
        { "phones", new[] { new { number = "call us" } }, "phones", "Cases.Person.InvalidPhone" },
        { "schedules", new[] { new { days = new[] { "XX" }, opensAt = "09:00", closesAt = "10:00" } }, "schedules", "Directory.Edit.DaysRequired" },
        { "schedules", new[] { new { days = new[] { "MO" }, opensAt = "9 am", closesAt = "10:00" } }, "schedules", "Directory.Edit.InvalidTime" },
        { "schedules", new[] { new { days = new[] { "MO" }, opensAt = "12:00", closesAt = "10:00" } }, "schedules", "Directory.Edit.ClosesBeforeOpens" },
        { "costOptions", new[] { new { option = "x", amount = -5m, currency = "ALL" } }, "costOptions", "Directory.Edit.InvalidAmount" },
        { "costOptions", new[] { new { option = "x", amount = 5m, currency = "Lek" } }, "costOptions", "Directory.Edit.UnknownCurrency" },
        { "url", "www.example", "url", "Directory.Edit.InvalidUrl" },
        { "bedsAvailable", 3, "bedsAvailable", "Directory.Edit.BedsOnlyForHousing" },
        { "status", "Open", "status", "Exploitation.UnknownCode" },
        { "locations", new[] { DemoDirectory.LocationId("AL", Features.Admin.DemoData.OrgKind.Police, "office") }, "locations", "Directory.Edit.UnknownLocation" },
        { "name", "", "name", "Validation.Required" },
        { "name", new string('x', 201), "name", "Validation.TooLong" },
    };

    [Theory]
    [MemberData(nameof(BadServices))]
    public async Task ChangeService_BadInput_LocalisedErrorAndNothingChanged(string field, object? value, string errorField, string key)
    {
        var before = await SocialCareRowAsync();
        var client = await factory.SignInAsync(Demo.Coordinator, "sq");
        var body = Body();
        body[field] = value;

        var response = await client.PutAsJsonAsync($"/api/v1/directory/services/{SocialCare}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text(key, "sq"), await ProblemErrorsAsync(response, errorField));
        Assert.Equal(before, await SocialCareRowAsync());
    }

    [Fact]
    public async Task EditPage_BadInput_ShowsTheLocalisedErrorNextToTheFieldAndChangesNothing()
    {
        var before = await SocialCareRowAsync();
        var client = await factory.SignInAsync(Demo.Coordinator, "mk");

        var response = await UraFactory.PostFormAsync(client, $"/directory/manage/services/{SocialCare}", new()
        {
            ["Input.Name"] = "Нов назив",
            ["Input.Categories"] = "social-care",
            ["Input.MinimumAge"] = "30",
            ["Input.MaximumAge"] = "20",
            ["Input.Schedules[0].Days"] = "MO",
            ["Input.Schedules[0].OpensAt"] = "18:00",
            ["Input.Schedules[0].ClosesAt"] = "08:00",
        });
        var html = await response.HtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Directory.Edit.AgeRange", "mk"), html);
        Assert.Contains(factory.Text("Directory.Edit.ClosesBeforeOpens", "mk"), html);
        Assert.Equal(before, await SocialCareRowAsync());
    }

    [Fact]
    public async Task CreateLocation_BadInput_LocalisedErrorsAndNothingAdded()
    {
        var client = await factory.SignInAsync(Demo.Coordinator, "sr-Latn");
        var organisationId = await OrganisationOfAsync(SocialCare);
        var shelterOrganisation = await OrganisationOfAsync(Shelter);
        var before = await factory.WithDb(db => db.Locations.CountAsync());

        var noStreet = await client.PostAsJsonAsync($"/api/v1/directory/organisations/{organisationId}/locations", new { name = "x", city = "Tiranë", countryCode = "ZZ" });
        var confidentialForOthers = await client.PostAsJsonAsync($"/api/v1/directory/organisations/{shelterOrganisation}/locations",
            new { name = "x", address1 = "Rruga 1", city = "Tiranë", countryCode = "AL", isConfidential = true });

        Assert.Equal(HttpStatusCode.BadRequest, noStreet.StatusCode);
        Assert.Contains(factory.Text("Validation.Required", "sr-Latn"), await ProblemErrorsAsync(noStreet, "address1"));
        Assert.Contains(factory.Text("Cases.Person.UnknownCountry", "sr-Latn"), await ProblemErrorsAsync(noStreet, "countryCode"));
        Assert.Equal(HttpStatusCode.BadRequest, confidentialForOthers.StatusCode);
        Assert.Contains(factory.Text("Directory.Edit.ConfidentialOwnOnly", "sr-Latn"), await ProblemErrorsAsync(confidentialForOthers, "isConfidential"));
        Assert.Equal(before, await factory.WithDb(db => db.Locations.CountAsync()));
    }

    [Fact]
    public async Task ChangeProfile_BadEmailAndWebsite_LocalisedErrorsAndNothingChanged()
    {
        var client = await factory.SignInAsync(Demo.OrgAdmin, "sq");
        var organisationId = await OrganisationOfAsync(Shelter);
        var before = await factory.WithDb(db => db.Organisations.Where(o => o.Id == organisationId).Select(o => new { o.Email, o.Website }).SingleAsync());

        var response = await client.PutAsJsonAsync($"/api/v1/directory/organisations/{organisationId}/profile", new { email = "not an email", website = "ftp://x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Text("Validation.Email", "sq"), await ProblemErrorsAsync(response, "email"));
        Assert.Contains(factory.Text("Directory.Edit.InvalidUrl", "sq"), await ProblemErrorsAsync(response, "website"));
        Assert.Equal(before, await factory.WithDb(db => db.Organisations.Where(o => o.Id == organisationId).Select(o => new { o.Email, o.Website }).SingleAsync()));
    }
}
