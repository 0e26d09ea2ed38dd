using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Appliance.Crypto.Tests.Vectors;

/// <summary>
/// Where the committed test vectors live (docs/vectors in the repository) and how they are read and written.
/// Set RMS_WRITE_TEST_VECTORS=1 to regenerate them (see docs/vectors/README.md).
/// </summary>
internal static class VectorFiles
{
    internal const string RegenerateVariable = "RMS_WRITE_TEST_VECTORS";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<string> Folder = new(FindFolder);

    internal static bool RegenerateRequested => Environment.GetEnvironmentVariable(RegenerateVariable) == "1";

    internal static string PathOf(string name) => Path.Combine(Folder.Value, name);

    internal static bool Exists(string name) => File.Exists(PathOf(name));

    internal static JsonObject Read(string name) =>
        JsonNode.Parse(File.ReadAllText(PathOf(name)))?.AsObject() ?? throw new InvalidDataException($"{name} is empty.");

    internal static void Write(string name, JsonObject content)
    {
        Directory.CreateDirectory(Folder.Value);
        File.WriteAllText(PathOf(name), content.ToJsonString(Indented) + "\n");
    }

    internal static string RepositoryFile(params string[] parts) => Path.Combine([Path.GetDirectoryName(Path.GetDirectoryName(Folder.Value))!, .. parts]);

    /// <summary>The repository is the nearest ancestor of the test binaries holding both Appliance.Crypto/ and docs/.</summary>
    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "Appliance.Crypto")) && Directory.Exists(Path.Combine(dir.FullName, "docs")))
            {
                return Path.Combine(dir.FullName, "docs", "vectors");
            }
        }

        throw new DirectoryNotFoundException("Run the tests from inside the repository: docs/vectors was not found above " + AppContext.BaseDirectory);
    }
}
