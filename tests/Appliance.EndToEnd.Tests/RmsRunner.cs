using System.Text;
using Appliance.Client.Cli;

namespace Appliance.EndToEnd.Tests;

/// <summary>Runs the real <c>rms</c> command in-process, with its own profile folder (one per person).</summary>
public sealed class RmsRunner(string home)
{
    public string Home { get; } = home;

    /// <summary>The client's clock (the node keeps real time): a test moves it past a cached licence's validity.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public async Task<RmsResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var env = new RmsCliEnvironment
        {
            Home = Home,
            In = new StringReader(stdin ?? string.Empty),
            Out = stdout,
            Error = stderr,
            IsTerminal = false,
            Clock = Clock,
        };
        var exit = await RmsCli.RunAsync(args, env);
        return new RmsResult(exit, stdout.ToArray(), stderr.ToString());
    }

    public Task<RmsResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);
}

public sealed record RmsResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string Output => Encoding.UTF8.GetString(Stdout);

    public RmsResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"rms exited {ExitCode}: {Stderr}{Output}");
        return this;
    }
}
