using System.Net;
using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Client.Tests.Support;
using Appliance.Crypto.Container;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Tests.Documents;

/// <summary>
/// `rms protect`, `unprotect`, `view` and `info` against a fake appliance that answers with real licences,
/// so the verification, the rights check and the decryption all run for real.
/// </summary>
public sealed class ProtectUnprotectTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private FakeAppliance _appliance = null!;

    private readonly byte[] _plaintext = [.. "Quarterly numbers: up 12%\n"u8, 0x00, 0xFF, 0xFE, 0x80, 0x0D, 0x0A];

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
        var result = await runner.LoginAsync(user);
        Assert.True(result.ExitCode == 0, result.ToString());
        return runner;
    }

    private string Documents => Directory.CreateDirectory(_temp.Combine("docs")).FullName;

    private async Task<(CliRunner Alice, string Protected)> ProtectAsAliceAsync(params string[] grants)
    {
        var alice = await SignInAsync("alice@contoso.test");
        var source = Path.Combine(Documents, "report.txt");
        await File.WriteAllBytesAsync(source, _plaintext);
        var args = new List<string> { "protect", source };
        foreach (var grant in grants)
        {
            args.AddRange(["--grant", grant]);
        }

        var result = await alice.RunAsync([.. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return (alice, Path.Combine(Documents, "report.ptxt"));
    }

    private string[] DocumentFiles() => [.. Directory.GetFiles(Documents).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public async Task Protect_ThenGranteeViews_WritesExactBytesToStdout()
    {
        var (_, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        var bob = await SignInAsync("bob@contoso.test");

        var result = await bob.RunAsync("view", protectedFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(_plaintext, result.OutputBytes);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Protect_DefaultName_RegistersFirstAndWritesHeaderWithOriginalName()
    {
        var (_, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");

        Assert.True(File.Exists(protectedFile));
        await using var stream = File.OpenRead(protectedFile);
        var header = await ProtectedFile.ReadHeaderAsync(stream, CancellationToken.None);
        Assert.Equal("report.txt", header.FileName);
        Assert.Contains(header.ContentId, _appliance.Registered);
        Assert.Equal(["report.ptxt", "report.txt"], DocumentFiles());
        Assert.Contains("POST /api/v1/publish", _appliance.Requests);
    }

    [Fact]
    public async Task Unprotect_GranteeHoldsOnlyView_ExitsThreeAndLeavesNoFile()
    {
        // Arrange - VIEW lets Bob read the document on screen, not take the plaintext away.
        var (_, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        var bob = await SignInAsync("bob@contoso.test");
        File.Delete(Path.Combine(Documents, "report.txt"));

        var result = await bob.RunAsync("unprotect", protectedFile);

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Equal("you hold VIEW but unprotect needs EXPORT or OWNER" + Environment.NewLine, result.Error);
        Assert.Equal(["report.ptxt"], DocumentFiles());
    }

    [Fact]
    public async Task Unprotect_GranteeWithExport_RestoresTheOriginal()
    {
        var (_, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW,EXPORT");
        var bob = await SignInAsync("bob@contoso.test");
        var output = Path.Combine(Documents, "copy.txt");

        var result = await bob.RunAsync("unprotect", protectedFile, "-o", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(_plaintext, await File.ReadAllBytesAsync(output));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        }
    }

    [Fact]
    public async Task Unprotect_OwnerDefaultOutput_RefusesToOverwriteUnlessForced()
    {
        var (alice, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        var original = Path.Combine(Documents, "report.txt");
        await File.WriteAllTextAsync(original, "edited since");

        var refused = await alice.RunAsync("unprotect", protectedFile);
        var forced = await alice.RunAsync("unprotect", protectedFile, "--force");

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains($"{original} already exists; use --force to overwrite it", refused.Error, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(_plaintext, await File.ReadAllBytesAsync(original));
        Assert.Equal(["report.ptxt", "report.txt"], DocumentFiles());
    }

    [Fact]
    public async Task View_NoRights_ExitsThreeWithTheAppliancesSentence()
    {
        var (_, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        var carol = await SignInAsync("carol@contoso.test");

        var result = await carol.RunAsync("view", protectedFile);

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Equal("carol@contoso.test has no rights to this document" + Environment.NewLine, result.Error);
        Assert.Empty(result.OutputBytes);
    }

    [Fact]
    public async Task Unprotect_TamperedSegment_ExitsOneAndLeavesNoFile()
    {
        var (alice, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        File.Delete(Path.Combine(Documents, "report.txt"));
        var bytes = await File.ReadAllBytesAsync(protectedFile);
        bytes[^20] ^= 0x01;
        await File.WriteAllBytesAsync(protectedFile, bytes);

        var result = await alice.RunAsync("unprotect", protectedFile);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("the protected file is damaged or has been tampered with" + Environment.NewLine, result.Error);
        Assert.Equal(["report.ptxt"], DocumentFiles());
    }

    [Fact]
    public async Task Unprotect_TruncatedFile_ExitsOneAndLeavesNoFile()
    {
        var (alice, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        File.Delete(Path.Combine(Documents, "report.txt"));
        var bytes = await File.ReadAllBytesAsync(protectedFile);
        await File.WriteAllBytesAsync(protectedFile, bytes[..^10]);

        var result = await alice.RunAsync("unprotect", protectedFile);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(["report.ptxt"], DocumentFiles());
    }

    [Fact]
    public async Task Unprotect_UseLicenseSignatureBroken_ExitsOneAndLeavesNoFile()
    {
        var (alice, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        File.Delete(Path.Combine(Documents, "report.txt"));
        _appliance.CorruptUseLicenseSignature = true;

        var result = await alice.RunAsync("unprotect", protectedFile);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("the use licence from the appliance failed verification" + Environment.NewLine, result.Error);
        Assert.Equal(["report.ptxt"], DocumentFiles());
    }

    [Fact]
    public async Task View_UseLicenseForAnotherDocument_IsRefused()
    {
        // Arrange - a validly signed licence, but for other content: replaying it must not open this file.
        var (alice, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        _appliance.AlterUseLicense = ul => ul with { ContentId = Guid.NewGuid() };

        var result = await alice.RunAsync("view", protectedFile);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("the appliance sent a use licence for another document" + Environment.NewLine, result.Error);
        Assert.Empty(result.OutputBytes);
    }

    [Fact]
    public async Task View_UseLicenseIssuedToSomeoneElse_IsRefused()
    {
        var (alice, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        _appliance.AlterUseLicense = ul => ul with { IssuedTo = "bob@contoso.test" };

        var result = await alice.RunAsync("view", protectedFile);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("the appliance sent a use licence issued to someone else" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Protect_RegistrationRefused_ExitsWithSentenceAndKeepsNoFile()
    {
        var alice = await SignInAsync("alice@contoso.test");
        var source = Path.Combine(Documents, "report.txt");
        await File.WriteAllBytesAsync(source, _plaintext);
        _appliance.Intercept = request => request.RequestUri!.AbsolutePath == "/api/v1/publish"
            ? FakeAppliance.Problem(HttpStatusCode.ServiceUnavailable, ProblemCodes.HsmUnavailable, "The HSM of region emea does not answer.")
            : null;

        var result = await alice.RunAsync("protect", source, "--grant", "bob@contoso.test=VIEW");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("The HSM of region emea does not answer." + Environment.NewLine, result.Error);
        Assert.Equal(["report.txt"], DocumentFiles());
    }

    [Fact]
    public async Task Protect_OutputExists_RefusesBeforeAskingTheApplianceUnlessForced()
    {
        var alice = await SignInAsync("alice@contoso.test");
        var source = Path.Combine(Documents, "report.txt");
        var output = Path.Combine(Documents, "out.ptxt");
        await File.WriteAllBytesAsync(source, _plaintext);
        await File.WriteAllTextAsync(output, "keep me");
        var requestsBefore = _appliance.Requests.Count;

        var refused = await alice.RunAsync("protect", source, "--grant", "bob@contoso.test=VIEW", "-o", output);

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal("keep me", await File.ReadAllTextAsync(output));
        Assert.Equal(requestsBefore, _appliance.Requests.Count);

        var forced = await alice.RunAsync("protect", source, "--grant", "bob@contoso.test=VIEW", "-o", output, "--force");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.NotEqual("keep me", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Protect_AsAdminWithoutTenant_ExitsFour()
    {
        var admin = await SignInAsync("admin@appliance.local");
        var source = Path.Combine(Documents, "report.txt");
        await File.WriteAllBytesAsync(source, _plaintext);

        var result = await admin.RunAsync("protect", source, "--grant", "bob@contoso.test=VIEW");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        Assert.Contains("this device has no user keys", result.Error, StringComparison.Ordinal);
        Assert.Equal(["report.txt"], DocumentFiles());
    }

    [Fact]
    public async Task View_AfterTenantKeyRoll_BootstrapsAgainAndOpens()
    {
        // Arrange - the licence is signed by a key version Bob's device has never seen.
        var (_, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        var bob = await SignInAsync("bob@contoso.test");
        await _appliance.RollKeyAsync();

        var result = await bob.RunAsync("view", protectedFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(_plaintext, result.OutputBytes);
        var identity = new ProfileStore(bob.Home).LoadIdentity()!;
        Assert.Equal(2, identity.TenantCertificates.Count);
        Assert.Equal("contoso-k2", identity.ActiveTenantKeyId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(600 * 1024)]
    public async Task ProtectThenUnprotect_VariousSizes_RoundTrips(int size)
    {
        var alice = await SignInAsync("alice@contoso.test");
        var content = new byte[size];
        Random.Shared.NextBytes(content);
        var source = Path.Combine(Documents, "data.bin");
        await File.WriteAllBytesAsync(source, content);

        var protect = await alice.RunAsync("protect", source, "--grant", "bob@contoso.test=VIEW");
        var unprotect = await alice.RunAsync("unprotect", Path.Combine(Documents, "data.bin.pfile"), "-o", Path.Combine(Documents, "back.bin"));

        Assert.True(protect.ExitCode == 0, protect.ToString());
        Assert.True(unprotect.ExitCode == 0, unprotect.ToString());
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(Documents, "back.bin")));
    }

    [Fact]
    public async Task Info_PlainOutput_ShowsPolicyRightsAndValidity()
    {
        var (alice, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW,PRINT", "carol@contoso.test=EDIT");
        var bob = await SignInAsync("bob@contoso.test");

        var result = await bob.RunAsync("info", protectedFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("file name: report.txt", lines);
        Assert.Contains("owner: alice@contoso.test", lines);
        Assert.Contains("grant: bob@contoso.test VIEW,PRINT", lines);
        Assert.Contains("grant: carol@contoso.test EDIT", lines);
        Assert.Contains("expires: never", lines);
        Assert.Contains("your rights: VIEW,PRINT", lines);
        Assert.Contains(lines, l => l.StartsWith("content id: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("licence valid until: 20", StringComparison.Ordinal));
        _ = alice;
    }

    [Fact]
    public async Task Info_Terminal_RendersATable()
    {
        var (_, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        var bob = await SignInAsync("bob@contoso.test");
        var terminal = new CliRunner(bob.Home, _appliance, isTerminal: true);

        var result = await terminal.RunAsync("info", protectedFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Property", result.Output, StringComparison.Ordinal);
        Assert.Contains("alice@contoso.test", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protect_ExpiryAndOfflineDays_TravelInThePolicy()
    {
        var alice = await SignInAsync("alice@contoso.test");
        var source = Path.Combine(Documents, "report.txt");
        await File.WriteAllBytesAsync(source, _plaintext);

        var protect = await alice.RunAsync("protect", source, "--grant", "bob@contoso.test=VIEW", "--expires", "2099-12-31T18:00:00Z", "--offline-days", "3");
        var info = await alice.RunAsync("info", Path.Combine(Documents, "report.ptxt"));

        Assert.True(protect.ExitCode == 0, protect.ToString());
        Assert.Contains("expires: 2099-12-31T18:00:00Z", info.Output, StringComparison.Ordinal);
        Assert.Contains("offline days: 3", info.Output, StringComparison.Ordinal);
        Assert.Contains("your rights: OWNER", info.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protect_ExpiryInThePast_ExitsTwo()
    {
        var alice = await SignInAsync("alice@contoso.test");
        var source = Path.Combine(Documents, "report.txt");
        await File.WriteAllBytesAsync(source, _plaintext);

        var result = await alice.RunAsync("protect", source, "--grant", "bob@contoso.test=VIEW", "--expires", "2001-01-01");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("is in the past", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task View_NotAProtectedFile_ExitsTwo()
    {
        var alice = await SignInAsync("alice@contoso.test");
        var source = Path.Combine(Documents, "plain.ptxt");
        await File.WriteAllTextAsync(source, "just some text, not a container at all");

        var result = await alice.RunAsync("view", source);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("this is not a protected file" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Unprotect_NameWithoutProtectedExtension_AsksForOutputName()
    {
        var (alice, protectedFile) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        var renamed = Path.Combine(Documents, "report.bin");
        File.Move(protectedFile, renamed);

        var result = await alice.RunAsync("unprotect", renamed);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"cannot derive an output name from {renamed}; name one with -o OUT\n", result.Error);
    }

    [Fact]
    public async Task Protect_CancelledWhileRegistering_ExitsCancelledAndLeavesNoTemporaryFile()
    {
        // Arrange - Ctrl+C after the temporary output was created: it must be cleaned up, and nothing kept.
        var alice = await SignInAsync("alice@contoso.test");
        var source = Path.Combine(Documents, "report.txt");
        await File.WriteAllBytesAsync(source, _plaintext);
        using var cancellation = new CancellationTokenSource();
        var sawTemporaryFile = false;
        _appliance.Intercept = request =>
        {
            if (request.RequestUri!.AbsolutePath == "/api/v1/publish")
            {
                sawTemporaryFile = Directory.GetFiles(Documents, ".report.ptxt.*.tmp").Length == 1;
                cancellation.Cancel();
            }

            return null;
        };
        var runner = new CliRunner(alice.Home, _appliance) { Cancellation = cancellation.Token };

        var result = await runner.RunAsync("protect", source, "--grant", "bob@contoso.test=VIEW");

        Assert.True(sawTemporaryFile);
        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        Assert.Equal("cancelled\n", result.Error);
        Assert.Equal(["report.txt"], DocumentFiles());
    }
}
