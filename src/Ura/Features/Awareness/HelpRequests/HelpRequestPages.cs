namespace Ura.Features.Awareness.HelpRequests;

/// <summary>What the help-request pages share.</summary>
public static class HelpRequestPages
{
    /// <summary>A language's own name (Shqip, Македонски), as the sender chose it.</summary>
    public static string LanguageName(string code) =>
        Platform.Localization.Languages.All.FirstOrDefault(l => l.Code == code).NativeName ?? code;
}
