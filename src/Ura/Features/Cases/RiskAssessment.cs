using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary>
/// A dated risk assessment with the safety plan that answers it. HTCDS 2.0 has three assessment
/// sections (<c>assessment_individual</c>, <c>assessment_household</c>, <c>assessment_community</c>)
/// with example questions only, so Ura records a level and notes for each. Assessments are never
/// overwritten: each review adds a new one, and the history stays.
/// </summary>
public sealed class RiskAssessment : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public DateOnly AssessedOn { get; set; }

    public RiskLevel IndividualRisk { get; set; }
    public string? IndividualNotes { get; set; }
    public RiskLevel HouseholdRisk { get; set; }
    public string? HouseholdNotes { get; set; }
    public RiskLevel CommunityRisk { get; set; }
    public string? CommunityNotes { get; set; }

    /// <summary>Measures, people to call, what to do if the person is found or threatened.</summary>
    public string? SafetyPlan { get; set; }

    public DateOnly NextReviewOn { get; set; }

    /// <summary>The review task this assessment put in the worker's due list.</summary>
    public Guid? ReviewTaskId { get; set; }

    public DateTime RecordedAt { get; set; }
    public Guid? RecordedById { get; set; }

    /// <summary>The highest of the three levels, shown with the assessment and on the timeline.</summary>
    public RiskLevel OverallRisk => (RiskLevel)Math.Max((int)IndividualRisk, Math.Max((int)HouseholdRisk, (int)CommunityRisk));
}

/// <summary>Ura's risk scale (HTCDS 2.0 defines none for its assessment sections).</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
}

internal sealed class RiskAssessmentConfiguration : IEntityTypeConfiguration<RiskAssessment>
{
    public void Configure(EntityTypeBuilder<RiskAssessment> e)
    {
        e.Property(r => r.IndividualRisk).HasConversion<string>().HasMaxLength(10);
        e.Property(r => r.HouseholdRisk).HasConversion<string>().HasMaxLength(10);
        e.Property(r => r.CommunityRisk).HasConversion<string>().HasMaxLength(10);
        e.Property(r => r.IndividualNotes!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.HouseholdNotes!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.CommunityNotes!).IsEncrypted(FieldClass.FreeText);
        e.Property(r => r.SafetyPlan!).IsEncrypted(FieldClass.FreeText);
        e.Ignore(r => r.OverallRisk);
        e.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<CaseTask>().WithMany().HasForeignKey(r => r.ReviewTaskId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(r => new { r.CaseId, r.AssessedOn });
        e.HasIndex(r => r.ReviewTaskId);
    }
}

/// <summary>A risk assessment as the worker enters it (page form and API body). Levels are <see cref="RiskLevel"/> names.</summary>
public sealed class RiskAssessmentInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Risk.Field.AssessedOn")]
    public DateOnly? AssessedOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string IndividualRisk { get; set; } = "";

