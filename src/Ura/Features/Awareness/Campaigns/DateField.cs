namespace Ura.Features.Awareness.Campaigns;

/// <summary>What <c>_DateField.cshtml</c> draws: the posted name (<c>Input.StartsOn</c>), its label's resource key and the value.</summary>
public sealed record DateField(string Name, string LabelKey, DateOnly? Value);
