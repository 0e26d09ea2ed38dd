using System.Net;
using Appliance.Client.Cli;
using Appliance.Client.Tests.Support;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;

namespace Appliance.Client.Tests.Documents;

/// <summary>`rms protect --do-not-forward`: the recipients of --to, or of an e-mail's To, Cc and Bcc, get the Do Not Forward rights.</summary>
public sealed class DoNotForwardTests : IAsyncLifetime, IDisposable
{
    private const string DoNotForwardRights = "VIEW,EDIT,DOCEDIT,REPLY,REPLYALL,OBJMODEL,VIEWRIGHTSDATA";

    private readonly TempDirectory _temp = new();
    private FakeAppliance _appliance = null!;

    public async Task InitializeAsync() => _appliance = await FakeAppliance.CreateAsync();

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _temp.Dispose();

    private async Task<CliRunner> SignInAsync(string user)
    {
        var runner = new CliRunner(_temp.Combine("homes", user), _appliance);
        (await runner.LoginAsync(user)).AssertSucceeded();
        return runner;
    }

    private static string[] Grants(CliResult info) =>
        [.. info.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("grant: ", StringComparison.Ordinal))];

    [Fact]
    public void Rights_AreMicrosoftsDoNotForwardSet()
    {
        Assert.Equal(DoNotForwardRights, string.Join(',', DoNotForward.Rights));
        foreach (var withheld in new[] { UsageRights.Forward, UsageRights.Print, UsageRights.Extract, UsageRights.Export, UsageRights.Owner })
        {
            Assert.DoesNotContain(withheld, DoNotForward.Rights);
        }
    }

    [Fact]
    public async Task Protect_DoNotForwardTo_GivesEachRecipientExactlyTheDoNotForwardRights()
    {
        var alice = await SignInAsync("alice@contoso.test");
        var file = _temp.Combine("minutes.txt");
        await File.WriteAllTextAsync(file, "minutes\n");

        var protect = await alice.RunAsync("protect", file, "--do-not-forward", "--to", "Bob@Contoso.test, carol@contoso.test", "--to", "bob@contoso.test");
        var info = await alice.RunAsync("info", _temp.Combine("minutes.ptxt"));

        protect.AssertSucceeded();
        Assert.Contains("as Do Not Forward for bob@contoso.test, carol@contoso.test", protect.Output, StringComparison.Ordinal);
        Assert.Equal([$"grant: bob@contoso.test {DoNotForwardRights}", $"grant: carol@contoso.test {DoNotForwardRights}"], Grants(info.AssertSucceeded()));
    }

    [Fact]
    public async Task Protect_EmlWithoutTo_TakesToCcAndBccFromTheMessageHeaders()
    {
        var alice = await SignInAsync("alice@contoso.test");
        var mail = _temp.Combine("offer.eml");
        await File.WriteAllTextAsync(mail, string.Join("\r\n",
            "From: Alice <alice@contoso.test>",
            "To: \"Bob, Sales\" <BOB@contoso.test>, team: dan@fabrikam.test, erin@fabrikam.test;",
            "Cc: =?utf-8?q?Carol_M=C3=BCller?= <carol@contoso.test>",
            "Bcc: frank@fabrikam.test",
            "Subject: Offer",
            "",
            "To: mallory@evil.test (in the body, not a header)",
            ""));

        var protect = await alice.RunAsync("protect", mail, "--do-not-forward");
        var bob = await SignInAsync("bob@contoso.test");
        var view = await bob.RunAsync("view", mail + ".pfile");
        var unprotect = await bob.RunAsync("unprotect", mail + ".pfile", "-o", _temp.Combine("copy.eml"));
        var info = await alice.RunAsync("info", mail + ".pfile");

        protect.AssertSucceeded();
        Assert.Equal(
            ["bob@contoso.test", "dan@fabrikam.test", "erin@fabrikam.test", "carol@contoso.test", "frank@fabrikam.test"],
            Grants(info.AssertSucceeded()).Select(g => g.Split(' ')[1]));
        Assert.All(Grants(info), g => Assert.EndsWith(" " + DoNotForwardRights, g, StringComparison.Ordinal));
        Assert.Equal(await File.ReadAllBytesAsync(mail), view.AssertSucceeded().OutputBytes);
        Assert.Equal(ExitCodes.AccessDenied, unprotect.ExitCode);
        Assert.Equal($"you hold {string.Join(", ", DoNotForward.Rights)} but unprotect needs EXPORT or OWNER\n", unprotect.Error);
        Assert.False(File.Exists(_temp.Combine("copy.eml")));
    }

    [Fact]
    public async Task Protect_EmlWithoutRecipients_ExitsTwoBeforeAnyRequest()
    {
        var alice = await SignInAsync("alice@contoso.test");
        var mail = _temp.Combine("draft.eml");
        await File.WriteAllTextAsync(mail, "From: alice@contoso.test\r\nSubject: draft\r\n\r\nbody\r\n");
        var before = _appliance.Requests.Count;

        var result = await alice.RunAsync("protect", mail, "--do-not-forward");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"{mail} has no To, Cc or Bcc recipient; name the recipients with --to\n", result.Error);
        Assert.Equal(before, _appliance.Requests.Count);
    }

    [Theory]
    [InlineData("report.txt", new[] { "--do-not-forward" }, "--do-not-forward needs --to ADDRESS[,ADDRESS...] (only an .eml file names its recipients itself)")]
    [InlineData("report.txt", new[] { "--do-not-forward", "--to", "bob" }, "--to 'bob' is not an e-mail address")]
    [InlineData("report.txt", new[] { "--do-not-forward", "--to", "," }, "--to names no address; it must look like ADDRESS[,ADDRESS...]")]
    public async Task Protect_BadRecipients_ExitsTwoBeforeAnyRequest(string name, string[] options, string expected)
    {
        var file = _temp.Combine(name);
        await File.WriteAllTextAsync(file, "x");
        using var handler = new CannedHandler(HttpStatusCode.InternalServerError, "{}");

        var result = await new CliRunner(_temp.Combine("nobody"), handler).RunAsync(["protect", file, .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(expected + "\n", result.Error);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData(new[] { "--to", "bob@contoso.test", "--grant", "bob@contoso.test=VIEW" }, "--to goes with --do-not-forward.")]
    [InlineData(new[] { "--do-not-forward", "--grant", "bob@contoso.test=VIEW" }, "--do-not-forward goes without --grant")]
    [InlineData(new[] { "--do-not-forward", "--template", "Sales" }, "--template goes without --grant, --do-not-forward, --expires and --offline-days")]
    public async Task Protect_DoNotForwardWithOtherPolicy_IsAParseError(string[] options, string expected)
    {
        using var handler = new CannedHandler(HttpStatusCode.InternalServerError, "{}");

        var result = await new CliRunner(_temp.Path, handler).RunAsync(["protect", "mail.eml", .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
