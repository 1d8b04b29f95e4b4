using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;

namespace Ura.Features.Identification;

/// <summary>
/// One screening interview: the indicator answers given against one list of one stored instrument
/// (instrument rows never change, so the screening keeps the instrument it used), the result the
/// rule computed from them, and the worker's own conclusion. It may be done before any case exists;
/// opening a case from it links it to the case.
/// </summary>
public sealed class Screening : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }

    /// <summary>Null until a case is opened from the screening (or when screened for an existing case).</summary>
    public Guid? CaseId { get; set; }

    public Guid InstrumentId { get; set; }
    public ScreeningList List { get; set; }

    public Guid ScreenedById { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The rule's result as last computed: positive dimensions, comma separated (instrument dimension names).</summary>
    public string PositiveDimensions { get; set; } = "";
    public Suggestion Suggestion { get; set; }

    /// <summary>Why the rule gave no suggestion (<see cref="NoSuggestionReason"/> names, comma separated); empty when it gave one.</summary>
    public string NoSuggestionReasons { get; set; } = "";

    /// <summary>The worker's own judgement; once recorded the answers are final.</summary>
    public ScreeningConclusion? Conclusion { get; set; }
    public string? ConclusionReason { get; set; }
    public DateTime? ConcludedAt { get; set; }
    public Guid? ConcludedById { get; set; }

    public List<ScreeningAnswer> Answers { get; set; } = [];

    public bool IsConcluded => Conclusion is not null;

    public IEnumerable<string> PositiveDimensionList => PositiveDimensions.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IEnumerable<NoSuggestionReason> NoSuggestionReasonList =>
        NoSuggestionReasons.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<NoSuggestionReason>);

    /// <summary>Keeps the stored result equal to what the rule says about the current answers.</summary>
    public void Store(ScreeningResult result)
    {
        PositiveDimensions = string.Join(',', result.PositiveDimensions);
        Suggestion = result.Suggestion;
        NoSuggestionReasons = string.Join(',', result.NoSuggestionReasons);
    }
}

/// <summary>One indicator's answer; the note may describe the person's story, so it is encrypted.</summary>
public sealed class ScreeningAnswer
{
    public Guid ScreeningId { get; set; }
    public required string IndicatorId { get; set; }
    public Answer Answer { get; set; }
    public string? Note { get; set; }
}

/// <summary>What the worker concluded after the interview, whatever the rule suggested.</summary>
public enum ScreeningConclusion
{
    PresumedVictim,
    NotPresumedVictim,
    Unsure,
}

internal sealed class ScreeningConfiguration : IEntityTypeConfiguration<Screening>
{
    public void Configure(EntityTypeBuilder<Screening> e)
    {
        e.Property(s => s.List).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.PositiveDimensions).HasMaxLength(400);
        e.Property(s => s.Suggestion).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.NoSuggestionReasons).HasMaxLength(200);
        e.Property(s => s.Conclusion).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.ConclusionReason!).IsEncrypted(FieldClass.FreeText);
        e.HasOne<Platform.Identity.Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Cases.Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ScreeningInstrument>().WithMany().HasForeignKey(s => s.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Platform.Identity.User>().WithMany().HasForeignKey(s => s.ScreenedById).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Answers).WithOne().HasForeignKey(a => a.ScreeningId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.OrganisationId, s.ScreenedById });
        e.HasIndex(s => s.CaseId);
        e.HasIndex(s => s.InstrumentId);
        e.HasIndex(s => s.ScreenedById);
    }
}

internal sealed class ScreeningAnswerConfiguration : IEntityTypeConfiguration<ScreeningAnswer>
{
    public void Configure(EntityTypeBuilder<ScreeningAnswer> e)
    {
        e.ToTable("ScreeningAnswers");
        e.HasKey(a => new { a.ScreeningId, a.IndicatorId });
        e.Property(a => a.IndicatorId).HasMaxLength(64);
        e.Property(a => a.Answer).HasConversion<string>().HasMaxLength(10);
        e.Property(a => a.Note!).IsEncrypted(FieldClass.FreeText);
    }
}
