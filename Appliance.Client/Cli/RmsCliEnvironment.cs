namespace Appliance.Client.Cli;

/// <summary>
/// Everything the CLI takes from its process, passed in so that tests (and the end-to-end suite) can run
/// the CLI in-process without touching environment variables, the console or the user's home.
/// </summary>
public sealed class RmsCliEnvironment
{
    public const string HomeVariable = "RMS_HOME";

    /// <summary>The profile folder ($RMS_HOME, by default ~/.rms).</summary>
    public required string Home { get; init; }

    /// <summary>Standard input (passwords are read from its first line).</summary>
    public required TextReader In { get; init; }

    /// <summary>Standard output as raw bytes (`rms view` writes the plaintext here unchanged).</summary>
    public required Stream Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>The HTTP stack to use (a test server's handler); null for a real network stack.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>The clock for every "now": waiting (the device sign-in polls), token expiry, --expires Nd, cached licences.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>True when standard output is a terminal: tables instead of plain lines.</summary>
    public bool IsTerminal { get; init; }

    public static RmsCliEnvironment FromProcess()
    {
        var home = Environment.GetEnvironmentVariable(HomeVariable);
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".rms");
        }

        return new RmsCliEnvironment
        {
            Home = home,
            In = Console.In,
            Out = Console.OpenStandardOutput(),
            Error = Console.Error,
            IsTerminal = !Console.IsOutputRedirected,
        };
    }
}
