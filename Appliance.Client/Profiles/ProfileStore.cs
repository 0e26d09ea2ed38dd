using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Appliance.Client.Sdk;

namespace Appliance.Client.Profiles;

/// <summary>
/// The `rms` profile folder ($RMS_HOME, by default ~/.rms): profile.json (server, user, tokens),
/// identity.json (certificates) and user-key.pem (the PKCS#8 user private key), or for an external
/// recipient device-key.pem (the PKCS#8 key made on this device) instead of the last two, and licenses/ (the use
/// licences kept for offline use, see <see cref="LicenseCacheFolder"/>). The folders are 0700 and every file 0600,
/// each written atomically.
/// </summary>
public sealed class ProfileStore
{
    public const string ProfileFileName = "profile.json";
    public const string IdentityFileName = "identity.json";
    public const string UserKeyFileName = "user-key.pem";
    public const string DeviceKeyFileName = "device-key.pem";
    public const string LicensesFolderName = "licenses";

    private const string PemLabel = "PRIVATE KEY";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public ProfileStore(string home)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        Home = Path.GetFullPath(home);
    }

    public string Home { get; }

    public string ProfilePath => Path.Combine(Home, ProfileFileName);

    public string IdentityPath => Path.Combine(Home, IdentityFileName);

    public string UserKeyPath => Path.Combine(Home, UserKeyFileName);

    public string DeviceKeyPath => Path.Combine(Home, DeviceKeyFileName);

    /// <summary>The signed-in user's cached use licences; emptied whenever someone signs in or out.</summary>
    public LicenseCacheFolder Licenses => new(Path.Combine(Home, LicensesFolderName));

    public StoredProfile? LoadProfile() => Read<StoredProfile>(ProfilePath);

    public void SaveProfile(StoredProfile profile) =>
        SecureFile.WriteAllBytes(ProfilePath, JsonSerializer.SerializeToUtf8Bytes(profile, Json));

    public RmsIdentity? LoadIdentity()
    {
        var stored = Read<StoredIdentity>(IdentityPath);
        if (stored is null || !File.Exists(UserKeyPath))
        {
            return null;
        }

        var key = ReadKey(UserKeyPath);
        return new RmsIdentity(stored.Tenant, stored.UserCertificate, key, stored.TenantCertificates, stored.ActiveTenantKeyId);
    }

    /// <summary>An external recipient's device key (PKCS#8), or null when there is none.</summary>
    public byte[]? LoadDeviceKey() => File.Exists(DeviceKeyPath) ? ReadKey(DeviceKeyPath) : null;

    public void SaveDeviceKey(byte[] pkcs8)
    {
        ArgumentNullException.ThrowIfNull(pkcs8);
        WriteKey(DeviceKeyPath, pkcs8);
    }

    public void SaveIdentity(RmsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);

        // The key first: an identity.json without its key is ignored, the reverse would be used.
        WriteKey(UserKeyPath, identity.UserPrivateKey);
        var stored = new StoredIdentity(identity.Tenant, identity.UserCertificate, identity.TenantCertificates, identity.ActiveTenantKeyId);
        SecureFile.WriteAllBytes(IdentityPath, JsonSerializer.SerializeToUtf8Bytes(stored, Json));
    }

    public void DeleteIdentity()
    {
        Delete(IdentityPath);
        Delete(UserKeyPath);
    }

    /// <summary>Forgets everything: tokens, certificates, the private keys and the cached licences.</summary>
    public void Clear()
    {
        Delete(ProfilePath);
        DeleteIdentity();
        Delete(DeviceKeyPath);
        Licenses.Clear();
    }

    private static byte[] ReadKey(string path)
    {
        var pem = File.ReadAllText(path);
        try
        {
            var fields = PemEncoding.Find(pem);
            if (!pem.AsSpan()[fields.Label].SequenceEqual(PemLabel))
            {
                throw new FormatException("not a PKCS#8 private key");
            }

            return Convert.FromBase64String(pem[fields.Base64Data]);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new RmsException(ClientErrorCodes.NoIdentity, $"{path} is damaged; run rms login again", ex);
        }
    }

    private static void WriteKey(string path, byte[] pkcs8)
    {
        var pem = PemEncoding.Write(PemLabel, pkcs8);
        var bytes = Encoding.ASCII.GetBytes(pem);
        try
        {
            SecureFile.WriteAllBytes(path, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(pem);
        }
    }

    private static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static T? Read<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException ex)
        {
            throw new RmsException(ClientErrorCodes.NoIdentity, $"{path} is damaged; run rms login again", ex);
        }
    }
}
