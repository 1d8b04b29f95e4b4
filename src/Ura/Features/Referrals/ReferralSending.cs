using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Directory;
using Ura.Features.Notifications;
using Ura.Platform;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Identity;

namespace Ura.Features.Referrals;

/// <summary>
/// The sending side: a case team refers the person to another organisation's service, sends it
/// (consent checked, or a supervisor's override), follows it and may withdraw it. Every load goes
/// through the scoped case (<see cref="CaseAccess"/>), so a referral of another case is not found.
/// </summary>
public sealed class ReferralSending(
    UraDbContext db, CaseAccess access, CurrentUser user, ConsentCheck consent, Notifier notifier, AuditLog audit, IOptions<UraOptions> options,
    Shelters.BedHolds holds)
{
    /// <summary>The case's referrals, newest first; null when the case is out of scope. The read is audited.</summary>
    public async Task<(Case Case, IReadOnlyList<ReferralSummary> Items)?> ListAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var now = access.Now;
        var rows = await db.Referrals.AsNoTracking().Where(r => r.CaseId == found.Id).OrderByDescending(r => r.CreatedAt)
            .Select(r => new
            {
                r.Id, r.CaseId, Service = db.Services.Where(s => s.Id == r.ServiceId).Select(s => s.Name).First(),
                Organisation = db.Organisations.Where(o => o.Id == r.ReceivingOrganisationId).Select(o => o.Name).First(),
                r.Urgency, r.Status, r.CreatedAt, r.SentAt, r.AcknowledgeBy, r.DecideBy, r.DeclineReason, r.Successful,
            }).ToListAsync(ct);
        return (found, rows.Select(r =>
        {
            var due = ReferralReading.Due(r.Status, r.AcknowledgeBy, r.DecideBy);
            return new ReferralSummary(r.Id, r.CaseId, r.Service, r.Organisation, r.Urgency, r.Status, r.CreatedAt, r.SentAt, due,
                due < now, r.DeclineReason, r.Successful);
        }).ToList());
    }

    /// <summary>One referral of the case as its sender reads it; null when the case or the referral is out of scope.</summary>
    public async Task<(Case Case, ReferralView Referral)?> ReadAsync(Guid caseId, Guid referralId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId && r.CaseId == found.Id, ct);
        if (referral is null)
            return null;
        return (found, await ReferralReading.ViewAsync(db, referral, ReferralSide.Sender, access.Now, ct));
    }

    /// <summary>The service a referral would go to, for the form; null when it does not exist.</summary>
    public async Task<ReferralTarget?> TargetAsync(Guid serviceId, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == serviceId)
            .Select(s => new { s.Id, s.Name, s.OrganisationId, Organisation = s.Organisation!.Name }).SingleOrDefaultAsync(ct);
        if (service is null)
            return null;
        return new ReferralTarget(service.Id, service.Name, service.OrganisationId, service.Organisation, await CategoriesOfAsync(service.Id, ct));
    }

    /// <summary>Creates a referral as a draft, or sends it at once (<see cref="ReferralInput.Send"/>).</summary>
    public async Task<CommandResult<ReferralView>> CreateAsync(Guid caseId, ReferralInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<ReferralView>.NotFound();
        if (refusal is not null)
            return CommandResult<ReferralView>.Refused(refusal);
        var errors = await CheckAsync(@case, input.ServiceId, input.Urgency, input.CategoryCode, input.Reason, input.SharedFields, ct);
        if (errors.Count > 0)
            return CommandResult<ReferralView>.Refused([.. errors]);

        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == input.ServiceId, ct);
        var categories = await CategoriesOfAsync(service.Id, ct);
        var referral = new Referral
        {
            OrganisationId = @case.OrganisationId,
            CaseId = @case.Id,
            CreatedById = user.RequiredId,
            CreatedAt = access.Now,
            ServiceId = service.Id,
            ReceivingOrganisationId = service.OrganisationId,
            CategoryCode = string.IsNullOrEmpty(input.CategoryCode) ? categories.Count == 1 ? categories[0] : null : input.CategoryCode,
            Urgency = Enum.Parse<ReferralUrgency>(input.Urgency),
            Reason = input.Reason!.Trim(),
            Message = Clean(input.Message),
            SharedFields = string.Join(',', input.SharedFields.Distinct().Select(Enum.Parse<SharedField>).Order()),
        };
        if (input.Send)
        {
            var sendErrors = await SendCheckedAsync(@case, referral, input.OverrideReason, input.HoldBed, input.FacilityId, ct);
            if (sendErrors.Count > 0)
                return CommandResult<ReferralView>.Refused([.. sendErrors]);
        }
        else
            access.Record(@case, "referral.draft", referral.Id, "ReferralUrgency." + referral.Urgency);
        db.Referrals.Add(referral);
        return await SaveAsync(referral, ct);
    }

    /// <summary>Sends a draft; the rules are checked again, since the case or the service may have changed.</summary>
    public async Task<CommandResult<ReferralView>> SendAsync(Guid caseId, Guid referralId, ReferralSendInput input, CancellationToken ct)
    {
        var (@case, referral, refusal) = await ForChangeAsync(caseId, referralId, input.Version, ct);
        if (@case is null || referral is null)
            return CommandResult<ReferralView>.NotFound();
        if (refusal is not null)
            return CommandResult<ReferralView>.Refused(refusal);
        if (referral.Status != ReferralStatus.Draft)
            return CommandResult<ReferralView>.Refused("", "Referrals.Refused.NotNow");
        var errors = await CheckAsync(@case, referral.ServiceId, referral.Urgency.ToString(), referral.CategoryCode, referral.Reason,
            [.. referral.SharedFieldList], ct);
        if (errors.Count > 0)
            return CommandResult<ReferralView>.Refused([.. errors]);
        var sendErrors = await SendCheckedAsync(@case, referral, input.OverrideReason, input.HoldBed, input.FacilityId, ct);
        if (sendErrors.Count > 0)
            return CommandResult<ReferralView>.Refused([.. sendErrors]);
        return await SaveAsync(referral, ct);
    }

    /// <summary>Withdraws a referral not yet final, with the reason; the receiver is told.</summary>
    public async Task<CommandResult<ReferralView>> WithdrawAsync(Guid caseId, Guid referralId, ReferralWithdrawInput input, CancellationToken ct)
    {
        var (@case, referral, refusal) = await ForChangeAsync(caseId, referralId, input.Version, ct);
        if (@case is null || referral is null)
            return CommandResult<ReferralView>.NotFound();
        if (refusal is not null)
            return CommandResult<ReferralView>.Refused(refusal);
        if (string.IsNullOrWhiteSpace(input.Reason))
            return CommandResult<ReferralView>.Refused(nameof(ReferralWithdrawInput.Reason), "Referrals.ReasonRequired");
        if (input.Reason.Length > 1000)
            return CommandResult<ReferralView>.Refused(nameof(ReferralWithdrawInput.Reason), "Validation.TooLong");
        var wasSent = referral.Status != ReferralStatus.Draft;
        if (ReferralStateMachine.Apply(referral, ReferralAction.Withdraw, ReferralSide.Sender, access.Now) is { } refused)
            return CommandResult<ReferralView>.Refused("", refused);
        referral.WithdrawReason = input.Reason.Trim();
        await holds.ReleaseAsync(referral.Id, access.Now, ct);
        AddEvent(referral, ReferralAction.Withdraw);
        access.Record(@case, "referral.withdraw", referral.Id);
        if (wasSent)
            notifier.Notify(await ReferralReading.ReceiversAsync(db, referral.ReceivingOrganisationId, ct), "referral.withdrawn", $"/referrals/{referral.Id}");
        return await SaveAsync(referral, ct);
    }

    /// <summary>The rules every referral meets, as a draft and again when sent. Each broken rule is one error.</summary>
    private async Task<List<RuleError>> CheckAsync(Case @case, Guid? serviceId, string? urgency, string? categoryCode, string? reason,
        IReadOnlyList<string> sharedFields, CancellationToken ct)
    {
        var errors = new List<RuleError>();
        if (!PersonRules.IsValue<ReferralUrgency>(urgency))
            errors.Add(new(nameof(ReferralInput.Urgency), "Referrals.UnknownUrgency"));
        if (string.IsNullOrWhiteSpace(reason))
            errors.Add(new(nameof(ReferralInput.Reason), "Validation.Required"));
        else if (reason.Length > 2000)
            errors.Add(new(nameof(ReferralInput.Reason), "Validation.TooLong"));
        if (sharedFields.Count == 0)
            errors.Add(new(nameof(ReferralInput.SharedFields), "Referrals.NothingShared"));
        else if (!sharedFields.All(SharedRecord.IsField))
            errors.Add(new(nameof(ReferralInput.SharedFields), "Referrals.UnknownField"));

        var service = serviceId is { } id
            ? await db.Services.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new { s.Id, s.OrganisationId, s.Status, s.AcceptsReferrals, OrganisationActive = s.Organisation!.IsActive, s.MinimumAge, s.MaximumAge, s.EligibleGenders, s.EligibleNationalities })
                .SingleOrDefaultAsync(ct)
            : null;
        if (service is null)
        {
            errors.Add(new(nameof(ReferralInput.ServiceId), "Referrals.UnknownService"));
            return errors;
        }
        if (service.OrganisationId == @case.OrganisationId)
            errors.Add(new(nameof(ReferralInput.ServiceId), "Referrals.OwnOrganisation"));
        else if (service.Status != ServiceStatus.Active || !service.AcceptsReferrals || !service.OrganisationActive)
            errors.Add(new(nameof(ReferralInput.ServiceId), "Referrals.ServiceNotTaking"));
        if (!string.IsNullOrEmpty(categoryCode) && !(await CategoriesOfAsync(service.Id, ct)).Contains(categoryCode))
            errors.Add(new(nameof(ReferralInput.CategoryCode), "Referrals.UnknownCategory"));

        // Eligibility: the service says whom it serves; a person it excludes cannot be referred to it.
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.CaseId == @case.Id, ct);
        var age = SharedRecord.AgeOf(person, access.Today);
        if ((service.MinimumAge is { } min && age < min) || (service.MaximumAge is { } max && age > max))
            errors.Add(new(nameof(ReferralInput.ServiceId), "Referrals.NotEligible.Age"));
        var genders = service.EligibleGenders.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (genders.Length > 0 && !genders.Contains(person.Gender.ToString()))
            errors.Add(new(nameof(ReferralInput.ServiceId), "Referrals.NotEligible.Gender"));
        var nationalities = service.EligibleNationalities.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (nationalities.Length > 0 && !person.CitizenshipList.Any(nationalities.Contains))
            errors.Add(new(nameof(ReferralInput.ServiceId), "Referrals.NotEligible.Citizenship"));
        return errors;
    }

    /// <summary>
    /// The consent check and the sending itself: covered by a consent in force for that organisation
    /// and purpose, or a supervisor's override with a reason (audited). Then the shared values are
    /// copied, the deadline set, the receivers notified, and the step written on both histories.
    /// </summary>
    private async Task<List<RuleError>> SendCheckedAsync(Case @case, Referral referral, string? overrideReason, bool holdBed, Guid? facilityId,
        CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.CaseId == @case.Id, ct);
        // The bed to hold is found before anything changes (or is audited): no bed free means nothing is sent.
        Shelters.Bed? bed = null;
        if (holdBed)
        {
            var (found, noBed) = await holds.FindAsync(referral.ServiceId, facilityId, person.Gender,
                PersonRules.BandOf(SharedRecord.AgeOf(person, access.Today)), nameof(ReferralInput.HoldBed), ct);
            if (noBed is not null)
                return [noBed];
            bed = found;
        }
        var coverage = await consent.CoversAsync(@case.Id, ConsentUse.ShareWithOrganisation, referral.ReceivingOrganisationId, null,
            access.Today, ConsentPurpose.ReferralToServices, ct);
        if (!coverage.Covered)
        {
            if (string.IsNullOrWhiteSpace(overrideReason))
                return [new(nameof(ReferralInput.OverrideReason), "Referrals.ConsentMissing")];
            if (!user.IsInRole(Roles.Supervisor))
                return [new(nameof(ReferralInput.OverrideReason), "Referrals.OverrideSupervisorOnly")];
            if (overrideReason.Length > 1000)
                return [new(nameof(ReferralInput.OverrideReason), "Validation.TooLong")];
            referral.OverrideById = user.RequiredId;
            referral.OverrideReason = overrideReason.Trim();
            audit.Record("referral.consent.override", nameof(Referral), referral.Id, $"case={@case.Id}; organisation={referral.ReceivingOrganisationId}");
        }
        else
            referral.ConsentId = coverage.ConsentId;

        if (ReferralStateMachine.Apply(referral, ReferralAction.Send, ReferralSide.Sender, access.Now) is { } refused)
            return [new("", refused)];
        if (bed is not null && await holds.HoldAsync(bed, referral.Id, access.Now, ct) is { } notHeld)
            return [notHeld];
        referral.SharedData = SharedRecord.Serialise(await SharedRecord.TakeAsync(db, @case, person,
            referral.SharedFieldList.Select(Enum.Parse<SharedField>), access.Today, ct));
        referral.AcknowledgeBy = referral.SentAt + Window(referral.Urgency);
        AddEvent(referral, ReferralAction.Send);
        access.Record(@case, "referral.send", referral.Id, "ReferralUrgency." + referral.Urgency);
        notifier.Notify(await ReferralReading.ReceiversAsync(db, referral.ReceivingOrganisationId, ct), "referral.received", $"/referrals/{referral.Id}");
        return [];
    }

    private TimeSpan Window(ReferralUrgency urgency) => ReferralReading.Window(options.Value.Referrals, urgency);

    private async Task<(Case? Case, Referral? Referral, RuleError? Refusal)> ForChangeAsync(Guid caseId, Guid referralId, int? version, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return (null, null, null);
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId && r.CaseId == @case.Id, ct);
        if (referral is not null && refusal is null && version is { } seen && seen != referral.Version)
            refusal = new RuleError("", "Referrals.Refused.Changed");
        return (@case, referral, refusal);
    }

    private async Task<CommandResult<ReferralView>> SaveAsync(Referral referral, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Nothing of this attempt may be saved later by the same request (the page's audited re-read saves).
            db.ChangeTracker.Clear();
            return CommandResult<ReferralView>.Refused("", "Referrals.Refused.Changed");
        }
        return CommandResult<ReferralView>.Done(await ReferralReading.ViewAsync(db, referral, ReferralSide.Sender, access.Now, ct));
    }

    private void AddEvent(Referral referral, ReferralAction action) =>
        db.ReferralEvents.Add(new ReferralEvent
        {
            ReferralId = referral.Id, Action = action, Status = referral.Status, At = access.Now, UserId = user.Id, OrganisationId = user.OrganisationId,
        });

    private Task<List<string>> CategoriesOfAsync(Guid serviceId, CancellationToken ct) =>
        db.ServiceTerms.Where(t => t.ServiceId == serviceId && t.Term!.TaxonomyId == ServiceTaxonomy.Id)
            .Select(t => t.Term!.Code).OrderBy(c => c).ToListAsync(ct);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
