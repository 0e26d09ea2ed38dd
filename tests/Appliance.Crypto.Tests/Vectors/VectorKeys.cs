using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Appliance.Crypto.Tests.Vectors;

/// <summary>One committed key pair (PKCS#8 and SubjectPublicKeyInfo, standard base64 DER).</summary>
internal sealed record VectorKey(string KeyId, string Type, byte[] Pkcs8, byte[] Spki)
{
    internal RSA Rsa()
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Pkcs8, out _);
        return rsa;
    }

    internal ECDsa Ec()
    {
        var ec = ECDsa.Create();
        ec.ImportPkcs8PrivateKey(Pkcs8, out _);
        return ec;
    }

    internal JsonObject ToJson() => new()
    {
        ["keyId"] = KeyId,
        ["type"] = Type,
        ["pkcs8"] = Convert.ToBase64String(Pkcs8),
        ["spki"] = Convert.ToBase64String(Spki),
    };

    internal static VectorKey FromJson(JsonNode node) => new(
        (string)node["keyId"]!,
        (string)node["type"]!,
        Convert.FromBase64String((string)node["pkcs8"]!),
        Convert.FromBase64String((string)node["spki"]!));
}

/// <summary>
/// The keys of docs/vectors/keys.json: TEST KEYS ONLY, published on purpose. The unit tests use them too, because
/// generating RSA keys on every run is slow; when the file is missing, fresh keys are generated (and written by the generator).
/// </summary>
internal sealed record VectorKeys(
    VectorKey TenantEncryption,
    VectorKey TenantEncryption3072,
    VectorKey TenantSigningEs256,
    VectorKey TenantSigningRs256,
    VectorKey User,
    VectorKey OtherRsa,
    VectorKey OtherEs256)
{
    internal const string FileName = "keys.json";

    private static readonly Lazy<VectorKeys> Shared = new(() => VectorFiles.Exists(FileName) ? FromJson(VectorFiles.Read(FileName)) : Generate());

    internal static VectorKeys Current => Shared.Value;

    internal JsonObject ToJson() => new()
    {
        ["comment"] = "TEST KEYS ONLY. Published with the test vectors; never use them for anything else.",
        ["tenantEncryption"] = TenantEncryption.ToJson(),
        ["tenantEncryption3072"] = TenantEncryption3072.ToJson(),
        ["tenantSigningEs256"] = TenantSigningEs256.ToJson(),
        ["tenantSigningRs256"] = TenantSigningRs256.ToJson(),
        ["user"] = User.ToJson(),
        ["otherRsa"] = OtherRsa.ToJson(),
        ["otherEs256"] = OtherEs256.ToJson(),
    };

    private static VectorKeys FromJson(JsonObject json) => new(
        VectorKey.FromJson(json["tenantEncryption"]!),
        VectorKey.FromJson(json["tenantEncryption3072"]!),
        VectorKey.FromJson(json["tenantSigningEs256"]!),
        VectorKey.FromJson(json["tenantSigningRs256"]!),
        VectorKey.FromJson(json["user"]!),
        VectorKey.FromJson(json["otherRsa"]!),
        VectorKey.FromJson(json["otherEs256"]!));

    private static VectorKeys Generate() => new(
        NewRsa("tenant-enc-v1", 2048),
        NewRsa("tenant-enc-3072-v1", 3072),
        NewEc("tenant-sig-es256-v1"),
        NewRsa("tenant-sig-rs256-v1", 2048),
        NewRsa("user-owner", 2048),
        NewRsa("other-rsa", 2048),
        NewEc("other-es256"));

    private static VectorKey NewRsa(string keyId, int bits)
    {
        using var rsa = RSA.Create(bits);
        return new VectorKey(keyId, $"RSA-{bits}", rsa.ExportPkcs8PrivateKey(), rsa.ExportSubjectPublicKeyInfo());
    }

    private static VectorKey NewEc(string keyId)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new VectorKey(keyId, "EC-P256", ec.ExportPkcs8PrivateKey(), ec.ExportSubjectPublicKeyInfo());
    }
}
