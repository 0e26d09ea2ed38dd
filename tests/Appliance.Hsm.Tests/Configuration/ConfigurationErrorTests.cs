using System.Runtime.Versioning;
using Appliance.Crypto.Signing;
using Appliance.Hsm.Tests.Support;
using Appliance.TestSupport.Hsm;

namespace Appliance.Hsm.Tests.Configuration;

/// <summary>Each way a node can be misconfigured ends in its own typed error, and no message carries a PIN.</summary>
[SupportedOSPlatform("linux")]
public sealed class ConfigurationErrorTests : IClassFixture<VaultFixture>, IDisposable
{
    private readonly VaultFixture _fixture;
    private readonly string _scratch = Directory.CreateTempSubdirectory("appliance-hsm-config-").FullName;

    public ConfigurationErrorTests(VaultFixture fixture) => _fixture = fixture;

    private static SoftHsmTestEnvironment Hsm => SoftHsmTestEnvironment.Instance;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void MissingModule_ThrowsModuleNotFoundNamingThePath()
    {
        // Arrange
        var options = Hsm.OptionsFor("na");
        options.ModulePath = Path.Combine(_scratch, "libnothere.so");

        // Act
        var error = Assert.Throws<HsmException>(() => new Pkcs11TenantKeyVault(options));

        // Assert
        Assert.Equal(HsmErrorCode.ModuleNotFound, error.Code);
        Assert.Contains("libnothere.so", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModulePathThatIsNotALibrary_ThrowsModuleNotFound()
    {
        // Arrange
        var options = Hsm.OptionsFor("na");
        options.ModulePath = Path.Combine(_scratch, "libfake.so");
        File.WriteAllText(options.ModulePath, "not a shared object");

        // Act
        var error = Assert.Throws<HsmException>(() => new Pkcs11TenantKeyVault(options));

        // Assert
        Assert.Equal(HsmErrorCode.ModuleNotFound, error.Code);
    }

    [Fact]
    public void EmptyModulePath_ThrowsModuleNotFound()
    {
        var options = Hsm.OptionsFor("na");
        options.ModulePath = "";
        Assert.Equal(HsmErrorCode.ModuleNotFound, Assert.Throws<HsmException>(() => new Pkcs11TenantKeyVault(options)).Code);
    }

    [Fact]
    public void MissingToken_ThrowsTokenNotFoundNamingLabelAndRegion()
    {
        // Arrange - a typo in a partition label must say which label and which region.
        var options = Hsm.OptionsFor("na", "emea");
        options.Regions[1].TokenLabel = "region-nowhere";

        // Act
        var error = Assert.Throws<HsmException>(() => new Pkcs11TenantKeyVault(options));

        // Assert
        Assert.Equal(HsmErrorCode.TokenNotFound, error.Code);
        Assert.Equal("emea", error.Region);
        Assert.Contains("region-nowhere", error.Message, StringComparison.Ordinal);
        Assert.Contains("region-na", error.Message, StringComparison.Ordinal); // lists the tokens that are there
    }

    [Fact]
    public void WrongPin_OnATokenNobodyIsLoggedInto_ThrowsWrongPinFromTheToken()
    {
        // Arrange - the pinprobe token is never logged in to, so the token itself rejects the PIN (CKR_PIN_INCORRECT).
        var options = Hsm.OptionsFor(SoftHsmTestEnvironment.PinProbeRegion);
        options.Regions[0].PinFile = null;
        options.Regions[0].Pin = "wrong-pin-1234";

        // Act
        var error = Assert.Throws<HsmException>(() => new Pkcs11TenantKeyVault(options));

        // Assert
        Assert.Equal(HsmErrorCode.WrongPin, error.Code);
        Assert.Equal(SoftHsmTestEnvironment.PinProbeRegion, error.Region);
        Assert.DoesNotContain("wrong-pin-1234", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WrongPin_OnATokenAnotherVaultIsLoggedInto_ThrowsWrongPin()
    {
        // Arrange - the fixture's vault holds the login to region-na; a second C_Login would answer
        // CKR_USER_ALREADY_LOGGED_IN whatever the PIN, so the vault must compare the PIN itself.
        Assert.Contains("na", _fixture.Vault.Regions);
        var options = Hsm.OptionsFor("na");
        options.Regions[0].PinFile = null;
        options.Regions[0].Pin = "not-the-na-pin";

        // Act
        var error = Assert.Throws<HsmException>(() => new Pkcs11TenantKeyVault(options));

        // Assert
        Assert.Equal(HsmErrorCode.WrongPin, error.Code);
        Assert.Equal("na", error.Region);
        Assert.DoesNotContain("not-the-na-pin", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FailedRegion_DoesNotLeakTheLoginsOfTheOthers()
    {
        // Arrange - emea fails; the spare token, logged in first, must be released again (and so be usable later).
        var options = Hsm.OptionsFor(SoftHsmTestEnvironment.SpareRegion, "emea");
        options.Regions[1].TokenLabel = "region-nowhere";
        Assert.Throws<HsmException>(() => new Pkcs11TenantKeyVault(options));

        // Act
        using var vault = new Pkcs11TenantKeyVault(Hsm.OptionsFor(SoftHsmTestEnvironment.SpareRegion));
        using var key = TestKey.Create(vault, SoftHsmTestEnvironment.SpareRegion);

        // Assert
        Assert.Equal(64, vault.Sign(SoftHsmTestEnvironment.SpareRegion, key.KeyId, [1], SignatureAlgorithm.Es256).Length);
    }

    [Fact]
    public void InlinePin_InsteadOfPinFile_LogsIn()
    {
        // Arrange
        var options = Hsm.OptionsFor(SoftHsmTestEnvironment.SpareRegion);
        options.Regions[0].Pin = Hsm.UserPin(SoftHsmTestEnvironment.SpareRegion);
        options.Regions[0].PinFile = null;

        // Act
        using var vault = new Pkcs11TenantKeyVault(options);

        // Assert
        Assert.Equal([SoftHsmTestEnvironment.SpareRegion], vault.Regions);
    }

    [Fact]
    public void NoPinAtAll_ThrowsPinMissing()
    {
        var options = Hsm.OptionsFor("na");
        options.Regions[0].PinFile = null;
        var error = Assert.Throws<HsmException>(() => new Pkcs11TenantKeyVault(options));
        Assert.Equal(HsmErrorCode.PinMissing, error.Code);
        Assert.Equal("na", error.Region);
    }

    [Fact]
    public void MissingPinFile_ThrowsPinMissingNamingTheFile()
    {
        var options = Hsm.OptionsFor("na");
        options.Regions[0].PinFile = Path.Combine(_scratch, "absent.pin");
        var error = Assert.Throws<HsmException>(() => new Pkcs11TenantKeyVault(options));
        Assert.Equal(HsmErrorCode.PinMissing, error.Code);
        Assert.Contains("absent.pin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WorldReadablePinFile_ThrowsPinMissingWithoutReadingIt()
    {
        // Arrange - a PIN every local account can read protects nothing.
        var options = Hsm.OptionsFor("na");
        var file = Path.Combine(_scratch, "open.pin");
        File.WriteAllText(file, Hsm.UserPin("na"));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        options.Regions[0].PinFile = file;

        // Act
        var error = Assert.Throws<HsmException>(() => new Pkcs11TenantKeyVault(options));

        // Assert
        Assert.Equal(HsmErrorCode.PinMissing, error.Code);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BarePinFile_LogsIn()
    {
        // Arrange - Luna deployments keep just the crypto-officer PIN in the file.
        var options = Hsm.OptionsFor("na");
        var file = Path.Combine(_scratch, "bare.pin");
        File.WriteAllText(file, Hsm.UserPin("na") + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        options.Regions[0].PinFile = file;

        // Act
        using var vault = new Pkcs11TenantKeyVault(options);

        // Assert
        Assert.Equal(["na"], vault.Regions);
    }

    [Fact]
    public void DuplicateRegionNames_ThrowArgumentException()
    {
        var options = Hsm.OptionsFor("na", "na");
        var error = Assert.Throws<ArgumentException>(() => new Pkcs11TenantKeyVault(options));
        Assert.Contains("listed twice", error.Message, StringComparison.Ordinal);
    }
}
