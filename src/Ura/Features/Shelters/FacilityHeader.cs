namespace Ura.Features.Shelters;

/// <summary>
/// What the top of every facility page shows: which facility, what kind and where (city only), and
/// its tabs. Each tab is its own page under <c>/shelters/{id}/</c> (the overview has none).
/// </summary>
public sealed record FacilityHeader(Guid Id, string Name, HousingType Type, string City, bool IsActive, string Section)
{
    public static readonly IReadOnlyList<string> Sections = ["", "beds", "residents", "standards", "finance"];

    public static FacilityHeader Of(ShelterFacility f, string section) => new(f.Id, f.Name, f.Type, f.City, f.IsActive, section);

    public string Href(string section) => section.Length == 0 ? $"/shelters/{Id}" : $"/shelters/{Id}/{section}";

    public static string TitleKey(string section) => "Shelters.Section." + (section.Length == 0 ? "overview" : section);
}