    [StringLength(4000, ErrorMessage = "Validation.TooLong")]
    public string? IndividualNotes { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string HouseholdRisk { get; set; } = "";

    [StringLength(4000, ErrorMessage = "Validation.TooLong")]
    public string? HouseholdNotes { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string CommunityRisk { get; set; } = "";

    [StringLength(4000, ErrorMessage = "Validation.TooLong")]
    public string? CommunityNotes { get; set; }

    [StringLength(8000, ErrorMessage = "Validation.TooLong")]
    public string? SafetyPlan { get; set; }

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Risk.Field.NextReviewOn")]
    public DateOnly? NextReviewOn { get; set; }
}

/// <summary>A risk assessment as the case team reads it.</summary>
public sealed record RiskAssessmentView(
    Guid Id, DateOnly AssessedOn, string IndividualRisk, string? IndividualNotes, string HouseholdRisk, string? HouseholdNotes,
    string CommunityRisk, string? CommunityNotes, string OverallRisk, string? SafetyPlan, DateOnly NextReviewOn, bool ReviewDone,
    DateTime RecordedAt)
{
    public static RiskAssessmentView Of(RiskAssessment r, bool reviewDone) => new(
        r.Id, r.AssessedOn, r.IndividualRisk.ToString(), r.IndividualNotes, r.HouseholdRisk.ToString(), r.HouseholdNotes,
        r.CommunityRisk.ToString(), r.CommunityNotes, r.OverallRisk.ToString(), r.SafetyPlan, r.NextReviewOn, reviewDone, r.RecordedAt);
}

/// <summary>
/// Records and lists a case's risk assessments. Each one books its next review as a task in the
/// worker's due list; recording the next assessment completes the earlier review tasks.
/// </summary>
public sealed class RiskAssessments(UraDbContext db, CaseAccess access, CurrentUser user, IStringLocalizer<Text> text)
{
    /// <summary>Newest first; null when the case is out of the user's scope. The read is audited.</summary>
    public async Task<(Case Case, IReadOnlyList<RiskAssessmentView> Items)?> ListAsync(Guid caseId, CancellationToken ct)
    {
        if (await access.ReadAsync(caseId, ct) is not { } found)
            return null;
        var rows = await db.RiskAssessments.AsNoTracking().Where(r => r.CaseId == found.Id)
            .OrderByDescending(r => r.AssessedOn).ThenByDescending(r => r.RecordedAt).ToListAsync(ct);
        var taskIds = rows.Where(r => r.ReviewTaskId != null).Select(r => r.ReviewTaskId!.Value).ToList();
        var done = await db.CaseTasks.Where(t => t.CaseId == found.Id && taskIds.Contains(t.Id) && t.CompletedAt != null)
            .Select(t => t.Id).ToListAsync(ct);
        return (found, [.. rows.Select(r => RiskAssessmentView.Of(r, r.ReviewTaskId is { } t && done.Contains(t)))]);
    }

    public async Task<CommandResult<RiskAssessmentView>> RecordAsync(Guid caseId, RiskAssessmentInput input, CancellationToken ct)
    {
        var (@case, refusal) = await access.ForChangeAsync(caseId, ct);
        if (@case is null)
            return CommandResult<RiskAssessmentView>.NotFound();
        if (refusal is not null)
            return CommandResult<RiskAssessmentView>.Refused(refusal);
        var errors = Check(input, @case, access.Today);
        if (errors.Count > 0)
            return CommandResult<RiskAssessmentView>.Refused([.. errors]);

        var now = access.Now;
        // This assessment is the review the earlier ones asked for.
        var earlierTasks = db.RiskAssessments.Where(r => r.CaseId == @case.Id && r.ReviewTaskId != null).Select(r => r.ReviewTaskId);
        foreach (var open in await db.CaseTasks.Where(t => t.CaseId == @case.Id && t.CompletedAt == null && earlierTasks.Contains(t.Id)).ToListAsync(ct))
        {
            open.CompletedAt = now;
            open.CompletedById = user.RequiredId;
        }
        var task = new CaseTask
        {
            CaseId = @case.Id,
            OrganisationId = @case.OrganisationId,
            Kind = CaseTaskKind.Review,
            Title = text["Risk.ReviewTaskTitle"],
            DueOn = input.NextReviewOn!.Value,
            AssigneeId = user.RequiredId,
            CreatedAt = now,
            CreatedById = user.RequiredId,
        };
        var assessment = new RiskAssessment
        {
            CaseId = @case.Id,
            OrganisationId = @case.OrganisationId,
            AssessedOn = input.AssessedOn!.Value,
            IndividualRisk = Enum.Parse<RiskLevel>(input.IndividualRisk),
            IndividualNotes = Clean(input.IndividualNotes),
            HouseholdRisk = Enum.Parse<RiskLevel>(input.HouseholdRisk),
            HouseholdNotes = Clean(input.HouseholdNotes),
            CommunityRisk = Enum.Parse<RiskLevel>(input.CommunityRisk),
            CommunityNotes = Clean(input.CommunityNotes),
            SafetyPlan = Clean(input.SafetyPlan),
            NextReviewOn = input.NextReviewOn.Value,
            ReviewTaskId = task.Id,
            RecordedAt = now,
            RecordedById = user.RequiredId,
        };
        db.CaseTasks.Add(task);
        db.RiskAssessments.Add(assessment);
        access.Record(@case, "risk.assess", assessment.Id, "RiskLevel." + assessment.OverallRisk);
        await db.SaveChangesAsync(ct);
        return CommandResult<RiskAssessmentView>.Done(RiskAssessmentView.Of(assessment, reviewDone: false));
    }

    /// <summary>The business rules; the data annotations have already checked presence and length.</summary>
    public static List<RuleError> Check(RiskAssessmentInput input, Case @case, DateOnly today)
    {
        var errors = new List<RuleError>();
        foreach (var (field, value) in new[]
                 {
                     (nameof(input.IndividualRisk), input.IndividualRisk), (nameof(input.HouseholdRisk), input.HouseholdRisk),
                     (nameof(input.CommunityRisk), input.CommunityRisk),
                 })
            if (!PersonRules.IsValue<RiskLevel>(value))
                errors.Add(new(field, "Risk.UnknownLevel"));
        if (input.AssessedOn is { } on)
        {
            if (on > today)
                errors.Add(new(nameof(input.AssessedOn), "Plans.DateInFuture"));
            else if (on < DateOnly.FromDateTime(@case.OpenedAt))
                errors.Add(new(nameof(input.AssessedOn), "Plans.DateBeforeCaseOpened"));
        }
        if (input.NextReviewOn is { } next && (next < today || input.AssessedOn is { } assessed && next <= assessed))
            errors.Add(new(nameof(input.NextReviewOn), "Risk.NextReviewNotAhead"));
        return errors;
    }

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
