using System.Text;
using Appliance.Client.Profiles;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Tests.Profiles;

public sealed class ProfileStoreTests : IDisposable
{
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Support.TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static StoredProfile SampleProfile(string accessToken = "access-secret") =>
        new("https://rms.contoso.test/", "alice@contoso.test", accessToken, "refresh-secret", DateTimeOffset.UtcNow.AddHours(1));

    [Fact]
    public void SaveProfile_NewHome_CreatesFolder0700AndFile0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Arrange - tokens are bearer secrets: no other local user may read them, not even for a moment.
        var store = new ProfileStore(_temp.Combine("nested", ".rms"));

        store.SaveProfile(SampleProfile());

        Assert.Equal(DirectoryMode0700, File.GetUnixFileMode(store.Home));
        Assert.Equal(FileMode0600, File.GetUnixFileMode(store.ProfilePath));
    }

    [Fact]
    public void SaveProfile_ExistingOpenFolder_NarrowsItTo0700()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var home = _temp.Combine(".rms");
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, DirectoryMode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        new ProfileStore(home).SaveProfile(SampleProfile());

        Assert.Equal(DirectoryMode0700, File.GetUnixFileMode(home));
    }

    [Fact]
    public void SaveIdentity_WritesKeyAsPkcs8Pem0600AndRoundTrips()
    {
        var store = new ProfileStore(_temp.Combine(".rms"));
        using var rsa = Support.TestKeys.Rsa(0);
        var identity = new RmsIdentity(
            new TenantInfo(Guid.NewGuid(), "Contoso", "emea", ["contoso.test"]),
            "user.cert.jws",
            rsa.ExportPkcs8PrivateKey(),
            ["tenant.cert.jws"],
            "contoso-k1");

        store.SaveIdentity(identity);
        var loaded = store.LoadIdentity();

        Assert.NotNull(loaded);
        Assert.Equal(identity.UserPrivateKey, loaded.UserPrivateKey);
        Assert.Equal(identity.UserCertificate, loaded.UserCertificate);
        Assert.Equal(identity.TenantCertificates, loaded.TenantCertificates);
        Assert.Equal(identity.Tenant, loaded.Tenant with { Domains = identity.Tenant.Domains });
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(store.UserKeyPath), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", File.ReadAllText(store.IdentityPath), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(FileMode0600, File.GetUnixFileMode(store.UserKeyPath));
            Assert.Equal(FileMode0600, File.GetUnixFileMode(store.IdentityPath));
        }
    }

    [Fact]
    public void SaveProfile_Overwrite_ReplacesByRenameAndLeavesNoTemporaryFile()
    {
        // Arrange - a reader holding the old file open keeps seeing the complete old content: the new
        // content arrived as a new file renamed over the old one, never by truncating and rewriting it.
        var store = new ProfileStore(_temp.Combine(".rms"));
        store.SaveProfile(SampleProfile("first-token"));
        using var reader = new FileStream(store.ProfilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        store.SaveProfile(SampleProfile("second-token"));

        using (var old = new StreamReader(reader, Encoding.UTF8))
        {
            Assert.Contains("first-token", old.ReadToEnd(), StringComparison.Ordinal);
        }

        Assert.Equal("second-token", store.LoadProfile()!.AccessToken);
        Assert.Equal([ProfileStore.ProfileFileName], Directory.GetFiles(store.Home).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllBytes_TargetIsAFolder_FailsAndLeavesNoTemporaryFile()
    {
        // Arrange - the rename fails after the temporary file was written: it must not be left behind.
        var home = _temp.Combine(".rms");
        Directory.CreateDirectory(Path.Combine(home, "profile.json"));

        Assert.ThrowsAny<IOException>(() => SecureFile.WriteAllBytes(Path.Combine(home, "profile.json"), [1, 2, 3]));

        Assert.Empty(Directory.GetFiles(home));
    }

    [Fact]
    public void Clear_RemovesTokensCertificatesAndKey()
    {
        var store = new ProfileStore(_temp.Combine(".rms"));
        store.SaveProfile(SampleProfile());
        using var rsa = Support.TestKeys.Rsa(0);
        store.SaveIdentity(new RmsIdentity(new TenantInfo(Guid.NewGuid(), "Contoso", "emea", []), "c", rsa.ExportPkcs8PrivateKey(), [], "k"));

        store.Clear();

        Assert.Null(store.LoadProfile());
        Assert.Null(store.LoadIdentity());
        Assert.Empty(Directory.GetFiles(store.Home));
    }

    [Fact]
    public void ToString_OfSecretHolders_NeverShowsSecrets()
    {
        using var rsa = Support.TestKeys.Rsa(0);
        var key = rsa.ExportPkcs8PrivateKey();
        var identity = new RmsIdentity(new TenantInfo(Guid.NewGuid(), "Contoso", "emea", []), "c", key, [], "k");
        var tokens = new TokenSet("access-secret", "refresh-secret", DateTimeOffset.UtcNow);

        var text = string.Join(" ", SampleProfile().ToString(), tokens.ToString(), identity.ToString());

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(key)[..16], text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Byte[]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadProfile_DamagedJson_ThrowsOneSentenceNamingTheFile()
    {
        var store = new ProfileStore(_temp.Combine(".rms"));
        Directory.CreateDirectory(store.Home);
        File.WriteAllText(store.ProfilePath, "{ not json");

        var ex = Assert.Throws<RmsException>(store.LoadProfile);

        Assert.Contains(store.ProfilePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("run rms login again", ex.Message, StringComparison.Ordinal);
    }
}
