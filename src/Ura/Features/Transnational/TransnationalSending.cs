using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Features.Referrals;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Federation;

namespace Ura.Features.Transnational;

/// <summary>
/// The sending side: a case team refers the person to a service a peer node published, under the
/// person's consent to share with that country; follows the answers; may withdraw. Every load goes
/// through the scoped case, so another case's referral is simply not found.
/// </summary>
public sealed class TransnationalSending(
    UraDbContext db, CaseAccess access, CurrentUser user, ConsentCheck consent, PeerDirectorySearch directory, FederationSender sender, AuditLog audit)
{
    public async Task<(Case Case, IReadOnlyList<TransnationalSummary> Items)?> ListAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var rows = await db.TransnationalReferrals.AsNoTracking()
            .Where(r => r.CaseId == found.Id && r.Side == TransnationalSide.Sending).OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        return (found, [.. rows.Select(r => new TransnationalSummary(r.Id, r.PeerNodeId, r.RemoteOrganisationName, r.RemoteServiceName, r.Urgency,
            r.Status, r.AtFocalPoint, r.SentAt, r.ConsentWithdrawnAt is not null, r.PurgedAt))]);
    }

    public async Task<(Case Case, TransnationalView Referral)?> ReadAsync(Guid caseId, Guid id, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var referral = await db.TransnationalReferrals.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == id && r.CaseId == found.Id && r.Side == TransnationalSide.Sending, ct);
        return referral is null ? null : (found, await TransnationalReading.ViewAsync(db, referral, access.Now, ct));
    }

    /// <summary>Sends the referral: checked, covered by cross-border consent for the peer's country, then put in the outbox with the change.</summary>
    public async Task<CommandResult<TransnationalView>> SendAsync(Guid caseId, TransnationalReferralInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<TransnationalView>.NotFound();
        if (refusal is not null)
            return CommandResult<TransnationalView>.Refused(refusal);
        var target = input.PeerServiceId is { } serviceId ? await directory.FindAsync(serviceId, ct) : null;
        var errors = await CheckAsync(@case, target, input, ct);
        if (errors.Count > 0)
            return CommandResult<TransnationalView>.Refused([.. errors]);

        // Data leaves the country: only under consent naming that country, never by override.
        var coverage = await consent.CoversAsync(@case.Id, ConsentUse.ShareAcrossBorder, null, target!.CountryCode, access.Today,
            ConsentPurpose.ReferralToServices, ct);
        if (!coverage.Covered)
            return CommandResult<TransnationalView>.Refused("", "Transnational.ConsentMissing");

        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == @case.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.CaseId == @case.Id, ct);
        var fields = input.SharedFields.Distinct().Select(Enum.Parse<SharedField>).Order().ToList();
        var shared = await SharedRecord.TakeAsync(db, @case, person, fields, access.Today, ct);
        var now = access.Now;
        var referral = new TransnationalReferral
        {
            Side = TransnationalSide.Sending,
            PeerNodeId = target.PeerNodeId,
            OrganisationId = @case.OrganisationId,
            CaseId = @case.Id,
            CreatedById = user.RequiredId,
            CreatedAt = now,
            RemoteOrganisationId = target.OrganisationId,
            RemoteOrganisationName = target.OrganisationName,
            RemoteServiceId = target.ServiceId,
            RemoteServiceName = target.Name,
            CategoryCode = string.IsNullOrEmpty(input.CategoryCode) ? target.Categories.Count == 1 ? target.Categories[0] : null : input.CategoryCode,
            Urgency = Enum.Parse<ReferralUrgency>(input.Urgency),
            Status = ReferralStatus.Sent,
            Reason = input.Reason!.Trim(),
            Message = string.IsNullOrWhiteSpace(input.Message) ? null : input.Message.Trim(),
            SharedFields = string.Join(',', fields),
            SharedData = SharedRecord.Serialise(shared),
            ConsentId = coverage.ConsentId,
            SentAt = now,
        };
        db.TransnationalReferrals.Add(referral);
        await sender.SendAsync(referral.PeerNodeId, TransnationalMessages.Referral, referral.Id, new ReferralPayload(
            referral.OrganisationId, organisation, referral.RemoteServiceId!.Value, referral.CategoryCode, referral.Urgency,
            referral.Reason, referral.Message, [.. fields.Select(f => f.ToString())], shared), ct);
        access.Record(@case, "transnational.send", referral.Id, "ReferralUrgency." + referral.Urgency);
        audit.Record("transnational.send", nameof(TransnationalReferral), referral.Id, $"peer={referral.PeerNodeId}; fields={referral.SharedFields}");
        await db.SaveChangesAsync(ct);
        return CommandResult<TransnationalView>.Done(await TransnationalReading.ViewAsync(db, referral, now, ct));
    }

    /// <summary>Withdraws a referral not yet final; the receiving node is told and stops showing the person.</summary>
    public async Task<CommandResult<TransnationalView>> WithdrawAsync(Guid caseId, Guid id, TransnationalVersionInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<TransnationalView>.NotFound();
        var referral = await db.TransnationalReferrals.SingleOrDefaultAsync(r => r.Id == id && r.CaseId == @case.Id && r.Side == TransnationalSide.Sending, ct);
        if (referral is null)
            return CommandResult<TransnationalView>.NotFound();
        if (refusal is not null)
            return CommandResult<TransnationalView>.Refused(refusal);
        if (input.Version is { } seen && seen != referral.Version)
            return CommandResult<TransnationalView>.Refused("", "Referrals.Refused.Changed");
        if (ReferralStateMachine.Next(referral.Status, ReferralAction.Withdraw) is not { } to)
            return CommandResult<TransnationalView>.Refused("", "Referrals.Refused.NotNow");
        referral.Status = to;
        referral.WithdrawnAt = access.Now;
        referral.Version++;
        await sender.SendAsync(referral.PeerNodeId, TransnationalMessages.Withdrawn, referral.Id, new { }, ct);
        access.Record(@case, "transnational.withdraw", referral.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<TransnationalView>.Refused("", "Referrals.Refused.Changed");
        }
        return CommandResult<TransnationalView>.Done(await TransnationalReading.ViewAsync(db, referral, access.Now, ct));
    }

    private async Task<List<RuleError>> CheckAsync(Case @case, PeerServiceView? target, TransnationalReferralInput input, CancellationToken ct)
    {
        var errors = new List<RuleError>();
        if (!PersonRules.IsValue<ReferralUrgency>(input.Urgency))
            errors.Add(new(nameof(input.Urgency), "Referrals.UnknownUrgency"));
        if (string.IsNullOrWhiteSpace(input.Reason))
            errors.Add(new(nameof(input.Reason), "Validation.Required"));
        else if (input.Reason.Length > 2000)
            errors.Add(new(nameof(input.Reason), "Validation.TooLong"));
        if (input.Message is { Length: > 2000 })
            errors.Add(new(nameof(input.Message), "Validation.TooLong"));
        if (input.SharedFields.Count == 0)
            errors.Add(new(nameof(input.SharedFields), "Referrals.NothingShared"));
        else if (!input.SharedFields.All(SharedRecord.IsField))
            errors.Add(new(nameof(input.SharedFields), "Referrals.UnknownField"));
        if (target is null)
        {
            errors.Add(new(nameof(input.PeerServiceId), "Transnational.UnknownService"));
            return errors;
        }
        if (!string.IsNullOrEmpty(input.CategoryCode) && !target.Categories.Contains(input.CategoryCode))
            errors.Add(new(nameof(input.CategoryCode), "Referrals.UnknownCategory"));

        // The peer's published eligibility, as for a national service.
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.CaseId == @case.Id, ct);
        var age = SharedRecord.AgeOf(person, access.Today);
        if ((target.MinimumAge is { } min && age < min) || (target.MaximumAge is { } max && age > max))
            errors.Add(new(nameof(input.PeerServiceId), "Referrals.NotEligible.Age"));
        if (target.Genders.Count > 0 && !target.Genders.Contains(person.Gender.ToString()))
            errors.Add(new(nameof(input.PeerServiceId), "Referrals.NotEligible.Gender"));
        if (target.Nationalities.Count > 0 && !person.CitizenshipList.Any(target.Nationalities.Contains))
            errors.Add(new(nameof(input.PeerServiceId), "Referrals.NotEligible.Citizenship"));
        return errors;
    }
}
