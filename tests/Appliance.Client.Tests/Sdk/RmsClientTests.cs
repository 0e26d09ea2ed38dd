using Appliance.Client.Sdk;
using Appliance.Client.Tests.Support;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Rights;

namespace Appliance.Client.Tests.Sdk;

/// <summary>The SDK on its own, without the CLI: streams in, streams out.</summary>
public sealed class RmsClientTests : IAsyncLifetime
{
    private FakeAppliance _appliance = null!;

    public async Task InitializeAsync() => _appliance = await FakeAppliance.CreateAsync();

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    private async Task<RmsClient> SignInAsync(string user)
    {
        var client = new RmsClient(new RmsClientOptions { Server = new Uri(FakeAppliance.Server), Handler = _appliance });
        await client.LoginAsync(user, FakeAppliance.Password);
        await client.BootstrapAsync();
        return client;
    }

    [Fact]
    public async Task ProtectAsync_ThenOpenAsGrantee_DecryptsAndEnforcesRights()
    {
        using var alice = await SignInAsync("alice@contoso.test");
        using var bob = await SignInAsync("bob@contoso.test");
        var plaintext = "board minutes"u8.ToArray();
        using var container = new MemoryStream();

        var protection = await alice.ProtectAsync(
            new MemoryStream(plaintext),
            container,
            new ProtectionOptions("minutes.txt", [new RightsGrant("bob@contoso.test", [UsageRights.View])]));
        container.Position = 0;
        var license = await bob.OpenAsync(container);
        using var decrypted = new MemoryStream();
        await license.DecryptAsync(container, decrypted, CancellationToken.None);

        Assert.Equal("alice@contoso.test", alice.UserEmail);
        Assert.Equal(protection.ContentId, license.ContentId);
        Assert.Equal("alice@contoso.test", license.Owner);
        Assert.Equal([UsageRights.View], license.Rights);
        Assert.True(license.Allows(UsageRights.View));
        Assert.False(license.Allows(UsageRights.Print));
        Assert.NotNull(license.ValidUntil);
        Assert.Equal(plaintext, decrypted.ToArray());
        var refused = Assert.Throws<InsufficientRightsException>(() => license.Demand("unprotect", UsageRights.Export, UsageRights.Owner));
        Assert.Equal([UsageRights.View], refused.Held);
    }

    [Fact]
    public async Task Constructor_TamperedStoredIdentity_IsRejected()
    {
        // Arrange - a user certificate re-signed by nobody: swapping the stored key for another must not pass.
        using var alice = await SignInAsync("alice@contoso.test");
        using var bob = await SignInAsync("bob@contoso.test");
        var mixed = alice.Identity! with { UserPrivateKey = bob.Identity!.UserPrivateKey };

        var ex = Assert.Throws<RmsException>(() => new RmsClient(new RmsClientOptions { Server = new Uri(FakeAppliance.Server), Identity = mixed }));

        Assert.Equal(ClientErrorCodes.InvalidLicense, ex.Code);
        Assert.Equal("the user private key from the appliance does not match the user certificate", ex.Message);
    }

    [Fact]
    public async Task TokensChanged_RaisedOnLoginAndRefresh()
    {
        using var client = new RmsClient(new RmsClientOptions { Server = new Uri(FakeAppliance.Server), Handler = _appliance });
        var seen = new List<TokenSet?>();
        client.TokensChanged += (_, tokens) => seen.Add(tokens);

        await client.LoginAsync("bob@contoso.test", FakeAppliance.Password);
        await client.RefreshTokensAsync();

        Assert.Equal(2, seen.Count);
        Assert.NotEqual(seen[0]!.AccessToken, seen[1]!.AccessToken);
    }
}
