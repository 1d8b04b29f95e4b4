namespace Ura.Resources;

/// <summary>Marker for the shared strings in Text.resx and its translations.</summary>
public sealed class Text;
