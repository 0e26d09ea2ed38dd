using Appliance.Client.Cli;
using Appliance.Client.Tests.Support;
using Appliance.Crypto.Container;

namespace Appliance.Client.Tests.Documents;

/// <summary>
/// `rms reprotect`: a copy under a new policy is a new document; only OWNER or EDITRIGHTSDATA may make one, and a
/// refusal or a failure leaves no file behind.
/// </summary>
public sealed class ReprotectTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly byte[] _content = new byte[600 * 1024 + 123];
    private FakeAppliance _appliance = null!;

    public async Task InitializeAsync()
    {
        _appliance = await FakeAppliance.CreateAsync();
        Random.Shared.NextBytes(_content);
    }

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _temp.Dispose();

    private string Documents => Directory.CreateDirectory(_temp.Combine("docs")).FullName;

    private string[] DocumentFiles() => [.. Directory.GetFiles(Documents).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private async Task<CliRunner> SignInAsync(string user)
    {
        var runner = new CliRunner(_temp.Combine("homes", user), _appliance);
        (await runner.LoginAsync(user)).AssertSucceeded();
        return runner;
    }

    private async Task<(CliRunner Alice, string Protected)> ProtectAsAliceAsync(params string[] grants)
    {
        var alice = await SignInAsync("alice@contoso.test");
        var source = Path.Combine(Documents, "data.bin");
        await File.WriteAllBytesAsync(source, _content);
        (await alice.RunAsync(["protect", source, .. grants.SelectMany(g => new[] { "--grant", g })])).AssertSucceeded();
        File.Delete(source);
        return (alice, source + ".pfile");
    }

    private static async Task<ProtectedFileHeader> HeaderOfAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return await ProtectedFile.ReadHeaderAsync(stream, CancellationToken.None);
    }

    [Fact]
    public async Task Reprotect_Owner_WritesANewDocumentForTheNewPolicy()
    {
        var (alice, original) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        var copy = Path.Combine(Documents, "for-carol.pfile");

        var result = await alice.RunAsync("reprotect", original, "--grant", "carol@contoso.test=VIEW,EXPORT", "-o", copy);
        var carol = await SignInAsync("carol@contoso.test");
        var carolCopy = await carol.RunAsync("unprotect", copy, "-o", Path.Combine(Documents, "carol.bin"));
        var carolOriginal = await carol.RunAsync("view", original);
        var bob = await SignInAsync("bob@contoso.test");
        var bobCopy = await bob.RunAsync("view", copy);

        result.AssertSucceeded();
        var before = await HeaderOfAsync(original);
        var after = await HeaderOfAsync(copy);
        Assert.NotEqual(before.ContentId, after.ContentId);
        Assert.Equal("data.bin", after.FileName);
        Assert.Equal(new[] { before.ContentId, after.ContentId }.Order(), _appliance.Registered.Order());
        Assert.Contains($"new content id {after.ContentId}", result.Output, StringComparison.Ordinal);
        carolCopy.AssertSucceeded();
        Assert.Equal(_content, await File.ReadAllBytesAsync(Path.Combine(Documents, "carol.bin")));
        Assert.Equal(ExitCodes.AccessDenied, carolOriginal.ExitCode);
        Assert.Equal(ExitCodes.AccessDenied, bobCopy.ExitCode);
        Assert.Equal(["carol.bin", "data.bin.pfile", "for-carol.pfile"], DocumentFiles());
    }

    [Fact]
    public async Task Reprotect_EditRightsDataHolder_MayChangeTheProtection()
    {
        var (_, original) = await ProtectAsAliceAsync("bob@contoso.test=VIEW,EDITRIGHTSDATA");
        var bob = await SignInAsync("bob@contoso.test");
        var copy = Path.Combine(Documents, "copy.pfile");

        var result = await bob.RunAsync("reprotect", original, "--grant", "carol@contoso.test=VIEW", "-o", copy);
        var info = await bob.RunAsync("info", copy);

        result.AssertSucceeded();
        Assert.Contains("owner: bob@contoso.test", info.AssertSucceeded().Output, StringComparison.Ordinal);
        Assert.Contains("grant: carol@contoso.test VIEW", info.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bob@contoso.test=VIEW", "you hold VIEW but changing the protection needs OWNER or EDITRIGHTSDATA")]
    [InlineData("bob@contoso.test=VIEW,EXPORT,PRINT", "you hold VIEW, PRINT, EXPORT but changing the protection needs OWNER or EDITRIGHTSDATA")]
    public async Task Reprotect_WithoutOwnerOrEditRightsData_ExitsThreeNamingThemAndRegistersNothing(string grant, string expected)
    {
        var (_, original) = await ProtectAsAliceAsync(grant);
        var bob = await SignInAsync("bob@contoso.test");
        var copy = Path.Combine(Documents, "mine.pfile");

        var result = await bob.RunAsync("reprotect", original, "--grant", "bob@contoso.test=OWNER", "-o", copy);

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Equal(expected + "\n", result.Error);
        Assert.Single(_appliance.Registered);
        Assert.Equal(["data.bin.pfile"], DocumentFiles());
    }

    [Fact]
    public async Task Reprotect_TamperedOriginal_FailsAndLeavesNoFile()
    {
        var (alice, original) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        var bytes = await File.ReadAllBytesAsync(original);
        bytes[^100] ^= 0x01; // in the last segment: most of the content passes before the failure
        await File.WriteAllBytesAsync(original, bytes);

        var result = await alice.RunAsync("reprotect", original, "--grant", "carol@contoso.test=VIEW", "-o", Path.Combine(Documents, "copy.pfile"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("the protected file is damaged or has been tampered with\n", result.Error);
        Assert.Equal(["data.bin.pfile"], DocumentFiles());
    }

    [Fact]
    public async Task Reprotect_RegistrationRefused_LeavesNoFile()
    {
        var (alice, original) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        _appliance.Intercept = request => request.RequestUri!.AbsolutePath == "/api/v1/publish"
            ? FakeAppliance.Problem(System.Net.HttpStatusCode.ServiceUnavailable, Crypto.Protocol.ProblemCodes.HsmUnavailable, "The HSM of region emea does not answer.")
            : null;

        var result = await alice.RunAsync("reprotect", original, "--grant", "carol@contoso.test=VIEW", "-o", Path.Combine(Documents, "copy.pfile"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("The HSM of region emea does not answer.\n", result.Error);
        Assert.Equal(["data.bin.pfile"], DocumentFiles());
    }

    [Theory]
    [InlineData(new[] { "--grant", "carol@contoso.test=VIEW" }, "Option '--output' is required.")]
    [InlineData(new[] { "-o", "x.pfile" }, "Option '--grant', '--template' or '--do-not-forward' is required.")]
    public async Task Reprotect_MissingOptions_IsAParseError(string[] options, string expected)
    {
        var (alice, original) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");
        var before = _appliance.Requests.Count;

        var result = await alice.RunAsync(["reprotect", original, .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, _appliance.Requests.Count);
    }

    [Fact]
    public async Task Reprotect_DoNotForwardWithoutTo_NeedsTo()
    {
        var (alice, original) = await ProtectAsAliceAsync("bob@contoso.test=VIEW");

        var result = await alice.RunAsync("reprotect", original, "--do-not-forward", "-o", Path.Combine(Documents, "copy.pfile"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--do-not-forward needs --to", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task View_GrantWithoutView_ExitsThreeNamingViewAndWritesNothing()
    {
        var (_, original) = await ProtectAsAliceAsync("bob@contoso.test=PRINT");
        var bob = await SignInAsync("bob@contoso.test");

        var result = await bob.RunAsync("view", original);

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Equal("you hold PRINT but view needs VIEW\n", result.Error);
        Assert.Empty(result.OutputBytes);
    }
}
