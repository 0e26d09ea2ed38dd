using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Appliance.TestSupport.Ldap;

/// <summary>
/// A real OpenLDAP slapd for the directory-sync tests: one per test process, started on first use by
/// <c>tests/scripts/slapd.sh</c> on 127.0.0.1 and a free port, seeded with the test directory (see the
/// script), and stopped when the process exits. If it cannot start, the asking test fails with the reason:
/// LDAP sync is a feature, so its tests are never skipped.
/// </summary>
public static class SlapdTestServer
{
    public const string BaseDn = "dc=contoso,dc=test";

    /// <summary>The read-only service account the appliance binds as to sync (seeded by the script).</summary>
    public const string SyncDn = "cn=appliance-sync,ou=services," + BaseDn;

    public const string SyncPassword = "sync account password";

    /// <summary>The seeded users' passwords are "NAME directory password" (alice, bob, dave, mallory, nomail).</summary>
    public static string PasswordOf(string uid) => $"{uid} directory password";

    public static string UserDn(string uid) => $"uid={uid},ou=people,{BaseDn}";

    private const string RootDn = "cn=admin," + BaseDn;
    private const string RootPassword = "slapd test root password";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's <c>ldap://127.0.0.1:PORT</c> address; starts it on first use.</summary>
    public static Task<string> GetUrlAsync() => Server.Value;

    /// <summary>Applies an LDIF change (add, modify, delete records) as the directory's root, with ldapmodify.</summary>
    public static async Task ModifyAsync(string ldif)
    {
        var url = await GetUrlAsync();
        var (exitCode, output, error) = await RunAsync("ldapmodify", ldif, "-x", "-H", url, "-D", RootDn, "-w", RootPassword);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"ldapmodify failed ({exitCode}): {error.Trim()} {output.Trim()}");
        }
    }

    private static async Task<string> StartAsync()
    {
        var script = FindScript();
        var failures = new List<string>();

        // A free port can be taken between asking for it and slapd binding it: try a few.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var folder = Path.Combine(Path.GetTempPath(), "appliance-slapd-" + Guid.NewGuid().ToString("N")[..12]);
            var port = FreePort();
            // The script's watcher stops slapd if this process is killed before ProcessExit runs.
            var result = await RunAsync("bash", null, script, "start", folder, port.ToString(CultureInfo.InvariantCulture));
            if (result.ExitCode == 0)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(script, folder);
                var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return lines[^1];
            }

            failures.Add($"exit code {result.ExitCode}: {result.Error.Trim()}");
            Stop(script, folder);
        }

        throw new InvalidOperationException(
            $"LDAP tests need slapd: '{script} start' failed ({string.Join("; ", failures)}). Run ./test.sh as root, "
            + "or install slapd and ldap-utils.");
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "scripts", "slapd.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"LDAP tests need tests/scripts/slapd.sh, which was not found above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string? input, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["SLAPD_OWNER_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not run {program}.");
        using var timeout = new CancellationTokenSource(StartTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, string.Empty, $"timed out after {StartTimeout}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static void Stop(string script, string folder)
    {
        try
        {
            var startInfo = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            startInfo.ArgumentList.Add(script);
            startInfo.ArgumentList.Add("stop");
            startInfo.ArgumentList.Add(folder);
            using var process = Process.Start(startInfo);
            process?.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Best effort at process exit: the folder is in the temp directory either way.
        }
    }
}
