namespace Ura.Features.Awareness.HelpRequests;

/// <summary>Layouts of the help-request pages.</summary>
public static class HelpRequestPages
{
    /// <summary>The public pages' layout: quick exit, no navigation, nothing from the signed-in side.</summary>
    public const string PublicLayout = "/Features/Awareness/HelpRequests/_PublicShell.cshtml";

    /// <summary>A language's own name (Shqip, Македонски), as the sender chose it.</summary>
    public static string LanguageName(string code) =>
        Platform.Localization.Languages.All.FirstOrDefault(l => l.Code == code).NativeName ?? code;
}
