using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Cases;
using Ura.Features.Directory;
using Ura.Platform;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Referrals;

/// <summary>
/// Demo referrals between the demo organisations of each country, in every state of the lifecycle
/// (one overdue), sent from demo cases to demo directory services the person is eligible for; and,
/// for the people whose consent covers a neighbouring country, referrals to a service there, so that
/// coordinators see flows across borders. Each step goes through <see cref="ReferralStateMachine"/>
/// and is written on both histories, as real work would be. DEMO ONLY; deterministic for a given set
/// of demo cases.
/// </summary>
public sealed class DemoReferrals(UraDbContext db, ConsentCheck consent, TimeProvider clock, IOptions<UraOptions> options)
{
    /// <summary>Where each demo referral from one organisation ends up; the second Sent one is overdue.</summary>
    private static readonly ReferralStatus[] Story =
    [
        ReferralStatus.Draft, ReferralStatus.Sent, ReferralStatus.Sent, ReferralStatus.Acknowledged, ReferralStatus.Accepted,
        ReferralStatus.Declined, ReferralStatus.Completed, ReferralStatus.Completed, ReferralStatus.Withdrawn,
    ];

    /// <summary>The steps of <see cref="Story"/> a referral abroad ends at: sent (not overdue), then every later state.</summary>
    private static readonly int[] AbroadSteps = [6, 4, 1, 7, 3, 5, 8];

    private sealed record DemoService(Guid Id, Guid OrganisationId, string CountryCode, int? MinimumAge, int? MaximumAge, string EligibleGenders, string EligibleNationalities);

    private static readonly string[] Reasons =
    [
        "Needs safe accommodation after leaving the emergency shelter.",
        "Asks for legal advice on her residence status and the criminal proceedings.",
        "Needs psychological support; sleeps badly and has panic attacks.",
        "Wants vocational training to find work close to her family.",
        "Needs a medical examination and follow-up treatment.",
    ];

