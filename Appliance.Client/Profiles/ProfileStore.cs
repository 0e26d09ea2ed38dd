using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Appliance.Client.Sdk;

namespace Appliance.Client.Profiles;

/// <summary>
/// The `rms` profile folder ($RMS_HOME, by default ~/.rms): profile.json (server, user, tokens),
/// identity.json (certificates) and user-key.pem (the PKCS#8 user private key). The folder is 0700 and
/// every file 0600, each written atomically.
/// </summary>
public sealed class ProfileStore
{
    public const string ProfileFileName = "profile.json";
    public const string IdentityFileName = "identity.json";
    public const string UserKeyFileName = "user-key.pem";

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

        var pem = File.ReadAllText(UserKeyPath);
        byte[] key;
        try
        {
            var fields = PemEncoding.Find(pem);
            if (!pem.AsSpan()[fields.Label].SequenceEqual(PemLabel))
            {
                throw new FormatException("not a PKCS#8 private key");
            }

            key = Convert.FromBase64String(pem[fields.Base64Data]);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new RmsException(ClientErrorCodes.NoIdentity, $"{UserKeyPath} is damaged; run rms login again", ex);
        }

        return new RmsIdentity(stored.Tenant, stored.UserCertificate, key, stored.TenantCertificates, stored.ActiveTenantKeyId);
    }

    public void SaveIdentity(RmsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var pem = PemEncoding.Write(PemLabel, identity.UserPrivateKey);
        var bytes = Encoding.ASCII.GetBytes(pem);
        try
        {
            // The key first: an identity.json without its key is ignored, the reverse would be used.
            SecureFile.WriteAllBytes(UserKeyPath, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(pem);
        }

        var stored = new StoredIdentity(identity.Tenant, identity.UserCertificate, identity.TenantCertificates, identity.ActiveTenantKeyId);
        SecureFile.WriteAllBytes(IdentityPath, JsonSerializer.SerializeToUtf8Bytes(stored, Json));
    }

    public void DeleteIdentity()
    {
        Delete(IdentityPath);
        Delete(UserKeyPath);
    }

    /// <summary>Forgets everything: tokens, certificates and the private key.</summary>
    public void Clear()
    {
        Delete(ProfilePath);
        DeleteIdentity();
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
