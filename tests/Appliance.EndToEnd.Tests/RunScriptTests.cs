using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// The shipped start-up path: <c>run.sh</c> sets up SoftHSM2 tokens through hsm-sim in a fresh data
/// folder and starts the built appliance (the same <c>APPLIANCE_DLL</c> path the Dockerfile uses), and
/// the built <c>rms</c> program, as a separate process, administers it.
/// </summary>
public sealed class RunScriptTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("appliance-run-").FullName;
    private readonly string _rmsHome = Directory.CreateTempSubdirectory("appliance-rms-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _appliance;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_rmsHome, recursive: true);
    }

    [Fact]
    public async Task RunScript_FreshDataFolder_ServesHealthAndTheRmsVerbs()
    {
        // Arrange - a first start with a generated admin password, on a free loopback port.
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        await StartAsync(url, adminPassword: null);

        // Act - the generated password was printed once; rms uses it.
        var password = _output.ToString().Split('\n').Select(l => l.Trim())
            .Where(l => l.Contains("shown only this once: ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("shown only this once: ", StringComparison.Ordinal) + 22)..])
            .Single();
        var login = await RmsAsync(password + "\n", "login", "--server", url, "--user", "admin", "--password-stdin");
        var activate = await RmsAsync(null, "admin", "activate", "--org", "Contoso, Ltd", "--region", "emea", "--domain", "contoso.test");
        var badRegion = await RmsAsync(null, "admin", "activate", "--org", "Elsewhere", "--region", "mars", "--domain", "mars.test");

        // Assert
        Assert.True(login.Exit == 0, login.Text);
        Assert.True(activate.Exit == 0, activate.Text);
        Assert.NotEqual(0, badRegion.Exit);
        Assert.Contains("mars", badRegion.Text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_data, "hsm", "pins", "emea.pin")));
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(_data, "hsm", "pins", "emea.pin")).Split('\n')[1].Split('=')[1], _output.ToString(), StringComparison.Ordinal);

        // A restart keeps the tokens, the keys and the admin account, and prints no password again.
        await StopAsync();
        _output.Clear();
        await StartAsync(url, adminPassword: null);
        Assert.DoesNotContain("shown only this once", _output.ToString(), StringComparison.Ordinal);
        var again = await RmsAsync(null, "admin", "activate", "--org", "Contoso, Ltd", "--region", "emea", "--domain", "contoso.test");
        Assert.Contains("already", again.Text, StringComparison.Ordinal);
    }

    private async Task StartAsync(string url, string? adminPassword)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoRoot, "run.sh"), "--urls", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        start.Environment["APPLIANCE_DATA"] = _data;
        start.Environment["APPLIANCE_DLL"] = Path.Combine(RepoRoot, "Appliance.Web", "bin", Configuration, "net10.0", "Appliance.Web.dll");
        start.Environment["APPLIANCE_REGIONS"] = "emea";
        start.Environment.Remove("SOFTHSM2_CONF");
        if (adminPassword is not null)
        {
            start.Environment["APPLIANCE_ADMIN_PASSWORD"] = adminPassword;
        }

        _appliance = Process.Start(start)!;
        _appliance.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _appliance.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _appliance.BeginOutputReadLine();
        _appliance.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_appliance.HasExited, $"run.sh exited with {(_appliance.HasExited ? _appliance.ExitCode : 0)}: {_output}");
            try
            {
                using var health = await http.GetAsync(url + "/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or the first request is still warming up on a loaded machine
            }

            await Task.Delay(250);
        }

        Assert.Fail($"the appliance did not become healthy: {_output}");
    }

    private async Task StopAsync()
    {
        if (_appliance is { HasExited: false })
        {
            _appliance.Kill(entireProcessTree: true);
            await _appliance.WaitForExitAsync();
        }

        _appliance?.Dispose();
        _appliance = null;
    }

    private async Task<(int Exit, string Text)> RmsAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(RepoRoot, "Appliance.Client", "bin", Configuration, "net10.0", "rms.dll"), .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["RMS_HOME"] = _rmsHome;
        using var rms = Process.Start(start)!;
        await rms.StandardInput.WriteAsync(stdin ?? string.Empty);
        rms.StandardInput.Close();
        var stdout = rms.StandardOutput.ReadToEndAsync();
        var stderr = rms.StandardError.ReadToEndAsync();
        await rms.WaitForExitAsync();
        return (rms.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The test runs from tests/<project>/bin/<Configuration>/<tfm>/; the appliance was built the same way.
    private static string Configuration =>
        Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;

    private static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Appliance.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Appliance.sln not found above the test folder.");
        }
    }
}
