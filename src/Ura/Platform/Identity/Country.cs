namespace Ura.Platform.Identity;

/// <summary>A country served by this node, keyed by ISO 3166 alpha-2 code (XK for Kosovo).</summary>
public sealed class Country
{
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Length of the reflection and recovery period granted to presumed victims.</summary>
    public int ReflectionPeriodDays { get; set; } = 30;
}