    /// <summary>Adds the demo referrals once (none when any referral exists or there are no demo cases); returns how many.</summary>
    public async Task<int> SeedAsync(CancellationToken ct)
    {
        if (await db.Referrals.AnyAsync(ct))
            return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var services = await db.Services.AsNoTracking()
            .Where(s => s.Status == ServiceStatus.Active && s.AcceptsReferrals && s.Organisation!.IsActive)
            .OrderBy(s => s.Id)
            .Select(s => new DemoService(s.Id, s.OrganisationId, s.Organisation!.CountryCode, s.MinimumAge, s.MaximumAge, s.EligibleGenders, s.EligibleNationalities))
            .ToListAsync(ct);
        var staff = await StaffAsync(ct);
        var added = 0;
        var received = new Dictionary<Guid, int>();
        var abroad = 0;
        var referred = new HashSet<(Guid Case, Guid Service)>();
        var senders = staff.Where(s => s.Workers.Count > 0).OrderBy(s => s.CountryCode).ThenBy(s => s.OrganisationId).ToList();
        for (var number = 0; number < senders.Count; number++)
        {
            var sender = senders[number];
            var cases = await db.Cases.AsNoTracking().Include(c => c.Person).Include(c => c.Team)
                .Where(c => c.OrganisationId == sender.OrganisationId && (c.Status == CaseStatus.Active || c.Status == CaseStatus.FollowUp) && c.Person != null)
                .OrderBy(c => c.Reference).Take(Story.Length * 6).ToListAsync(ct);
            // A small organisation goes round its cases again (a person is often referred to several
            // services), so that every receiving desk has referrals to show whatever the day's demo holds.
            // The services in a country this person may be referred to, and has not been yet.
            List<DemoService> Eligible(Case @case, string country)
            {
                var person = @case.Person!;
                var age = SharedRecord.AgeOf(person, today);
                return [.. services.Where(s => s.CountryCode == country && s.OrganisationId != sender.OrganisationId
                    && !referred.Contains((@case.Id, s.Id))
                    && staff.Any(r => r.OrganisationId == s.OrganisationId && r.Receivers.Count > 0)
                    && (s.MinimumAge is not { } min || age >= min) && (s.MaximumAge is not { } max || age <= max)
                    && (s.EligibleGenders.Length == 0 || s.EligibleGenders.Split(',').Contains(person.Gender.ToString()))
                    && (s.EligibleNationalities.Length == 0 || s.EligibleNationalities.Split(',').Any(person.CitizenshipList.Contains)))];
            }

            // The case's own worker at the sending organisation, or its first.
            Guid WorkerOf(Case @case) => @case.Team.Select(m => m.UserId).Where(sender.Workers.Contains).DefaultIfEmpty(sender.Workers[0]).First();

            var story = 0;
            for (var next = 0; story < Story.Length && next < cases.Count * 3; next++)
            {
                var @case = cases[next % cases.Count];
                var person = @case.Person!;
                var targets = Eligible(@case, sender.CountryCode);
                if (targets.Count == 0)
                    continue;
                // The organisation that has received the fewest so far, so that every receiving desk has some to
                // show; each sender starts the story elsewhere, so that small demos still show every state.
                var target = targets.Select((t, i) => (t, i)).MinBy(x => (received.GetValueOrDefault(x.t.OrganisationId), (x.i - story + targets.Count) % targets.Count)).t;
                var step = (number * 4 + story) % Story.Length;
                if (Story[step] != ReferralStatus.Draft)
                    received[target.OrganisationId] = received.GetValueOrDefault(target.OrganisationId) + 1;
                var receiver = staff.Single(s => s.OrganisationId == target.OrganisationId);
                var worker = WorkerOf(@case);
                var covered = await consent.CoversAsync(@case.Id, ConsentUse.ShareWithOrganisation, target.OrganisationId, null, today, ConsentPurpose.ReferralToServices, ct);
                if (!covered.Covered && sender.Supervisors.Count == 0)
                    continue;
                await AddAsync(@case, person, target.Id, target.OrganisationId, covered.ConsentId, sender.Supervisors.FirstOrDefault(),
                    worker, receiver.Receivers[story % receiver.Receivers.Count], receiver.OrganisationId, step, now, today, ct);
                referred.Add((@case.Id, target.Id));
                story++;
                added++;
            }

            // Then each person whose consent covers the neighbouring country is referred to a service there, which
            // needs no override: the consent names the country.
            var corridor = Cases.DemoCases.Corridor(sender.CountryCode);
            foreach (var @case in cases)
            {
                var target = Eligible(@case, corridor).MinBy(s => received.GetValueOrDefault(s.OrganisationId));
                if (target is null)
                    continue;
                var covered = await consent.CoversAsync(@case.Id, ConsentUse.ShareWithOrganisation, target.OrganisationId, null, today, ConsentPurpose.ReferralToServices, ct);
                if (!covered.Covered)
                    continue;
                var step = AbroadSteps[(number + abroad) % AbroadSteps.Length];
                received[target.OrganisationId] = received.GetValueOrDefault(target.OrganisationId) + 1;
                var receiver = staff.Single(s => s.OrganisationId == target.OrganisationId);
                await AddAsync(@case, @case.Person!, target.Id, target.OrganisationId, covered.ConsentId, Guid.Empty,
                    WorkerOf(@case), receiver.Receivers[abroad % receiver.Receivers.Count], receiver.OrganisationId, step, now, today, ct);
                referred.Add((@case.Id, target.Id));
                abroad++;
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private async Task AddAsync(Case @case, Person person, Guid serviceId, Guid receivingOrganisationId, Guid? consentId, Guid supervisorId,
        Guid worker, Guid receiver, Guid receiverOrganisation, int story, DateTime now, DateOnly today, CancellationToken ct)
    {
        var outcome = Story[story];
        var urgency = story % 4 == 1 ? ReferralUrgency.Urgent : story % 7 == 3 ? ReferralUrgency.Emergency : ReferralUrgency.Routine;
        var window = ReferralReading.Window(options.Value.Referrals, urgency);
        // Live referrals are recent (the overdue one is past its deadline); finished ones happened days ago.
        var sentAt = outcome switch
        {
            ReferralStatus.Sent when story == 2 => now - window - TimeSpan.FromHours(3),
            ReferralStatus.Sent => now - TimeSpan.FromMinutes(20),
            ReferralStatus.Acknowledged => now - window / 2,
            _ => now.AddDays(-(story * 3 + 4)),
        };
        var categories = await db.ServiceTerms.Where(t => t.ServiceId == serviceId && t.Term!.TaxonomyId == ServiceTaxonomy.Id).Select(t => t.Term!.Code).ToListAsync(ct);
        var referral = new Referral
        {
            OrganisationId = @case.OrganisationId,
            CaseId = @case.Id,
            CreatedById = worker,
            CreatedAt = sentAt - TimeSpan.FromMinutes(30),
            ServiceId = serviceId,
            ReceivingOrganisationId = receivingOrganisationId,
            CategoryCode = categories.Order().FirstOrDefault(),
            Urgency = urgency,
            Reason = Reasons[story % Reasons.Length],
            Message = story % 2 == 0 ? "Please call the case worker before the first appointment." : null,
            SharedFields = string.Join(',', SharedRecord.MinimalDefault),
        };
        db.Referrals.Add(referral);
        Timeline(@case.Id, referral, "referral.draft", referral.CreatedAt, worker, "ReferralUrgency." + urgency);
        if (outcome == ReferralStatus.Draft)
            return;

        if (consentId is null)
        {
            referral.OverrideById = supervisorId;
            referral.OverrideReason = "Demo: immediate protection needed; written consent to follow.";
        }
        referral.ConsentId = consentId;
        referral.SharedData = SharedRecord.Serialise(await SharedRecord.TakeAsync(db, @case, person, SharedRecord.MinimalDefault, today, ct));
        Step(referral, ReferralAction.Send, sentAt, consentId is null ? supervisorId : worker, @case.OrganisationId, "referral.send");
        referral.AcknowledgeBy = sentAt + window;
        if (outcome == ReferralStatus.Sent)
            return;
        if (outcome == ReferralStatus.Withdrawn)
        {
            referral.WithdrawReason = "The person moved to another town and is assisted there.";
            Step(referral, ReferralAction.Withdraw, sentAt.AddHours(5), worker, @case.OrganisationId, "referral.withdraw");
            return;
        }

        var acknowledged = sentAt + window / 4;
        Step(referral, ReferralAction.Acknowledge, acknowledged, receiver, receiverOrganisation, "referral.acknowledge");
        referral.AcknowledgedById = receiver;
        referral.DecideBy = acknowledged + window;
        if (outcome == ReferralStatus.Acknowledged)
            return;
        referral.DecidedById = receiver;
        if (outcome == ReferralStatus.Declined)
        {
            referral.DeclineReason = DeclineReason.NoCapacity;
            referral.DeclineNote = "No free place until next month; we will call when one opens.";
            Step(referral, ReferralAction.Decline, acknowledged.AddHours(2), receiver, receiverOrganisation, "referral.decline", "DeclineReason.NoCapacity");
            return;
        }
        Step(referral, ReferralAction.Accept, acknowledged.AddHours(2), receiver, receiverOrganisation, "referral.accept");
        if (outcome == ReferralStatus.Accepted)
            return;
        var successful = story % 2 == 0;
        referral.Successful = successful;
        referral.OutcomeNote = successful ? "Attended every session; the goals agreed were met." : "Stopped coming after two weeks; the case worker was told.";
        referral.ServicesGiven = string.Join(',', new[] { ServiceType.Psychological, ServiceType.LegalCounselling }.Take(successful ? 2 : 1));
        Step(referral, ReferralAction.Complete, acknowledged.AddDays(2), receiver, receiverOrganisation, "referral.complete",
            successful ? "Referrals.Outcome.Successful" : "Referrals.Outcome.NotSuccessful");
    }

    private void Step(Referral referral, ReferralAction action, DateTime at, Guid by, Guid organisationId, string timeline, string? detail = null)
    {
        ReferralStateMachine.Apply(referral, action, ReferralStateMachine.SideOf(action), at);
        db.ReferralEvents.Add(new ReferralEvent { ReferralId = referral.Id, Action = action, Status = referral.Status, At = at, UserId = by, OrganisationId = organisationId });
        Timeline(referral.CaseId, referral, timeline, at, by, detail);
    }

    private void Timeline(Guid caseId, Referral referral, string action, DateTime at, Guid by, string? detail) =>
        db.CaseEvents.Add(new CaseEvent { CaseId = caseId, At = at, UserId = by, Action = action, Detail = detail });

    private sealed record Staff(Guid OrganisationId, string CountryCode, List<Guid> Workers, List<Guid> Supervisors)
    {
        public List<Guid> Receivers => [.. Workers, .. Supervisors];
    }

    /// <summary>The demo case workers and supervisors of each organisation.</summary>
    private async Task<List<Staff>> StaffAsync(CancellationToken ct)
    {
        var rows = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Email!.EndsWith("@demo.ura"))
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u.Id, u.OrganisationId, ur.RoleId })
            .Join(db.Roles, x => x.RoleId, r => r.Id, (x, r) => new { x.Id, x.OrganisationId, Role = r.Name })
            .Where(x => x.Role == Roles.CaseWorker || x.Role == Roles.Supervisor)
            .Join(db.Organisations, x => x.OrganisationId, o => o.Id, (x, o) => new { x.Id, x.OrganisationId, x.Role, o.CountryCode })
            .ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.OrganisationId, r.CountryCode)).Select(g => new Staff(g.Key.OrganisationId, g.Key.CountryCode,
            [.. g.Where(r => r.Role == Roles.CaseWorker).Select(r => r.Id).Order()], [.. g.Where(r => r.Role == Roles.Supervisor).Select(r => r.Id).Order()]))];
    }
}
