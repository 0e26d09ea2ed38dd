using System.Diagnostics;
using Appliance.Hsm;

namespace Appliance.TestSupport.Hsm;

/// <summary>
/// One set of real SoftHSM2 tokens per test process, made by hsm-sim/setup.sh in a fresh temporary folder and
/// deleted when the process exits. Touch <see cref="Instance"/> before creating any vault: SoftHSM2 reads
/// SOFTHSM2_CONF once, at the first C_Initialize of the process, and sees only tokens that existed then.
/// When SoftHSM2 is not installed every HSM test fails with that message; none is skipped.
/// Tests share the tokens, so they create keys with unique ids (a Guid) and destroy them afterwards.
/// </summary>
public sealed class SoftHsmTestEnvironment
{
    /// <summary>The regions of <see cref="Options"/>: what an appliance node in the tests serves.</summary>
    public static readonly IReadOnlyList<string> ServedRegions = ["na", "emea", "apac"];

    /// <summary>A token reserved for wrong-PIN tests: nothing else logs in to it, so the device itself checks the PIN.</summary>
    public const string PinProbeRegion = "pinprobe";

    /// <summary>A token no default configuration uses, for tests that need a region of their own.</summary>
    public const string SpareRegion = "spare";

    private const string FolderPrefix = "appliance-softhsm-";
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<SoftHsmTestEnvironment> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, HsmRegionOptions> _regions;

    private SoftHsmTestEnvironment(string dataDirectory, string confPath, string modulePath, IEnumerable<HsmRegionOptions> regions)
    {
        DataDirectory = dataDirectory;
        ConfPath = confPath;
        ModulePath = modulePath;
        _regions = regions.ToDictionary(region => region.Name, StringComparer.Ordinal);
    }

    public static SoftHsmTestEnvironment Instance => Shared.Value;

    public string DataDirectory { get; }

    /// <summary>The softhsm2.conf that SOFTHSM2_CONF points at (set for this process by <see cref="Instance"/>).</summary>
    public string ConfPath { get; }

    public string ModulePath { get; }

    /// <summary>Fresh options for na, emea and apac; callers may change their copy.</summary>
    public HsmOptions Options => OptionsFor([.. ServedRegions]);

    public IReadOnlyCollection<string> AllRegions => _regions.Keys;

    /// <summary>Fresh options for a subset of the regions (spare ones included), in the order given.</summary>
    public HsmOptions OptionsFor(params string[] regions) => new()
    {
        ModulePath = ModulePath,
        Regions = regions.Select(RegionOptions).ToList(),
    };

    /// <summary>A copy of one region's options (name, token label, PIN file).</summary>
    public HsmRegionOptions RegionOptions(string region)
    {
        if (!_regions.TryGetValue(region, out var options))
        {
            throw new ArgumentException($"the test HSM has no region '{region}'; it has {string.Join(", ", _regions.Keys)}", nameof(region));
        }

        return new HsmRegionOptions { Name = options.Name, TokenLabel = options.TokenLabel, PinFile = options.PinFile };
    }

    /// <summary>The same settings as configuration keys ("Hsm:ModulePath", "Hsm:Regions:0:Name", ...), for in-memory configuration.</summary>
    public IReadOnlyDictionary<string, string?> ConfigurationFor(params string[] regions)
    {
        var selected = regions.Length == 0 ? [.. ServedRegions] : regions;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{HsmOptions.Section}:ModulePath"] = ModulePath,
        };
        for (var i = 0; i < selected.Length; i++)
        {
            var region = RegionOptions(selected[i]);
            values[$"{HsmOptions.Section}:Regions:{i}:Name"] = region.Name;
            values[$"{HsmOptions.Section}:Regions:{i}:TokenLabel"] = region.TokenLabel;
            values[$"{HsmOptions.Section}:Regions:{i}:PinFile"] = region.PinFile;
        }

        return values;
    }

    /// <summary>The user PIN of a region's token, for tests that must log in some other way.</summary>
    public string UserPin(string region)
    {
        var file = RegionOptions(region).PinFile!;
        return File.ReadAllLines(file).Select(line => line.Trim())
            .Where(line => line.StartsWith("user-pin=", StringComparison.Ordinal))
            .Select(line => line["user-pin=".Length..])
            .Single();
    }

    private static SoftHsmTestEnvironment Create()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the SoftHSM2 test environment needs Linux (hsm-sim/setup.sh)");
        }

        if (!IsOnPath("softhsm2-util"))
        {
            throw new InvalidOperationException(
                "SoftHSM2 is not installed (softhsm2-util is not on PATH). HSM tests run against real tokens and are never skipped: " +
                "install it with 'apt-get install -y softhsm2' or run hsm-sim/setup.sh once as root.");
        }

        var script = Path.Combine(FindRepositoryRoot(), "hsm-sim", "setup.sh");
        DeleteFoldersOfDeadProcesses();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(dataDirectory);

        var output = RunSetup(script, dataDirectory, [.. ServedRegions, PinProbeRegion, SpareRegion]);
        var variables = HsmSimOutput.ParseVariables(output);
        var options = HsmSimOutput.ToOptions(variables);
        var confPath = variables.TryGetValue("SOFTHSM2_CONF", out var conf) ? conf : throw new FormatException("hsm-sim did not print SOFTHSM2_CONF");

        // Before any vault exists in this process: SoftHSM2 reads it at C_Initialize, once.
        NativeEnvironment.Set("SOFTHSM2_CONF", confPath);
        return new SoftHsmTestEnvironment(dataDirectory, confPath, options.ModulePath, options.Regions);
    }

    private static string RunSetup(string script, string dataDirectory, string[] regions)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(dataDirectory);
        foreach (var region in regions)
        {
            start.ArgumentList.Add(region);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash for hsm-sim/setup.sh");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(SetupTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hsm-sim/setup.sh did not finish within {SetupTimeout.TotalMinutes:0} minutes");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"hsm-sim/setup.sh failed with exit code {process.ExitCode}:\n{stderr.Result}");
        }

        return stdout.Result;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Appliance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Appliance.sln above {AppContext.BaseDirectory}; cannot find hsm-sim/setup.sh");
    }

    private static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));

    /// <summary>A test host that is killed never runs its exit handler; sweep what such processes left behind.</summary>
    private static void DeleteFoldersOfDeadProcesses()
    {
        if (!Directory.Exists("/proc/self"))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var rest = Path.GetFileName(directory)[FolderPrefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(rest[..dash], out var processId) && !Directory.Exists($"/proc/{processId}"))
            {
                TryDelete(directory);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort at exit; the folder is under the temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
