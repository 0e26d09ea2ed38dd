using System.Text.RegularExpressions;

namespace Appliance.Web.Tests.Licensing;

/// <summary>
/// Publishing and licensing read the registry only through <c>RegisteredDocuments</c>, which finds a registration by the
/// verified publishing licence, never by the content id alone. A new lookup written straight against the table would
/// reopen the forgery these tests were written for, so the code itself is held to it.
/// </summary>
public sealed partial class RegistryLookupTests
{
    private const string Registry = "RegisteredDocuments.cs";

    [Fact]
    public void LicensingCode_ReadsTheRegistry_OnlyThroughTheBinding()
    {
        // Arrange - inserts (a new registration) are the one other use allowed.
        var folder = Path.Combine(RepositoryRoot(), "Appliance.Web", "Licensing");
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).ToList();

        // Act
        var reads = files
            .Where(f => Path.GetFileName(f) != Registry)
            .SelectMany(f => TableUse().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Use: m.Value)))
            .Where(u => !u.Use.EndsWith(".Add(", StringComparison.Ordinal))
            .Select(u => $"{u.File}: {u.Use}")
            .ToList();

        // Assert
        Assert.True(files.Count > 5, $"expected the licensing sources under {folder}");
        Assert.Contains(files, f => Path.GetFileName(f) == Registry);
        Assert.True(reads.Count == 0, "Read the registry through RegisteredDocuments:\n" + string.Join("\n", reads));
    }

    [Fact]
    public void RegistryBinding_LooksUpByContentId_OnlyInsideTheBoundMethods()
    {
        // Arrange - inside RegisteredDocuments, each lookup by content id is followed by the binding check
        // (BoundToAsync) or serves the registration endpoint's clash check (ExistingAsync), nothing else.
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "Appliance.Web", "Licensing", Registry));

        // Act
        var lookups = TableUse().Count(source);

        // Assert
        Assert.Equal(2, lookups);
        Assert.Contains("IsBound(document, verified)", source, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Appliance.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Appliance.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\.ProtectedDocuments\b[\s\S]{0,40}?(\.Add\(|[;)])")]
    private static partial Regex TableUse();
}
