namespace Ura.Features.Cases;

/// <summary>What the top of every case page shows: which case, where it stands, and its sections.</summary>
public sealed record CaseHeader(Guid Id, string Reference, CaseStatus Status, CaseStage Stage, TraffickingStatus TraffickingStatus,
    bool IsChild, bool ClosureRequested, string Section)
{
    /// <summary>The sections of a case, each its own page under <c>/cases/{id}/</c> (the overview has none).</summary>
    public static readonly IReadOnlyList<string> Sections =
    [
        "", "identification", "exploitation", "consent", "risk", "plan", "services", "referrals", "return", "notes", "tasks", "documents", "timeline", "closure",
    ];

    public static CaseHeader Of(Case c, string section) =>
        new(c.Id, c.Reference, c.Status, c.Stage, c.TraffickingStatus, c.Person?.IsChild == true, c.ClosureRequestedAt is not null, section);

    public static CaseHeader Of(CaseView c, string section) =>
        new(c.Id, c.Reference, c.Status, c.Stage, c.TraffickingStatus, c.Person.IsChild, c.ClosureRequested is not null, section);

    public string Href(string section) => section.Length == 0 ? $"/cases/{Id}" : $"/cases/{Id}/{section}";

    public static string TitleKey(string section) => "Cases.Section." + (section.Length == 0 ? "overview" : section);
}
