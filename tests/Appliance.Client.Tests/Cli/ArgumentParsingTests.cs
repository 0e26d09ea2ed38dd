using System.Net;
using Appliance.Client.Cli;
using Appliance.Client.Tests.Support;

namespace Appliance.Client.Tests.Cli;

public sealed class ArgumentParsingTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CannedHandler _handler = new(HttpStatusCode.InternalServerError, "{}");

    public void Dispose()
    {
        _handler.Dispose();
        _temp.Dispose();
    }

    public static TheoryData<string[], string> MissingPieces => new()
    {
        { [], "Required command was not provided" },
        { ["bogus"], "Unrecognized command or argument 'bogus'" },
        { ["login", "--user", "alice@contoso.test", "--password-stdin"], "Option '--server' is required" },
        { ["login", "--server", "https://rms.contoso.test", "--password-stdin"], "--user and --password-stdin go together." },
        { ["login", "--server", "https://rms.contoso.test", "--user", "alice@contoso.test"], "--user and --password-stdin go together." },
        { ["login", "--server", "https://rms.contoso.test", "--client-id", "svc-1"], "--client-id and --client-secret-stdin go together." },
        { ["login", "--server", "https://rms.contoso.test", "--client-secret-stdin"], "--client-id and --client-secret-stdin go together." },
        { ["login", "--server", "https://rms.contoso.test", "--user", "a@contoso.test", "--password-stdin", "--client-id", "svc-1", "--client-secret-stdin"], "Give only one of --user, --client-id and --id-token-stdin." },
        { ["admin"], "Required command was not provided" },
        { ["admin", "activate", "--region", "emea", "--domain", "contoso.test"], "Option '--org' is required" },
        { ["admin", "activate", "--org", "Contoso", "--domain", "contoso.test"], "Option '--region' is required" },
        { ["admin", "activate", "--org", "Contoso", "--region", "emea"], "Option '--domain' is required" },
        { ["admin", "user", "add", "--password-stdin"], "Required argument 'EMAIL' missing" },
        { ["admin", "user", "add", "dave@contoso.test"], "Option '--password-stdin' is required" },
        { ["admin", "user", "list", "extra"], "Unrecognized command or argument 'extra'" },
        { ["protect", "--grant", "bob@contoso.test=VIEW"], "Required argument 'FILE' missing" },
        { ["protect", "report.txt"], "Option '--grant', '--template' or '--do-not-forward' is required." },
        { ["protect", "report.txt", "--template", "Sales", "--grant", "bob@contoso.test=VIEW"], "--template goes without --grant, --do-not-forward, --expires and --offline-days" },
        { ["protect", "report.txt", "--template", "Sales", "--offline-days", "3"], "--template goes without --grant, --do-not-forward, --expires and --offline-days" },
        { ["admin", "template", "add", "--tenant", "contoso.test", "--name", "en=Sales", "--description", "en=For sales"], "Option '--grant' is required" },
        { ["admin", "template", "list"], "Option '--tenant' is required" },
        { ["admin", "template", "archive"], "Required argument 'TEMPLATE' missing" },
        { ["admin", "role", "set"], "Required argument 'EMAIL' missing" },
        { ["admin", "role", "list", "extra"], "Unrecognized command or argument 'extra'" },
        { ["admin", "security", "set"], "Option '--require-admin-2fa' is required" },
        { ["admin", "security", "set", "--require-admin-2fa", "yes"], "'yes'" },
        { ["admin", "ldap", "set", "--bind-dn", "cn=sync", "--base-dn", "dc=x", "--user-filter", "(uid=*)", "--group-filter", "(cn=*)"], "Option '--server' is required" },
        { ["admin", "ldap", "set", "--server", "ldap://dc1", "--bind-dn", "cn=sync", "--base-dn", "dc=x", "--user-filter", "(uid=*)", "--group-filter", "(cn=*)", "--sync-interval", "hourly"], "'hourly'" },
        { ["admin", "ldap", "set", "--server", "ldap://dc1", "--bind-dn", "cn=sync", "--bind-password", "secret", "--base-dn", "dc=x", "--user-filter", "(uid=*)", "--group-filter", "(cn=*)"], "Unrecognized command or argument '--bind-password'" },
        { ["protect", "report.txt", "--grant"], "Required argument missing for option: '--grant'" },
        { ["unprotect"], "Required argument 'FILE' missing" },
        { ["unprotect", "report.ptxt", "-o"], "Required argument missing for option: '-o'" },
        { ["view"], "Required argument 'FILE' missing" },
        { ["reprotect", "--grant", "bob@contoso.test=VIEW", "-o", "x.ptxt"], "Required argument 'FILE' missing" },
        { ["info"], "Required argument 'FILE' missing" },
        { ["logout", "now"], "Unrecognized command or argument 'now'" },
    };

    [Theory]
    [MemberData(nameof(MissingPieces))]
    public async Task RunAsync_MissingOrUnknownArgument_ExitsTwoWithSentenceAndNoRequest(string[] args, string expected)
    {
        // Arrange - a script that forgot an option must get a usage error, not a half-run command.
        var runner = new CliRunner(_temp.Path, _handler);

        var result = await runner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.OutputBytes);
        Assert.Empty(_handler.Requests);
    }

    [Theory]
    [InlineData("login", "--password-stdin")]
    [InlineData("protect", "--grant")]
    [InlineData("protect", "--do-not-forward")]
    [InlineData("reprotect", "--template")]
    [InlineData("unprotect", "--force")]
    [InlineData("view", "FILE")]
    [InlineData("info", "FILE")]
    [InlineData("admin", "activate")]
    public async Task RunAsync_Help_PrintsUsageToStdoutAndExitsZero(string verb, string expected)
    {
        var runner = new CliRunner(_temp.Path, _handler);

        var result = await runner.RunAsync(verb, "--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task RunAsync_Version_PrintsVersion()
    {
        var result = await new CliRunner(_temp.Path, _handler).RunAsync("--version");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Output));
    }

    [Theory]
    [InlineData("rms.contoso.test")]
    [InlineData("ftp://rms.contoso.test")]
    [InlineData("not a url")]
    public async Task Login_ServerNotHttpUrl_ExitsTwoBeforeAnyRequest(string server)
    {
        var result = await new CliRunner(_temp.Path, _handler)
            .RunWithInputAsync("secret\n", "login", "--server", server, "--user", "alice@contoso.test", "--password-stdin");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"--server '{server}' is not an http or https address", result.Error, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Login_EmptyStandardInput_ExitsTwoNamingTheMissingPassword()
    {
        var result = await new CliRunner(_temp.Path, _handler)
            .RunWithInputAsync(string.Empty, "login", "--server", "https://rms.contoso.test", "--user", "alice@contoso.test", "--password-stdin");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--password-stdin found no password on standard input", result.Error, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Protect_NotSignedIn_ExitsFourWithHowToSignIn()
    {
        // Arrange - valid arguments, but no profile in RMS_HOME.
        var file = _temp.Combine("report.txt");
        await File.WriteAllTextAsync(file, "quarterly numbers");

        var result = await new CliRunner(_temp.Combine("home"), _handler).RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        Assert.Contains("you are not signed in; run rms login", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Combine("report.ptxt")));
    }

    [Theory]
    [InlineData("protect")]
    [InlineData("unprotect")]
    [InlineData("view")]
    [InlineData("info")]
    public async Task DocumentVerb_InputMissing_ExitsTwoNamingTheFile(string verb)
    {
        var missing = _temp.Combine("missing.ptxt");
        string[] args = verb == "protect" ? [verb, missing, "--grant", "bob@contoso.test=VIEW"] : [verb, missing];

        var result = await new CliRunner(_temp.Path, _handler).RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"{missing} does not exist", result.Error, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
    }
}
