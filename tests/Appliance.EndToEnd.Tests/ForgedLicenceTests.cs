using System.Net.Http.Json;
using System.Security.Cryptography;
using Appliance.Crypto.Container;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Web.Tests.Support;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// The forgery found from outside, end to end: bob, who may only view alice's file, rebuilds it around a publishing
/// licence of his own for the same content id (owner bob, eve OWNER) and hands it to eve. Before the registration was
/// bound to its licence, <c>rms unprotect</c> gave eve the plaintext.
/// </summary>
public sealed class ForgedLicenceTests : RmsNodeTest
{
    public override async Task InitializeAsync()
    {
        await Node.ActivateTenantAsync("Contoso, Ltd", "emea", "contoso.test");
        foreach (var name in new[] { "alice", "bob", "eve" })
        {
            await Node.AddUserAsync($"{name}@contoso.test", $"password of {name} 123");
        }
    }

    [Fact]
    public async Task Unprotect_FileRebuiltAroundForgedLicence_RefusedNoPlaintext()
    {
        // Arrange - alice protects with rms; bob takes the content key from his own licence and rebuilds the file.
        var alice = await SignedInAsync("alice", "alice@contoso.test", "password of alice 123");
        var eve = await SignedInAsync("eve", "eve@contoso.test", "password of eve 123");
        var plain = Path.Combine(Work, "salaries.txt");
        await File.WriteAllTextAsync(plain, "the salaries of 2026\n");
        (await alice.RunAsync("protect", plain, "--grant", "bob@contoso.test=VIEW")).Succeeded();
        var original = Path.Combine(Work, "salaries.ptxt");
        var forged = Path.Combine(Work, "forged", "salaries.ptxt");
        using var bob = await Publisher.BootstrapAsync(await Node.SignInAsync("bob@contoso.test", "password of bob 123"));
        await RebuildAroundForgeryAsync(bob, original, forged);

        // Act
        var output = Path.Combine(Work, "eve.txt");
        var refused = await eve.RunAsync("unprotect", forged, "-o", output);
        var genuine = await eve.RunAsync("unprotect", original, "-o", output);

        // Assert - one sentence, a non-zero exit, and no plaintext; the genuine file still refuses eve as before.
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("not registered", refused.Stderr, StringComparison.Ordinal);
        Assert.Single(refused.Stderr.Trim().Split('\n'));
        Assert.NotEqual(0, genuine.ExitCode);
        Assert.False(File.Exists(output));
        bob.Http.Dispose();
    }

    /// <summary>What bob can do with a VIEW licence: decrypt, then encrypt the same content again under his own licence.</summary>
    private static async Task RebuildAroundForgeryAsync(Publisher bob, string original, string forged)
    {
        ProtectedFileHeader header;
        await using (var input = File.OpenRead(original))
        {
            header = await ProtectedFile.ReadHeaderAsync(input, CancellationToken.None);
        }

        using var granted = await bob.AcquireAsync(header.PublishingLicense);
        granted.EnsureSuccessStatusCode();
        var contentKey = bob.ContentKeyOf((await granted.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
        var license = await bob.ForgeLicenseAsync(header.ContentId, contentKey, new RightsGrant("eve@contoso.test", ["OWNER"]));

        using var plaintext = new MemoryStream();
        await using (var input = File.OpenRead(original))
        {
            await ProtectedFile.DecryptAsync(input, plaintext, contentKey, CancellationToken.None);
        }

        plaintext.Position = 0;
        Directory.CreateDirectory(Path.GetDirectoryName(forged)!);
        await using var output = File.Create(forged);
        await ProtectedFile.EncryptAsync(plaintext, output, license, header.ContentId,
            new ProtectedFileMetadata(header.FileName, header.ContentType), contentKey, CancellationToken.None);
        CryptographicOperations.ZeroMemory(contentKey);
    }
}
