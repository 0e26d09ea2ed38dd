using System.Text;
using Appliance.Client.Cli;

namespace Appliance.Client.Tests.Support;

/// <summary>The result of one in-process `rms` run.</summary>
internal sealed record CliResult(int ExitCode, byte[] OutputBytes, string Error)
{
    public string Output => Encoding.UTF8.GetString(OutputBytes);

    public override string ToString() => $"exit {ExitCode}; stdout: {Output}; stderr: {Error}";

    public CliResult AssertSucceeded()
    {
        Assert.True(ExitCode == 0, ToString());
        return this;
    }
}

/// <summary>Runs `rms` in-process against a handler, with its own profile folder.</summary>
internal sealed class CliRunner(string home, HttpMessageHandler? handler, bool isTerminal = false)
{
    public string Home { get; } = home;

    public CancellationToken Cancellation { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    public async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var environment = new RmsCliEnvironment
        {
            Home = Home,
            In = new StringReader(stdin),
            Out = output,
            Error = error,
            Handler = handler,
            IsTerminal = isTerminal,
            Clock = Clock,
        };
        var exitCode = await RmsCli.RunAsync(args, environment, Cancellation);
        return new CliResult(exitCode, output.ToArray(), error.ToString());
    }

    public Task<CliResult> LoginAsync(string user) =>
        RunWithInputAsync(FakeAppliance.Password + "\n", "login", "--server", FakeAppliance.Server, "--user", user, "--password-stdin");
}
