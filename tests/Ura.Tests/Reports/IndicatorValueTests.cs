using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ura.Platform.Identity;
using Ura.Features.Awareness.Campaigns;
using Ura.Features.Cases;
using Ura.Features.Directory;
using Ura.Features.Referrals;
using Ura.Features.Reports.Indicators;
using Ura.Features.Shelters;
using Ura.Features.Training.Assessments;
using Ura.Features.Training.Trainings;
using Ura.Features.Transnational;
using Ura.Tests.Infrastructure;

namespace Ura.Tests.Reports;

/// <summary>
/// Exact figures of the referral, transnational, follow-up, shelter, campaign, training and capacity indicators from
/// records seeded in fresh organisations, over June 2025: a record on the first and on the last day counts, one a
/// moment or a day outside does not; another organisation, or one in another country, is not counted unless in scope;
/// and one breakdown of each indicator with every figure at or above the small-number threshold.
/// </summary>
public sealed class IndicatorValueTests(UnroundedFactory factory) : IClassFixture<UnroundedFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private const string June = "from=2025-06-01&to=2025-06-30";

    private sealed record Row(string Key, string Label, decimal? Value, bool Hidden);
    private sealed record Figure(string Key, IndicatorUnit Unit, string? By, List<Row> Rows, decimal? Total, bool TotalHidden);
    private sealed record Run(DateOnly From, DateOnly To, int Threshold, Figure Figure);

    private static DateTime At(int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(2025, month, day, hour, minute, second, DateTimeKind.Utc);

    private static DateOnly On(int month, int day) => new(2025, month, day);

    private async Task<Run> RunAsync(string query)
    {
        var client = await factory.SignInAsync(Demo.Analyst, "en");
        var response = await client.GetAsync("/api/v1/reports/indicators/run?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, query + ": " + await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Run>(Json))!;
    }

    private async Task<decimal?> TotalAsync(string indicator, string where) => (await RunAsync($"indicator={indicator}&{June}&{where}")).Figure.Total;

    private static Dictionary<string, decimal?> Rows(Run run)
    {
        Assert.All(run.Figure.Rows, r => Assert.False(r.Hidden, $"{run.Figure.Key}: {r.Key} hidden"));
        return run.Figure.Rows.ToDictionary(r => r.Key, r => r.Value);
    }

    private static string In(params Guid[] organisations) => string.Join("&", organisations.Select(o => $"organisation={o}"));

    private async Task<Guid> OrganisationAsync(string country)
    {
        var organisation = new Organisation { Name = "Values " + country + " " + Guid.NewGuid().ToString("N")[..8], CountryCode = country, CreatedAt = DateTime.UtcNow };
        await factory.WithDb(db =>
        {
            db.Organisations.Add(organisation);
            return db.SaveChangesAsync();
        });
        return organisation.Id;
    }

    private static Guid AddCase(Ura.Platform.Data.UraDbContext db, Guid organisation, Gender gender)
    {
        var opened = At(1, 5);
        var @case = new Case { OrganisationId = organisation, Reference = "V" + Guid.NewGuid().ToString("N")[..12], OpenedAt = opened, UpdatedAt = opened };
        db.Cases.Add(@case);
        db.Persons.Add(new Person
        {
            OrganisationId = organisation, CaseId = @case.Id, GivenNames = "Test", FamilyName = "Person", BirthDate = "1990-01-01",
            BirthYearHash = "x", Gender = gender, AgeBand = AgeBand.From25To34, Citizenships = "ME", RegisteredAt = opened,
        });
        return @case.Id;
    }

    // ----- Referrals -----

    private sealed record ReferralSeed(Gender Gender, DateTime Sent, DateTime? Acknowledged = null, DateTime? Decided = null,
        bool Declined = false, DateTime? Completed = null, bool? Successful = null, bool Withdrawn = false);

    private Task AddReferralsAsync(Guid organisation, IEnumerable<ReferralSeed> seeds) => factory.WithDb(async db =>
    {
        var service = new Service { OrganisationId = organisation, Name = "Service " + Guid.NewGuid().ToString("N")[..6], CreatedAt = DateTime.UtcNow, ModifiedAt = DateTime.UtcNow };
        db.Services.Add(service);
        foreach (var s in seeds)
        {
            var status = s.Withdrawn ? ReferralStatus.Withdrawn : s.Completed is not null ? ReferralStatus.Completed : s.Declined ? ReferralStatus.Declined
                : s.Decided is not null ? ReferralStatus.Accepted : s.Acknowledged is not null ? ReferralStatus.Acknowledged : ReferralStatus.Sent;
            db.Referrals.Add(new Referral
            {
                OrganisationId = organisation, CaseId = AddCase(db, organisation, s.Gender), CreatedById = Guid.NewGuid(), CreatedAt = s.Sent,
                ServiceId = service.Id, ReceivingOrganisationId = organisation, Urgency = ReferralUrgency.Routine, Status = status,
                SentAt = s.Sent, AcknowledgedAt = s.Acknowledged, DecidedAt = s.Decided, DeclineReason = s.Declined ? DeclineReason.NoCapacity : null,
                CompletedAt = s.Completed, Successful = s.Successful, WithdrawnAt = s.Withdrawn ? At(6, 20) : null,
            });
        }
        await db.SaveChangesAsync();
    });

    /// <summary>
    /// Sent in June: 6 women (one at the first moment, one at the last second) and 5 men; 2 sent a moment or a day
    /// outside. Accepted in June: 6 (one completed without success, one withdrawn later, one decided at the first
    /// moment after being sent the second before); declined: 5; completed successfully in June: 5 women and 5 men.
    /// Acknowledged in June: five in 2 hours, five in 4, one in a second (median 2); decided in June: five in 24 hours,
    /// four in 48, one in 495, one in a second (median 24).
    /// </summary>
    private static IEnumerable<ReferralSeed> ReferralsOfJune()
    {
        var f = Gender.Feminine;
        var m = Gender.Masculine;
        var tenth = At(6, 10, 8);
        return
        [
            new(f, At(6, 1), At(6, 1, 2), At(6, 2), Completed: At(6, 20), Successful: true),
            new(f, tenth, tenth.AddHours(2), tenth.AddHours(24), Completed: At(6, 30, 23, 59, 59), Successful: true),
            new(f, tenth, tenth.AddHours(4), tenth.AddHours(24), Completed: At(7, 1), Successful: true),
            new(f, tenth, tenth.AddHours(4), tenth.AddHours(48), Completed: At(6, 20), Successful: false),
            new(f, tenth, tenth.AddHours(4), tenth.AddHours(48), Withdrawn: true),
            new(f, At(6, 30, 23, 59, 59)),
            new(m, tenth, tenth.AddHours(2), tenth.AddHours(24), Declined: true),
            new(m, tenth, tenth.AddHours(2), tenth.AddHours(24), Declined: true),
            new(m, tenth, tenth.AddHours(2), tenth.AddHours(48), Declined: true),
            new(m, tenth, tenth.AddHours(4), tenth.AddHours(48), Declined: true),
            new(m, tenth, tenth.AddHours(4), At(6, 30, 23), Declined: true),
            // Outside June, except what is said.
            new(f, At(5, 31, 23, 59, 59), At(6, 1), At(6, 1), Completed: At(6, 15), Successful: true),   // accepted, acknowledged and completed in June
            new(m, At(7, 1)),
            new(m, At(5, 20, 8), At(5, 31, 23), At(7, 1), Declined: true),
            new(f, At(5, 20, 8), At(5, 20, 10), At(5, 25), Completed: At(5, 31, 23, 59, 59), Successful: true),
            new(f, At(5, 1), At(5, 1, 10), At(5, 2), Completed: At(6, 5), Successful: true),                // completed in June
            new(f, At(5, 1), At(5, 1, 10), At(5, 2), Completed: At(6, 5), Successful: true),                // completed in June
            .. Enumerable.Range(0, 5).Select(_ => new ReferralSeed(m, At(5, 1), At(5, 1, 10), At(5, 2), Completed: At(6, 5), Successful: true)),
        ];
    }

    /// <summary>Five referrals sent on 15 June, acknowledged 10 hours later and accepted a day later.</summary>
    private static IEnumerable<ReferralSeed> FiveOthers() =>
        Enumerable.Range(0, 5).Select(_ => new ReferralSeed(Gender.Feminine, At(6, 15, 10), At(6, 15, 20), At(6, 16, 10)));

    [Fact]
    public async Task Referrals_June_ExactFiguresEdgesScopeAndBreakdowns()
    {
        var me = await OrganisationAsync("ME");
        var sameCountry = await OrganisationAsync("ME");
        var abroad = await OrganisationAsync("MK");
        await AddReferralsAsync(me, ReferralsOfJune());
        await AddReferralsAsync(sameCountry, FiveOthers());
        await AddReferralsAsync(abroad, FiveOthers());
        var mine = In(me);
        // The organisation abroad is asked for but outside the country chosen.
        var mineNotAbroad = In(me, abroad) + "&country=ME";

        Assert.Equal(11, await TotalAsync("referrals-made", mine));
        Assert.Equal(11, await TotalAsync("referrals-made", mineNotAbroad));
        Assert.Equal(6, await TotalAsync("referrals-accepted", mine));
        Assert.Equal(5, await TotalAsync("referrals-declined", mine));
        Assert.Equal(10, await TotalAsync("referrals-completed", mineNotAbroad));
        Assert.Equal(2.0m, await TotalAsync("hours-to-acknowledge", mine));
        Assert.Equal(2.0m, await TotalAsync("hours-to-acknowledge", mineNotAbroad));
        Assert.Equal(24.0m, await TotalAsync("hours-to-decide", mine));

        var madeBySex = await RunAsync($"indicator=referrals-made&by=sex&{June}&{mine}");
        Assert.Equal(new Dictionary<string, decimal?> { ["Feminine"] = 6, ["Masculine"] = 5 }, Rows(madeBySex));
        Assert.Equal(11, madeBySex.Figure.Total);
        var completedBySex = await RunAsync($"indicator=referrals-completed&by=sex&{June}&{mine}");
        Assert.Equal(new Dictionary<string, decimal?> { ["Feminine"] = 5, ["Masculine"] = 5 }, Rows(completedBySex));
        var acceptedByOrganisation = await RunAsync($"indicator=referrals-accepted&by=organisation&{June}&{In(me, sameCountry)}");
        Assert.Equal(new Dictionary<string, decimal?> { [me.ToString()] = 6, [sameCountry.ToString()] = 5 }, Rows(acceptedByOrganisation));
        Assert.Equal(11, acceptedByOrganisation.Figure.Total);
        var declinedByCountry = await RunAsync($"indicator=referrals-declined&by=country&{June}&{In(me, abroad)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["ME"] = 5 }, Rows(declinedByCountry));
        // Sixteen acknowledgements: 0, five of 2 hours, five of 4 and five of 10; the median of the whole is computed again.
        var acknowledgeByOrganisation = await RunAsync($"indicator=hours-to-acknowledge&by=organisation&{June}&{In(me, sameCountry)}");
        Assert.Equal(new Dictionary<string, decimal?> { [me.ToString()] = 2.0m, [sameCountry.ToString()] = 10.0m }, Rows(acknowledgeByOrganisation));
        Assert.Equal(4.0m, acknowledgeByOrganisation.Figure.Total);
        var decideByCountry = await RunAsync($"indicator=hours-to-decide&by=country&{June}&{In(me, abroad)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["ME"] = 24.0m, ["MK"] = 24.0m }, Rows(decideByCountry));
    }

    // ----- Transnational referrals, returns and follow-ups -----

    private static TransnationalReferral Transnational(Guid organisation, DateTime? sent, TransnationalSide side = TransnationalSide.Sending) => new()
    {
        Side = side, PeerNodeId = "xk", OrganisationId = organisation, CreatedAt = sent ?? At(6, 10),
        RemoteOrganisationId = Guid.NewGuid(), RemoteOrganisationName = "Abroad", Status = sent is null ? ReferralStatus.Draft : ReferralStatus.Sent, SentAt = sent,
    };

    private static ReturnPlan Plan(Ura.Platform.Data.UraDbContext db, Guid organisation, ReturnStatus status, DateOnly? handedOver)
    {
        var referral = Transnational(organisation, At(3, 1));
        db.TransnationalReferrals.Add(referral);
        var plan = new ReturnPlan
        {
            TransnationalReferralId = referral.Id, Side = TransnationalSide.Sending, OrganisationId = organisation, Status = status,
            DepartureOn = handedOver ?? On(8, 1), HandedOverOn = handedOver, HandedOverAt = handedOver?.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
            CreatedAt = At(3, 1), UpdatedAt = At(3, 1),
        };
        db.ReturnPlans.Add(plan);
        return plan;
    }

    [Fact]
    public async Task TransnationalReferralsAndReturns_June_ExactFiguresEdgesAndScope()
    {
        var me = await OrganisationAsync("ME");
        var abroad = await OrganisationAsync("MK");
        await factory.WithDb(db =>
        {
            // Sent in June: the first moment, the last second, two mid-month and two received from a peer.
            foreach (var sent in new[] { At(6, 1), At(6, 30, 23, 59, 59), At(6, 12), At(6, 13) })
                db.TransnationalReferrals.Add(Transnational(me, sent));
            db.TransnationalReferrals.Add(Transnational(me, At(6, 14), TransnationalSide.Receiving));
            db.TransnationalReferrals.Add(Transnational(me, At(6, 15), TransnationalSide.Receiving));
            foreach (var sent in new DateTime?[] { At(5, 31, 23, 59, 59), At(7, 1), null })
                db.TransnationalReferrals.Add(Transnational(me, sent));
            for (var i = 0; i < 5; i++)
                db.TransnationalReferrals.Add(Transnational(abroad, At(6, 20)));

            // Handed over in June: the first day, the last day and three between; not: a day outside either side, and a plan only confirmed.
            foreach (var day in new[] { On(6, 1), On(6, 30), On(6, 10), On(6, 11), On(6, 12) })
                Plan(db, me, ReturnStatus.HandedOver, day);
            Plan(db, me, ReturnStatus.HandedOver, On(5, 31));
            Plan(db, me, ReturnStatus.HandedOver, On(7, 1));
            Plan(db, me, ReturnStatus.Confirmed, null);
            for (var i = 0; i < 6; i++)
                Plan(db, abroad, ReturnStatus.HandedOver, On(6, 18));
            return db.SaveChangesAsync();
        });

        Assert.Equal(6, await TotalAsync("transnational-referrals", In(me)));
        Assert.Equal(6, await TotalAsync("transnational-referrals", In(me, abroad) + "&country=ME"));
        var referralsByCountry = await RunAsync($"indicator=transnational-referrals&by=country&{June}&{In(me, abroad)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["ME"] = 6, ["MK"] = 5 }, Rows(referralsByCountry));
        Assert.Equal(11, referralsByCountry.Figure.Total);

        Assert.Equal(5, await TotalAsync("returns", In(me)));
        Assert.Equal(5, await TotalAsync("returns", In(me, abroad) + "&country=ME"));
        var returnsByOrganisation = await RunAsync($"indicator=returns&by=organisation&{June}&{In(me, abroad)}");
        Assert.Equal(new Dictionary<string, decimal?> { [me.ToString()] = 5, [abroad.ToString()] = 6 }, Rows(returnsByOrganisation));
        Assert.Equal(11, returnsByOrganisation.Figure.Total);
    }

    [Fact]
    public async Task FollowUps_June_ExactFiguresByMonthEdgesAndScope()
    {
        var me = await OrganisationAsync("ME");
        var abroad = await OrganisationAsync("MK");
        await factory.WithDb(db =>
        {
            void FollowUp(Guid organisation, int month, DateOnly? reported)
            {
                var plan = Plan(db, organisation, ReturnStatus.HandedOver, On(1, 10));
                db.ReturnFollowUps.Add(new ReturnFollowUp
                {
                    ReturnPlanId = plan.Id, OrganisationId = organisation, Month = month, DueOn = On(1, 10).AddMonths(month),
                    ReportedOn = reported, Situation = reported is null ? null : ReturnSituation.Stable, RecordedAt = reported?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                });
            }
            // At 3 months: five in June, the first and last days among them; at 6 months: six; at 12 months: one due, not reported.
            foreach (var day in new[] { On(6, 1), On(6, 30), On(6, 5), On(6, 6), On(6, 7) })
                FollowUp(me, 3, day);
            foreach (var day in new[] { On(6, 8), On(6, 9), On(6, 10), On(6, 11), On(6, 12), On(6, 13) })
                FollowUp(me, 6, day);
            FollowUp(me, 12, null);
            FollowUp(me, 3, On(5, 31));
            FollowUp(me, 6, On(7, 1));
            for (var i = 0; i < 5; i++)
                FollowUp(abroad, 3, On(6, 15));
            return db.SaveChangesAsync();
        });

        Assert.Equal(11, await TotalAsync("follow-ups", In(me)));
        Assert.Equal(11, await TotalAsync("follow-ups", In(me, abroad) + "&country=ME"));
        var byMonth = await RunAsync($"indicator=follow-ups&by=follow-up-month&{June}&{In(me)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["3"] = 5, ["6"] = 6 }, Rows(byMonth));
        Assert.Equal(11, byMonth.Figure.Total);
        var byCountry = await RunAsync($"indicator=follow-ups&by=country&{June}&{In(me, abroad)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["ME"] = 11, ["MK"] = 5 }, Rows(byCountry));
    }

    // ----- Shelters -----

    private sealed record StaySeed(Gender Gender, DateOnly Admitted, DateOnly? Discharged);

    private Task AddStaysAsync(Guid organisation, IEnumerable<StaySeed> stays) => factory.WithDb(async db =>
    {
        var now = DateTime.UtcNow;
        var service = new Service { OrganisationId = organisation, Name = "Shelter service", CreatedAt = now, ModifiedAt = now };
        var location = new Location { OrganisationId = organisation, LocationType = LocationType.Physical, Name = "Shelter house", ModifiedAt = now };
        var facility = new ShelterFacility
        {
            OrganisationId = organisation, ServiceId = service.Id, LocationId = location.Id, Name = "House " + Guid.NewGuid().ToString("N")[..6],
            Type = HousingType.EmergencyShelter, Populations = "Women,Men", CountryCode = "ME", City = "Podgorica", Region = "Podgorica",
            CreatedAt = now, ModifiedAt = now, CapacityUpdatedAt = now,
        };
        var bed = new Bed { FacilityId = facility.Id, OrganisationId = organisation, Room = "1", Label = "1", Type = BedType.Adult, StatusChangedAt = now };
        db.Services.Add(service);
        db.Locations.Add(location);
        db.ShelterFacilities.Add(facility);
        db.ShelterBeds.Add(bed);
        foreach (var s in stays)
        {
            db.ShelterStays.Add(new Stay
            {
                FacilityId = facility.Id, OrganisationId = organisation, BedId = bed.Id, Reference = "V-" + Guid.NewGuid().ToString("N")[..6], FirstName = "Test",
                AgeBand = AgeBand.From25To34, Gender = s.Gender, AdmittedOn = s.Admitted, DischargedOn = s.Discharged,
                Destination = s.Discharged is null ? null : DischargeDestination.Family, AdmittedById = Guid.NewGuid(), CreatedAt = now,
            });
        }
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task ShelterStays_June_ExactBedNightsAndLengthOfStay()
    {
        var me = await OrganisationAsync("ME");
        var abroad = await OrganisationAsync("MK");
        var f = Gender.Feminine;
        var m = Gender.Masculine;
        await AddStaysAsync(me,
        [
            new(f, On(5, 25), On(6, 5)),    // 4 nights in June; stay of 11
            new(f, On(6, 1), On(6, 11)),    // 10; stay of 10
            new(f, On(6, 20), On(7, 5)),    // 11; left in July
            new(f, On(6, 30), On(7, 2)),    // 1: the last night
            new(f, On(6, 10), On(6, 30)),   // 20; stay of 20, left on the last day
            new(m, On(5, 1), On(6, 1)),     // 0: left on the first morning; stay of 31
            new(m, On(6, 15), null),        // 16: still there
            new(m, On(6, 5), On(6, 8)),     // 3; stay of 3
            new(m, On(6, 5), On(6, 6)),     // 1; stay of 1
            new(m, On(6, 20), On(6, 25)),   // 5; stay of 5
            new(m, On(7, 1), null),         // arrived after June
            new(m, On(5, 1), On(5, 31)),    // left before June
        ]);
        await AddStaysAsync(abroad, Enumerable.Range(0, 5).Select(i => new StaySeed(f, On(6, 2 + i), On(6, 6 + i))));

        // Women 46 nights, men 25.
        Assert.Equal(71, await TotalAsync("shelter-bed-nights", In(me)));
        Assert.Equal(71, await TotalAsync("shelter-bed-nights", In(me, abroad) + "&country=ME"));
        var nightsBySex = await RunAsync($"indicator=shelter-bed-nights&by=sex&{June}&{In(me)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["Feminine"] = 46, ["Masculine"] = 25 }, Rows(nightsBySex));
        Assert.Equal(71, nightsBySex.Figure.Total);
        var nightsByCountry = await RunAsync($"indicator=shelter-bed-nights&by=country&{June}&{In(me, abroad)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["ME"] = 71, ["MK"] = 20 }, Rows(nightsByCountry));
        Assert.Equal(91, nightsByCountry.Figure.Total);

        // Stays ended in June: 1, 3, 5, 10, 11, 20, 31 nights.
        Assert.Equal(10m, await TotalAsync("shelter-length-of-stay", In(me)));
        Assert.Equal(10m, await TotalAsync("shelter-length-of-stay", In(me, abroad) + "&country=ME"));
        var lengthByCountry = await RunAsync($"indicator=shelter-length-of-stay&by=country&{June}&{In(me, abroad)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["ME"] = 10m, ["MK"] = 4m }, Rows(lengthByCountry));
        // Twelve stays: 1, 3, five of 4, 5, 10, 11, 20, 31.
        Assert.Equal(4m, lengthByCountry.Figure.Total);
    }

    // ----- Campaigns, trainings, capacity -----

    private Task AddCampaignAsync(Guid organisation, params (DateOnly HeldOn, Sex Sex, AgeBand AgeBand, int People)[] reach) => factory.WithDb(async db =>
    {
        var now = DateTime.UtcNow;
        var campaign = new Campaign
        {
            OrganisationId = organisation, CountryCode = "ME", Name = "Campaign", Objective = "Reach", TargetGroups = "Youth", Channels = "SchoolSessions",
            StartsOn = On(1, 1), EndsOn = On(12, 31), CreatedById = Guid.NewGuid(), CreatedAt = now, UpdatedAt = now,
        };
        db.Campaigns.Add(campaign);
        foreach (var r in reach)
        {
            var activity = new CampaignActivity
            {
                CampaignId = campaign.Id, OrganisationId = organisation, HeldOn = r.HeldOn, Place = "School", Channel = CampaignChannel.SchoolSessions,
                CreatedById = Guid.NewGuid(), CreatedAt = now,
            };
            db.CampaignActivities.Add(activity);
            db.CampaignReach.Add(new CampaignReach { ActivityId = activity.Id, Sex = r.Sex, AgeBand = r.AgeBand, People = r.People });
        }
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task CampaignReach_June_ExactPeopleEdgesScopeAndBySex()
    {
        var me = await OrganisationAsync("ME");
        var abroad = await OrganisationAsync("MK");
        await AddCampaignAsync(me,
            (On(6, 1), Sex.Female, AgeBand.From12To17, 10), (On(6, 1), Sex.Male, AgeBand.From12To17, 7), (On(6, 30), Sex.Female, AgeBand.From18To24, 5),
            (On(5, 31), Sex.Female, AgeBand.From12To17, 100), (On(7, 1), Sex.Male, AgeBand.From12To17, 100));
        await AddCampaignAsync(abroad, (On(6, 15), Sex.Female, AgeBand.From12To17, 50));

        Assert.Equal(22, await TotalAsync("campaign-reach", In(me)));
        Assert.Equal(22, await TotalAsync("campaign-reach", In(me, abroad) + "&country=ME"));
        var bySex = await RunAsync($"indicator=campaign-reach&by=sex&{June}&{In(me)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["Female"] = 15, ["Male"] = 7 }, Rows(bySex));
        var byAge = await RunAsync($"indicator=campaign-reach&by=age-band&{June}&{In(me)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["From12To17"] = 17, ["From18To24"] = 5 }, Rows(byAge));
        var byCountry = await RunAsync($"indicator=campaign-reach&by=country&{June}&{In(me, abroad)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["ME"] = 22, ["MK"] = 50 }, Rows(byCountry));
        Assert.Equal(72, byCountry.Figure.Total);
    }

    private Task AddTrainingsAsync(Guid organisation, params (DateOnly StartsOn, int Women, int Men)[] trainings) => factory.WithDb(async db =>
    {
        var now = DateTime.UtcNow;
        foreach (var t in trainings)
        {
            var training = new TrainingCourse
            {
                OrganisationId = organisation, CountryCode = "ME", Title = "Training", Topic = TrainingTopic.IdentificationAndSops,
                StartsOn = t.StartsOn, EndsOn = t.StartsOn.AddDays(1), CreatedAt = now, ModifiedAt = now,
            };
            db.Trainings.Add(training);
            if (t.Women > 0)
                db.TrainingParticipants.Add(new TrainingParticipants { TrainingId = training.Id, Role = ParticipantRole.CaseWorker, Sex = ParticipantSex.Female, Count = t.Women });
            if (t.Men > 0)
                db.TrainingParticipants.Add(new TrainingParticipants { TrainingId = training.Id, Role = ParticipantRole.Police, Sex = ParticipantSex.Male, Count = t.Men });
        }
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Trainings_June_ExactTrainingsAndParticipantsEdgesScopeAndBySex()
    {
        var me = await OrganisationAsync("ME");
        var sameCountry = await OrganisationAsync("ME");
        var abroad = await OrganisationAsync("MK");
        await AddTrainingsAsync(me,
            (On(6, 1), 4, 3), (On(6, 30), 2, 0), (On(6, 10), 3, 2), (On(6, 11), 3, 2), (On(6, 12), 3, 2),
            (On(5, 31), 50, 50), (On(7, 1), 50, 50));
        await AddTrainingsAsync(sameCountry, Enumerable.Range(0, 5).Select(i => (On(6, 2 + i), 1, 1)).ToArray());
        await AddTrainingsAsync(abroad, Enumerable.Range(0, 5).Select(i => (On(6, 2 + i), 10, 10)).ToArray());

        Assert.Equal(5, await TotalAsync("trainings", In(me)));
        Assert.Equal(5, await TotalAsync("trainings", In(me, abroad) + "&country=ME"));
        var trainingsByOrganisation = await RunAsync($"indicator=trainings&by=organisation&{June}&{In(me, sameCountry)}");
        Assert.Equal(new Dictionary<string, decimal?> { [me.ToString()] = 5, [sameCountry.ToString()] = 5 }, Rows(trainingsByOrganisation));
        Assert.Equal(10, trainingsByOrganisation.Figure.Total);

        Assert.Equal(24, await TotalAsync("training-participants", In(me)));
        Assert.Equal(24, await TotalAsync("training-participants", In(me, abroad) + "&country=ME"));
        var participantsBySex = await RunAsync($"indicator=training-participants&by=sex&{June}&{In(me)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["Female"] = 15, ["Male"] = 9 }, Rows(participantsBySex));
        Assert.Equal(24, participantsBySex.Figure.Total);
    }

    [Fact]
    public async Task CapacityProgress_June_ProvidersImprovedByTheirLatestAssessmentInThePeriod()
    {
        var me = await OrganisationAsync("ME");
        var abroad = await OrganisationAsync("MK");
        async Task<List<Guid>> ProgrammeAsync(Guid organisation, params (DateOnly On, int Score)[][] histories) =>
            await ProgrammeOfAsync(organisation, null, histories);
        async Task<List<Guid>> ProgrammeOfAsync(Guid organisation, List<Guid>? existing, params (DateOnly On, int Score)[][] histories)
        {
            var providers = existing ?? [];
            for (var i = providers.Count; i < histories.Length; i++)
                providers.Add(await OrganisationAsync("ME"));
            await factory.WithDb(db =>
            {
                var programme = new CapacityProgramme
                {
                    OrganisationId = organisation, CountryCode = "ME", Name = "Programme", StartsOn = On(1, 1), EndsOn = On(12, 31),
                    CreatedById = Guid.NewGuid(), CreatedAt = DateTime.UtcNow,
                };
                db.CapacityProgrammes.Add(programme);
                for (var i = 0; i < histories.Length; i++)
                {
                    foreach (var (on, score) in histories[i])
                    {
                        var assessment = new CapacityAssessment
                        {
                            ProgrammeId = programme.Id, OrganisationId = organisation, ProviderId = providers[i], AssessedOn = on,
                            Assessors = "Assessor", Framework = "Framework", RecordedById = Guid.NewGuid(), RecordedAt = DateTime.UtcNow,
                        };
                        db.CapacityAssessments.Add(assessment);
                        // Two criteria whose average is the score.
                        db.CapacityScores.Add(new CapacityScore { AssessmentId = assessment.Id, OrganisationId = organisation, Criterion = "a", Score = score - 1 });
                        db.CapacityScores.Add(new CapacityScore { AssessmentId = assessment.Id, OrganisationId = organisation, Criterion = "b", Score = score + 1 });
                    }
                }
                return db.SaveChangesAsync();
            });
            return providers;
        }
        var providers = await ProgrammeAsync(me,
            [(On(5, 1), 2), (On(6, 1), 3)],                 // improved, latest on the first day
            [(On(1, 10), 2), (On(6, 30), 4)],               // improved, latest on the last day
            [(On(3, 1), 2), (On(6, 15), 3)],
            [(On(3, 1), 2), (On(6, 15), 3)],
            [(On(3, 1), 2), (On(6, 15), 3)],
            [(On(3, 1), 2), (On(6, 15), 3), (On(7, 1), 4)], // improved as at the end of June
            [(On(3, 1), 3), (On(6, 15), 2)],                // worse
            [(On(3, 1), 2), (On(6, 15), 2)],                // the same
            [(On(6, 15), 3)],                               // one assessment only
            [(On(3, 1), 2), (On(5, 31), 4)]);               // latest before June
        await ProgrammeAsync(abroad, [.. Enumerable.Range(0, 5).Select(_ => new[] { (On(3, 1), 2), (On(6, 20), 3) })]);

        Assert.Equal(6, await TotalAsync("capacity-progress", In(me)));
        Assert.Equal(6, await TotalAsync("capacity-progress", In(me, abroad) + "&country=ME"));
        var byCountry = await RunAsync($"indicator=capacity-progress&by=country&{June}&{In(me, abroad)}");
        Assert.Equal(new Dictionary<string, decimal?> { ["ME"] = 6, ["MK"] = 5 }, Rows(byCountry));
        Assert.Equal(11, byCountry.Figure.Total);

        // The first provider, improved again in a second programme, counts once for each (the definition says so).
        await ProgrammeOfAsync(me, [providers[0]], [(On(2, 1), 1), (On(6, 10), 3)]);
        Assert.Equal(7, await TotalAsync("capacity-progress", In(me)));
    }
}
