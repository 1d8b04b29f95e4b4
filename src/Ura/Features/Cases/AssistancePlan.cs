using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;

namespace Ura.Features.Cases;

/// <summary>
/// HTCDS 2.0 support plan types (<c>spl_Type</c>), used for plan goals and for the areas of a needs
/// assessment. <see cref="Psychological"/>, <see cref="Housing"/> and <see cref="Other"/> are Ura's
/// additions: the TRM SOPs plan psychological support and accommodation on their own, and HTCDS has
/// no value for them.
/// </summary>
public enum SupportType
{
    Education,
    Financial,
    Health,
    LabourExploitationRehabilitation,
    Legal,
    Livelihood,
    RightsBasedTraining,
    SexualExploitationRehabilitation,
    SocialCare,
    Psychological,
    Housing,
    Other,
}

/// <summary>Where a plan goal stands. The last three are final and carry an actual end date.</summary>
public enum GoalStatus
{
    Planned,
    InProgress,
    Achieved,
    NotAchieved,
    Cancelled,
}

/// <summary>What the person needs, by support area, as assessed on a date; repeated as the case goes on.</summary>
public sealed class NeedsAssessment : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public DateOnly AssessedOn { get; set; }

    /// <summary><see cref="SupportType"/> names, comma separated; kept in clear for statistics.</summary>
    public string Areas { get; set; } = "";

    public string? Notes { get; set; }
    public DateTime RecordedAt { get; set; }
    public Guid? RecordedById { get; set; }

    public IEnumerable<string> AreaList => Areas.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// One goal of the individual assistance plan (HTCDS support plan: <c>spl_Type</c>,
/// <c>spl_Objectives</c>, <c>spl_ActionPlan</c>, <c>spl_PlannedEndDate</c>, <c>spl_ActualEndDate</c>).
/// </summary>
public sealed class PlanGoal : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public SupportType Type { get; set; }
    public required string Objective { get; set; }
    public string? Actions { get; set; }

    /// <summary>Any organisation of the node: the goal may rest with a partner, not the case's own organisation.</summary>
    public Guid? ResponsibleOrganisationId { get; set; }

    public DateOnly? PlannedStartOn { get; set; }
    public DateOnly? PlannedEndOn { get; set; }
    public DateOnly? ActualEndOn { get; set; }
    public GoalStatus Status { get; set; } = GoalStatus.Planned;
    public DateOnly? LastReviewedOn { get; set; }
    public DateOnly? NextReviewOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool IsFinal => Status is GoalStatus.Achieved or GoalStatus.NotAchieved or GoalStatus.Cancelled;
}

internal sealed class NeedsAssessmentConfiguration : IEntityTypeConfiguration<NeedsAssessment>
{
    public void Configure(EntityTypeBuilder<NeedsAssessment> e)
    {
        e.Property(n => n.Areas).HasMaxLength(400);
        e.Property(n => n.Notes!).IsEncrypted(FieldClass.FreeText);
        e.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(n => new { n.CaseId, n.AssessedOn });
    }
}

internal sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> e)
    {
        e.Property(g => g.Type).HasConversion<string>().HasMaxLength(40);
        e.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(g => g.Objective).IsEncrypted(FieldClass.FreeText);
        e.Property(g => g.Actions!).IsEncrypted(FieldClass.FreeText);
        e.HasOne<Case>().WithMany().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Platform.Identity.Organisation>().WithMany().HasForeignKey(g => g.ResponsibleOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(g => g.CaseId);
        e.HasIndex(g => g.ResponsibleOrganisationId);
    }
}

/// <summary>A needs assessment as the worker enters it. Areas are <see cref="SupportType"/> names.</summary>
public sealed class NeedsAssessmentInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Plans.Field.AssessedOn")]
    public DateOnly? AssessedOn { get; set; }

    public List<string> Areas { get; set; } = [];

    [StringLength(8000, ErrorMessage = "Validation.TooLong"), Display(Name = "Plans.Field.NeedsNotes")]
    public string? Notes { get; set; }
}

