namespace Ura.Tests.Infrastructure;

/// <summary>The checked-out repository, found by walking up from the test assembly to the folder holding Ura.slnx.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Source => System.IO.Path.Combine(Path, "src", "Ura");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Ura.slnx")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Ura.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>Source files of the application (not build output), with paths relative to the repository.</summary>
    public static IEnumerable<(string RelativePath, string Text)> SourceFiles(params string[] extensions) =>
        Directory.EnumerateFiles(Source, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(System.IO.Path.GetExtension(f)))
            .Select(f => System.IO.Path.GetRelativePath(Path, f))
            .Where(f => !f.Split(System.IO.Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(System.IO.Path.Combine(Path, f))));
}
