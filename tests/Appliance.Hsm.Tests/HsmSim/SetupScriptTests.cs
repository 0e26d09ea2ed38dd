using System.Diagnostics;
using System.Runtime.Versioning;
using Appliance.TestSupport.Hsm;

namespace Appliance.Hsm.Tests.HsmSim;

/// <summary>hsm-sim/setup.sh on its own folder: what it prints, what it writes, and that a second run changes nothing.</summary>
[SupportedOSPlatform("linux")]
public sealed class SetupScriptTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"appliance-hsmsim-{Guid.NewGuid():N}");

    public SetupScriptTests() => _ = SoftHsmTestEnvironment.Instance; // fails clearly when SoftHSM2 is missing

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Setup_DefaultRegions_PrintsOnlyTheConfigurationForNaEmeaApac()
    {
        // Act
        var (exitCode, stdout, _) = Run(_dataDirectory);

        // Assert
        Assert.Equal(0, exitCode);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches("^[A-Za-z0-9_]+=", line));
        var variables = lines.Select(line => line.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts[1]);
        Assert.Equal(Path.Combine(_dataDirectory, "softhsm2.conf"), variables["SOFTHSM2_CONF"]);
        Assert.True(File.Exists(variables["Hsm__ModulePath"]));
        Assert.Equal(["na", "emea", "apac"], [variables["Hsm__Regions__0__Name"], variables["Hsm__Regions__1__Name"], variables["Hsm__Regions__2__Name"]]);
        Assert.Equal("region-emea", variables["Hsm__Regions__1__TokenLabel"]);
        Assert.Equal(Path.Combine(_dataDirectory, "pins", "apac.pin"), variables["Hsm__Regions__2__PinFile"]);
        Assert.Equal(2 + 3 * 3, lines.Length);
    }

    [Fact]
    public void Setup_Files_ArePrivateToTheOwner()
    {
        // Act
        Assert.Equal(0, Run(_dataDirectory, "na").ExitCode);

        // Assert
        const UnixFileMode ownerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode ownerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnlyDirectory, File.GetUnixFileMode(_dataDirectory));
        Assert.Equal(ownerOnlyDirectory, File.GetUnixFileMode(Path.Combine(_dataDirectory, "pins")));
        Assert.Equal(ownerOnlyDirectory, File.GetUnixFileMode(Path.Combine(_dataDirectory, "tokens")));
        var pinFile = Path.Combine(_dataDirectory, "pins", "na.pin");
        Assert.Equal(ownerOnlyFile, File.GetUnixFileMode(pinFile));
        var lines = File.ReadAllLines(pinFile);
        Assert.Matches("^so-pin=[0-9a-f]{32}$", lines[0]);
        Assert.Matches("^user-pin=[0-9a-f]{32}$", lines[1]);
        Assert.NotEqual(lines[0]["so-pin=".Length..], lines[1]["user-pin=".Length..]);
        var conf = File.ReadAllText(Path.Combine(_dataDirectory, "softhsm2.conf"));
        Assert.Contains($"directories.tokendir = {Path.Combine(_dataDirectory, "tokens")}", conf, StringComparison.Ordinal);
        Assert.Contains("objectstore.backend = file", conf, StringComparison.Ordinal);
        Assert.Contains("slots.removable = false", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_RunTwice_KeepsTokensAndPinsAndAddsNewRegions()
    {
        // Arrange - re-running on a live node must never re-key a region or change its PINs.
        var first = Run(_dataDirectory, "na", "emea");
        var pins = File.ReadAllText(Path.Combine(_dataDirectory, "pins", "na.pin"));
        var tokens = Directory.GetDirectories(Path.Combine(_dataDirectory, "tokens")).Order().ToArray();

        // Act
        var second = Run(_dataDirectory, "na", "emea");
        var tokensAfterSecond = Directory.GetDirectories(Path.Combine(_dataDirectory, "tokens")).Order().ToArray();
        var third = Run(_dataDirectory, "na", "emea", "apac");
        var tokensAfterThird = Directory.GetDirectories(Path.Combine(_dataDirectory, "tokens"));

        // Assert
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Contains("already exists", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(pins, File.ReadAllText(Path.Combine(_dataDirectory, "pins", "na.pin")));
        Assert.Equal(tokens, tokensAfterSecond);
        Assert.Equal(3, tokensAfterThird.Length);
        Assert.Subset(tokensAfterThird.ToHashSet(), tokens.ToHashSet());
        Assert.Contains("Hsm__Regions__2__Name=apac", third.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_InvalidRegionName_FailsWithoutPrintingConfiguration()
    {
        // Act
        var (exitCode, stdout, stderr) = Run(_dataDirectory, "Bad Region");

        // Assert
        Assert.NotEqual(0, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("invalid region name", stderr, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string dataDirectory, params string[] regions)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "hsm-sim", "setup.sh"));
        start.ArgumentList.Add(dataDirectory);
        foreach (var region in regions)
        {
            start.ArgumentList.Add(region);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "setup.sh did not finish");
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Appliance.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("no Appliance.sln above the test binaries");
        }

        return directory.FullName;
    }
}