/// <summary>A plan goal as the worker enters it, to add or to change one. Codes are <see cref="SupportType"/> and <see cref="GoalStatus"/> names.</summary>
public sealed class PlanGoalInput
{
    [Required(ErrorMessage = "Validation.Required")]
    public string Type { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Plans.Field.Objective")]
    public string Objective { get; set; } = "";

    [StringLength(8000, ErrorMessage = "Validation.TooLong"), Display(Name = "Plans.Field.Actions")]
    public string? Actions { get; set; }

    public Guid? ResponsibleOrganisationId { get; set; }

    [Display(Name = "Plans.Field.PlannedStartOn")]
    public DateOnly? PlannedStartOn { get; set; }

    [Display(Name = "Plans.Field.PlannedEndOn")]
    public DateOnly? PlannedEndOn { get; set; }

    [Display(Name = "Plans.Field.ActualEndOn")]
    public DateOnly? ActualEndOn { get; set; }

    /// <summary>Planned when left out.</summary>
    public string? Status { get; set; }

    [Display(Name = "Plans.Field.LastReviewedOn")]
    public DateOnly? LastReviewedOn { get; set; }

    [Display(Name = "Plans.Field.NextReviewOn")]
    public DateOnly? NextReviewOn { get; set; }

    public static PlanGoalInput Of(PlanGoal g) => new()
    {
        Type = g.Type.ToString(),
        Objective = g.Objective,
        Actions = g.Actions,
        ResponsibleOrganisationId = g.ResponsibleOrganisationId,
        PlannedStartOn = g.PlannedStartOn,
        PlannedEndOn = g.PlannedEndOn,
        ActualEndOn = g.ActualEndOn,
        Status = g.Status.ToString(),
        LastReviewedOn = g.LastReviewedOn,
        NextReviewOn = g.NextReviewOn,
    };
}

public sealed record NeedsAssessmentView(Guid Id, DateOnly AssessedOn, IReadOnlyList<string> Areas, string? Notes, DateTime RecordedAt)
{
    public static NeedsAssessmentView Of(NeedsAssessment n) => new(n.Id, n.AssessedOn, [.. n.AreaList], n.Notes, n.RecordedAt);
}

public sealed record PlanGoalView(
    Guid Id, string Type, string Objective, string? Actions, Guid? ResponsibleOrganisationId, string? ResponsibleOrganisation,
    DateOnly? PlannedStartOn, DateOnly? PlannedEndOn, DateOnly? ActualEndOn, string Status, DateOnly? LastReviewedOn,
    DateOnly? NextReviewOn, DateTime UpdatedAt)
{
    public static PlanGoalView Of(PlanGoal g, string? organisation) => new(
        g.Id, g.Type.ToString(), g.Objective, g.Actions, g.ResponsibleOrganisationId, organisation, g.PlannedStartOn, g.PlannedEndOn,
        g.ActualEndOn, g.Status.ToString(), g.LastReviewedOn, g.NextReviewOn, g.UpdatedAt);
}

/// <summary>An organisation a goal or a service can name (every active organisation of the node).</summary>
public sealed record OrganisationChoice(Guid Id, string Name, string CountryCode);

/// <summary>The needs assessments and the individual assistance plan of a case.</summary>
public sealed class AssistancePlans(UraDbContext db, CaseAccess access, CurrentUser user)
{
    /// <summary>Needs assessments newest first; null when the case is out of scope. The read is audited.</summary>
    public async Task<(Case Case, IReadOnlyList<NeedsAssessmentView> Items)?> NeedsAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var rows = await db.NeedsAssessments.AsNoTracking().Where(n => n.CaseId == found.Id)
            .OrderByDescending(n => n.AssessedOn).ThenByDescending(n => n.RecordedAt).ToListAsync(ct);
        return (found, [.. rows.Select(NeedsAssessmentView.Of)]);
    }

