using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Appliance.TestSupport.Postgres;

/// <summary>
/// The PostgreSQL server tests create their databases on. <c>./test.sh</c> starts one for the whole run
/// and names it in <see cref="EnvironmentVariable"/>; without it (plain <c>dotnet test</c>) the first
/// test to ask starts a private server with <c>tests/scripts/postgres.sh</c>, which stops when the test
/// process exits. If no server can be had, the asking test fails with the reason: PostgreSQL is a
/// supported provider, so its tests are never skipped.
/// </summary>
public static class PostgresTestServer
{
    /// <summary>An admin connection string: a role that may create databases, and <c>Database=postgres</c>.</summary>
    public const string EnvironmentVariable = "APPLIANCE_TEST_POSTGRES";

    /// <summary>Every database made here starts with this, and only such databases are ever dropped.</summary>
    public const string DatabasePrefix = "appliance_test_";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    private static readonly Lazy<Task<string>> AdminConnectionString =
        new(FindOrStartServerAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Starts the server on first use; a failure to start is remembered and reported to every caller.</summary>
    public static Task<string> GetAdminConnectionStringAsync() => AdminConnectionString.Value;

    /// <summary>Creates an empty, uniquely named database and returns a connection string for it.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var admin = await GetAdminConnectionStringAsync();
        var name = DatabasePrefix + Guid.NewGuid().ToString("N");
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(cancellationToken);

            // The name is made above from a GUID, and CREATE DATABASE takes no parameters.
#pragma warning disable CA2100
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            var source = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable))
                ? "the server started by tests/scripts/postgres.sh"
                : $"the server named by {EnvironmentVariable}";
            throw new InvalidOperationException($"Could not create a test database on {source}: {ex.Message}", ex);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public static async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null
            || !name.StartsWith(DatabasePrefix, StringComparison.Ordinal)
            || name.Length != DatabasePrefix.Length + 32
            || !name[DatabasePrefix.Length..].All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{name}' was not made by {nameof(CreateDatabaseAsync)}; refusing to drop it.", nameof(connectionString));
        }

        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(await GetAdminConnectionStringAsync());
        await connection.OpenAsync(cancellationToken);
#pragma warning disable CA2100
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> FindOrStartServerAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var script = FindScript();
        var failures = new List<string>();

        // A free port can be taken between asking for it and the server binding it: try a few.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var folder = Path.Combine(Path.GetTempPath(), "appliance-pg-" + Guid.NewGuid().ToString("N")[..12]);
            var port = FreePort();
            var result = await RunScriptAsync(script, "start", folder, port.ToString(CultureInfo.InvariantCulture));
            if (result.ExitCode == 0)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopServer(script, folder);
                var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return lines[^1];
            }

            failures.Add($"exit code {result.ExitCode}: {result.Error.Trim()}");
            StopServer(script, folder);
        }

        throw new InvalidOperationException(
            $"PostgreSQL tests need a server: {EnvironmentVariable} is not set and '{script} start' failed "
            + $"({string.Join("; ", failures)}). Run ./test.sh, or set {EnvironmentVariable} to an admin "
            + "connection string of a server where the role may create databases.");
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "scripts", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL tests need a server: {EnvironmentVariable} is not set and tests/scripts/postgres.sh "
            + $"was not found above {AppContext.BaseDirectory} to start one.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(string script, params string[] arguments)
    {
        using var process = Process.Start(ScriptStartInfo(script, arguments))
            ?? throw new InvalidOperationException($"Could not run {script}.");
        using var timeout = new CancellationTokenSource(StartTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
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

    private static void StopServer(string script, string folder)
    {
        try
        {
            using var process = Process.Start(ScriptStartInfo(script, "stop", folder));
            process?.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Best effort at process exit: the folder is in the temp directory either way.
        }
    }

    private static ProcessStartInfo ScriptStartInfo(string script, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }
}
