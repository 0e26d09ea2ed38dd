using System.Net;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Client.Tests.Support;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Tests.External;

/// <summary>
/// An external recipient opens documents with the key made on their device, verified with the document
/// tenant's certificates, and cannot protect. The fake appliance answers with real licences.
/// </summary>
public sealed class ExternalDocumentTests : IAsyncLifetime, IDisposable
{
    private const string External = "ext@fabrikam.test";

    private readonly TempDirectory _temp = new();
    private readonly byte[] _plaintext = [.. "Offer for Fabrikam\n"u8, 0x00, 0xFF, 0x0D, 0x0A];
    private FakeAppliance _appliance = null!;

    public async Task InitializeAsync() => _appliance = await FakeAppliance.CreateAsync();

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _temp.Dispose();

    private string Documents => Directory.CreateDirectory(_temp.Combine("docs")).FullName;

    private async Task<string> ProtectAsAliceAsync(string name, string grant)
    {
        var alice = new CliRunner(_temp.Combine("homes", "alice"), _appliance);
        Assert.Equal(0, (await alice.LoginAsync("alice@contoso.test")).ExitCode);
        var source = Path.Combine(Documents, name + ".txt");
        await File.WriteAllBytesAsync(source, _plaintext);
        var result = await alice.RunAsync("protect", source, "--grant", grant);
        Assert.True(result.ExitCode == 0, result.ToString());
        return Path.Combine(Documents, name + ".ptxt");
    }

    private async Task<CliRunner> SignInExternalAsync()
    {
        var runner = new CliRunner(_temp.Combine("homes", "ext"), _appliance);
        var result = await runner.RunWithInputAsync(FakeAppliance.EmailCode + "\n", "login", "--server", FakeAppliance.Server, "--email-code", External);
        Assert.True(result.ExitCode == 0, result.ToString());
        return runner;
    }

    [Fact]
    public async Task ViewAndInfo_GrantedToTheAddress_OpenWithTheDeviceKeyAndTenantCertificates()
    {
        var shared = await ProtectAsAliceAsync("offer", $"{External}=VIEW");
        var ext = await SignInExternalAsync();
        _appliance.Requests.Clear();

        var view = await ext.RunAsync("view", shared);
        var info = await ext.RunAsync("info", shared);

        Assert.True(view.ExitCode == 0, view.ToString());
        Assert.Equal(_plaintext, view.OutputBytes);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("your rights: VIEW", info.Output, StringComparison.Ordinal);
        Assert.Contains("owner: alice@contoso.test", info.Output, StringComparison.Ordinal);
        // No bootstrap: the tenant's certificates come from the external endpoint, once per run.
        Assert.DoesNotContain("POST /api/v1/bootstrap", _appliance.Requests);
        Assert.Equal(2, _appliance.Requests.Count(r => r == $"GET /api/external/v1/tenants/{_appliance.TenantId}/certificates"));
    }

    [Fact]
    public async Task Unprotect_GrantedViewOnly_RefusedNamingTheRightAndWritesNothing()
    {
        var shared = await ProtectAsAliceAsync("offer", $"{External}=VIEW");
        var ext = await SignInExternalAsync();
        var output = Path.Combine(Documents, "copy.txt");

        var result = await ext.RunAsync("unprotect", shared, "-o", output);

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Contains("you hold VIEW but unprotect needs EXPORT or OWNER", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Unprotect_GrantedExport_WritesTheOriginalBytes()
    {
        var shared = await ProtectAsAliceAsync("offer", $"{External}=VIEW,EXPORT");
        var ext = await SignInExternalAsync();
        var output = Path.Combine(Documents, "copy.txt");

        var result = await ext.RunAsync("unprotect", shared, "-o", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(_plaintext, await File.ReadAllBytesAsync(output));
    }

    [Fact]
    public async Task View_GrantedToSomeoneElse_ExitsThreeWithOneSentence()
    {
        var notShared = await ProtectAsAliceAsync("internal", "bob@contoso.test=VIEW");
        var ext = await SignInExternalAsync();

        var result = await ext.RunAsync("view", notShared);

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Equal($"{External} has no rights to this document", result.Error.Trim());
        Assert.Empty(result.OutputBytes);
    }

    [Fact]
    public async Task Protect_AsExternal_RefusedBeforeAnyRequest()
    {
        var ext = await SignInExternalAsync();
        var source = Path.Combine(Documents, "mine.txt");
        await File.WriteAllBytesAsync(source, _plaintext);
        _appliance.Requests.Clear();

        var result = await ext.RunAsync("protect", source, "--grant", "alice@contoso.test=VIEW");

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Equal(RmsClient.CannotProtectSentence, result.Error.Trim());
        Assert.Empty(_appliance.Requests);
        Assert.False(File.Exists(Path.Combine(Documents, "mine.ptxt")));
    }

    [Fact]
    public async Task View_LicenceIssuedToAnotherAddress_IsRejectedByTheClient()
    {
        // Arrange - an appliance (or a man in the middle) hands over someone else's licence.
        var shared = await ProtectAsAliceAsync("offer", $"{External}=VIEW");
        var ext = await SignInExternalAsync();
        _appliance.AlterUseLicense = content => content with { IssuedTo = "bob@contoso.test" };

        var result = await ext.RunAsync("view", shared);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("issued to someone else", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.OutputBytes);
    }

    [Fact]
    public async Task View_TenantCertificatesRefused_ExitsOneAndWritesNothing()
    {
        // Arrange - without the tenant's certificates the licence cannot be verified, so it is not used.
        var shared = await ProtectAsAliceAsync("offer", $"{External}=VIEW");
        var ext = await SignInExternalAsync();
        _appliance.Intercept = request => request.RequestUri!.AbsolutePath.EndsWith("/certificates", StringComparison.Ordinal)
            ? FakeAppliance.Problem(HttpStatusCode.NotFound, ProblemCodes.NotFound, "No such tenant.")
            : null;

        var result = await ext.RunAsync("view", shared);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("No such tenant.", result.Error.Trim());
        Assert.Empty(result.OutputBytes);
    }
}