    /// <summary>The plan's goals, open ones first; null when the case is out of scope. The read is audited.</summary>
    public async Task<(Case Case, IReadOnlyList<PlanGoalView> Items)?> GoalsAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        return (found, await GoalsOfAsync(found.Id, ct));
    }

    /// <summary>The goals of a case already loaded through <see cref="CaseAccess"/>.</summary>
    public async Task<IReadOnlyList<PlanGoalView>> GoalsOfAsync(Guid scopedCaseId, CancellationToken ct)
    {
        var rows = await db.PlanGoals.AsNoTracking().Where(g => g.CaseId == scopedCaseId)
            .GroupJoin(db.Organisations, g => g.ResponsibleOrganisationId, o => o.Id, (g, o) => new { g, o })
            .SelectMany(x => x.o.DefaultIfEmpty(), (x, o) => new { Goal = x.g, Organisation = o == null ? null : o.Name })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Goal.IsFinal).ThenBy(r => r.Goal.PlannedEndOn ?? DateOnly.MaxValue).ThenBy(r => r.Goal.CreatedAt)
            .Select(r => PlanGoalView.Of(r.Goal, r.Organisation))];
    }

    /// <summary>Every active organisation of the node, the user's own country first (most partners are local).</summary>
    public Task<List<OrganisationChoice>> OrganisationsAsync(CancellationToken ct)
    {
        var country = user.CountryCode ?? "";
        return db.Organisations.AsNoTracking().Where(o => o.IsActive)
            .OrderBy(o => o.CountryCode == country ? 0 : 1).ThenBy(o => o.CountryCode).ThenBy(o => o.Name)
            .Select(o => new OrganisationChoice(o.Id, o.Name, o.CountryCode)).ToListAsync(ct);
    }

    public async Task<CommandResult<NeedsAssessmentView>> RecordNeedsAsync(Guid caseId, NeedsAssessmentInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<NeedsAssessmentView>.NotFound();
        if (refusal is not null)
            return CommandResult<NeedsAssessmentView>.Refused(refusal);
        var errors = new List<RuleError>();
        CheckDate(errors, nameof(input.AssessedOn), input.AssessedOn, @case, access.Today);
        if (input.Areas.Count == 0)
            errors.Add(new(nameof(input.Areas), "Plans.Needs.NoArea"));
        else if (!input.Areas.All(PersonRules.IsValue<SupportType>))
            errors.Add(new(nameof(input.Areas), "Plans.UnknownType"));
        if (errors.Count > 0)
            return CommandResult<NeedsAssessmentView>.Refused([.. errors]);

        var needs = new NeedsAssessment
        {
            CaseId = @case.Id,
            OrganisationId = @case.OrganisationId,
            AssessedOn = input.AssessedOn!.Value,
            // In the enum's order, so the same needs always read the same way.
            Areas = string.Join(',', Enum.GetNames<SupportType>().Where(input.Areas.Contains)),
            Notes = RiskAssessments.Clean(input.Notes),
            RecordedAt = access.Now,
            RecordedById = user.RequiredId,
        };
        db.NeedsAssessments.Add(needs);
        access.Record(@case, "plan.needs", needs.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<NeedsAssessmentView>.Done(NeedsAssessmentView.Of(needs));
    }

    public async Task<CommandResult<PlanGoalView>> AddGoalAsync(Guid caseId, PlanGoalInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<PlanGoalView>.NotFound();
        if (refusal is not null)
            return CommandResult<PlanGoalView>.Refused(refusal);
        var errors = await CheckGoalAsync(input, @case, ct);
        if (errors.Count > 0)
            return CommandResult<PlanGoalView>.Refused([.. errors]);

        var goal = new PlanGoal { CaseId = @case.Id, OrganisationId = @case.OrganisationId, Objective = "", CreatedAt = access.Now };
        Apply(goal, input);
        db.PlanGoals.Add(goal);
        access.Record(@case, "plan.goal.add", goal.Id, "SupportType." + goal.Type);
        await db.SaveChangesAsync(ct);
        return CommandResult<PlanGoalView>.Done(await ViewAsync(goal, ct));
    }

    /// <summary>The goal of this case, for its edit form; null when the case or the goal is out of scope. The read is audited.</summary>
    public async Task<(Case Case, PlanGoal Goal)?> GoalAsync(Guid caseId, Guid goalId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var goal = await db.PlanGoals.AsNoTracking().SingleOrDefaultAsync(g => g.Id == goalId && g.CaseId == found.Id, ct);
        return goal is null ? null : (found, goal);
    }

    public async Task<CommandResult<PlanGoalView>> ChangeGoalAsync(Guid caseId, Guid goalId, PlanGoalInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        var goal = @case is null ? null : await db.PlanGoals.SingleOrDefaultAsync(g => g.Id == goalId && g.CaseId == @case.Id, ct);
        if (@case is null || goal is null)
            return CommandResult<PlanGoalView>.NotFound();
        if (refusal is not null)
            return CommandResult<PlanGoalView>.Refused(refusal);
        var errors = await CheckGoalAsync(input, @case, ct);
        if (errors.Count > 0)
            return CommandResult<PlanGoalView>.Refused([.. errors]);

        var wasAchieved = goal.Status == GoalStatus.Achieved;
        Apply(goal, input);
        access.Record(@case, goal.Status == GoalStatus.Achieved && !wasAchieved ? "plan.goal.achieve" : "plan.goal.change", goal.Id, "SupportType." + goal.Type);
        await db.SaveChangesAsync(ct);
        return CommandResult<PlanGoalView>.Done(await ViewAsync(goal, ct));
    }

    /// <summary>Marks the goal achieved today (or keeps the actual end date already given).</summary>
    public async Task<CommandResult<PlanGoalView>> MarkAchievedAsync(Guid caseId, Guid goalId, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        var goal = @case is null ? null : await db.PlanGoals.SingleOrDefaultAsync(g => g.Id == goalId && g.CaseId == @case.Id, ct);
        if (@case is null || goal is null)
            return CommandResult<PlanGoalView>.NotFound();
        if (refusal is not null)
            return CommandResult<PlanGoalView>.Refused(refusal);
        if (goal.Status == GoalStatus.Achieved)
            return CommandResult<PlanGoalView>.Done(await ViewAsync(goal, ct));

        goal.Status = GoalStatus.Achieved;
        goal.ActualEndOn ??= access.Today;
        goal.UpdatedAt = access.Now;
        access.Record(@case, "plan.goal.achieve", goal.Id, "SupportType." + goal.Type);
        await db.SaveChangesAsync(ct);
        return CommandResult<PlanGoalView>.Done(await ViewAsync(goal, ct));
    }

    private void Apply(PlanGoal goal, PlanGoalInput input)
    {
        goal.Type = Enum.Parse<SupportType>(input.Type);
        goal.Objective = input.Objective.Trim();
        goal.Actions = RiskAssessments.Clean(input.Actions);
        goal.ResponsibleOrganisationId = input.ResponsibleOrganisationId;
        goal.PlannedStartOn = input.PlannedStartOn;
        goal.PlannedEndOn = input.PlannedEndOn;
        goal.Status = string.IsNullOrEmpty(input.Status) ? GoalStatus.Planned : Enum.Parse<GoalStatus>(input.Status);
        // A goal that ends records when it ended; the worker may give the date, else it is today.
        goal.ActualEndOn = goal.IsFinal ? input.ActualEndOn ?? access.Today : null;
        goal.LastReviewedOn = input.LastReviewedOn;
        goal.NextReviewOn = input.NextReviewOn;
        goal.UpdatedAt = access.Now;
    }

    private async Task<List<RuleError>> CheckGoalAsync(PlanGoalInput input, Case @case, CancellationToken ct)
    {
        var today = access.Today;
        var errors = new List<RuleError>();
        if (!PersonRules.IsValue<SupportType>(input.Type))
            errors.Add(new(nameof(input.Type), "Plans.UnknownType"));
        if (!string.IsNullOrEmpty(input.Status) && !PersonRules.IsValue<GoalStatus>(input.Status))
            errors.Add(new(nameof(input.Status), "Plans.Goal.UnknownStatus"));
        else if (input.ActualEndOn is not null && input.Status is null or nameof(GoalStatus.Planned) or nameof(GoalStatus.InProgress) or "")
            errors.Add(new(nameof(input.ActualEndOn), "Plans.Goal.ActualEndWhileOpen"));
        if (input.PlannedStartOn is { } start && input.PlannedEndOn is { } end && end < start)
            errors.Add(new(nameof(input.PlannedEndOn), "Plans.EndBeforeStart"));
        CheckDate(errors, nameof(input.ActualEndOn), input.ActualEndOn, @case, today);
        CheckDate(errors, nameof(input.LastReviewedOn), input.LastReviewedOn, @case, today);
        if (input.NextReviewOn is { } next && input.LastReviewedOn is { } last && next <= last)
            errors.Add(new(nameof(input.NextReviewOn), "Plans.Goal.NextReviewBeforeLast"));
        if (input.ResponsibleOrganisationId is { } organisationId && !await db.Organisations.AnyAsync(o => o.Id == organisationId && o.IsActive, ct))
            errors.Add(new(nameof(input.ResponsibleOrganisationId), "Plans.UnknownOrganisation"));
        return errors;
    }

    /// <summary>A date of something already done: not in the future, not before the case was opened.</summary>
    internal static void CheckDate(List<RuleError> errors, string field, DateOnly? date, Case @case, DateOnly today)
    {
        if (date is not { } on)
            return;
        if (on > today)
            errors.Add(new(field, "Plans.DateInFuture"));
        else if (on < DateOnly.FromDateTime(@case.OpenedAt))
            errors.Add(new(field, "Plans.DateBeforeCaseOpened"));
    }

    private async Task<PlanGoalView> ViewAsync(PlanGoal goal, CancellationToken ct)
    {
        var organisation = goal.ResponsibleOrganisationId is { } id
            ? await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct)
            : null;
        return PlanGoalView.Of(goal, organisation);
    }
}
