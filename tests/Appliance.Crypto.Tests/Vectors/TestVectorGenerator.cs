using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Appliance.Crypto.Derivation;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Signing;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.Vectors;

/// <summary>
/// The script behind docs/vectors: builds every vector from <see cref="VectorInputs"/> and the committed keys, and
/// writes the files. Runs only when RMS_WRITE_TEST_VECTORS=1; the normal test run reads the files and recomputes.
/// Randomised parts (RSA-OAEP wrapping, ES256 signatures) change on each regeneration; everything else is stable.
/// </summary>
internal static class TestVectorGenerator
{
    private static readonly Lazy<Task> Once = new(WriteAllAsync);

    internal static Task EnsureWrittenAsync() => VectorFiles.RegenerateRequested ? Once.Value : Task.CompletedTask;

    private static async Task WriteAllAsync()
    {
        var keys = VectorKeys.Current;
        VectorFiles.Write(VectorKeys.FileName, keys.ToJson());
        VectorFiles.Write("derivation.json", Derivation());
        var licenses = await LicensesAsync(keys);
        VectorFiles.Write("licenses.json", licenses);
        var container = await ContainerAsync((string)licenses["publishingLicense"]!["jws"]!);
        VectorFiles.Write("container.json", container);
        VectorFiles.Write("key-envelope.json", KeyEnvelope(keys));

        var formatPath = VectorFiles.RepositoryFile("docs", "format.md");
        var format = await File.ReadAllTextAsync(formatPath);
        await File.WriteAllTextAsync(formatPath, FormatDocExample.Replace(format, FormatDocExample.Render(container)));
    }

    private static JsonObject Derivation()
    {
        var outputs = new JsonArray();
        foreach (var (info, length) in new[] { ("rms/v1/policy", 32), ("rms/v1/header", 32), ("rms/v1/keycheck", 16), ("rms/v1/content", 32) })
        {
            var okm = new byte[length];
            ContentKeyDerivation.Derive(VectorInputs.ContentKey, VectorInputs.ContentId, System.Text.Encoding.ASCII.GetBytes(info), okm);
            outputs.Add(new JsonObject { ["info"] = info, ["length"] = length, ["okm"] = Hex(okm) });
        }

        return new JsonObject
        {
            ["description"] = "HKDF-SHA256(ikm = content key, salt = content id as 16 bytes in RFC 9562 order, info) for each purpose.",
            ["contentKey"] = Hex(VectorInputs.ContentKey),
            ["contentId"] = VectorInputs.ContentId.ToString(),
            ["salt"] = Hex(VectorInputs.ContentId.ToByteArray(bigEndian: true)),
            ["outputs"] = outputs,
        };
    }

    private static async Task<JsonObject> LicensesAsync(VectorKeys keys)
    {
        using var tenantRs256 = new SoftwareSignatureKey(keys.TenantSigningRs256.KeyId, keys.TenantSigningRs256.Rsa());
        using var tenantEs256 = new SoftwareSignatureKey(keys.TenantSigningEs256.KeyId, keys.TenantSigningEs256.Ec());
        using var user = new SoftwareSignatureKey(keys.User.KeyId, keys.User.Rsa());

        var userCertificate = await UserCertificate.IssueAsync(VectorInputs.UserCertificate(keys), tenantRs256, CancellationToken.None);
        var wrappedForUser = RsaKeyWrap.Wrap(keys.User.Spki, VectorInputs.ContentKey, KeyWrapAlgorithm.RsaOaepSha256);
        var useLicense = await UseLicense.IssueAsync(VectorInputs.UseLicense(wrappedForUser), tenantRs256, CancellationToken.None);
        var tenantCertificate = await TenantCertificate.IssueAsync(VectorInputs.TenantCertificate(keys), tenantEs256, CancellationToken.None);
        var publishingLicense = await PublishingLicense.CreateAsync(
            VectorInputs.PublishingLicense(keys), user, userCertificate, VectorInputs.IssuedAt, VectorInputs.PolicyNonce, CancellationToken.None);

        var licenses = new JsonObject
        {
            ["description"] = "JWS vectors. RS256 ones are deterministic and checked byte for byte; ES256 and RSA-OAEP are randomised and checked by verifying/unwrapping.",
            ["userCertificate"] = Signed(userCertificate, keys.TenantSigningRs256.KeyId, "byte-exact (RS256)"),
            ["useLicense"] = Signed(useLicense, keys.TenantSigningRs256.KeyId, "byte-exact (RS256); wrappedContentKey unwraps with the user key to contentKey", VectorInputs.ContentKey),
            ["tenantCertificate"] = Signed(tenantCertificate, keys.TenantSigningEs256.KeyId, "verify only (ES256): self-signed"),
            ["publishingLicense"] = Signed(publishingLicense, keys.User.KeyId, "signed by the user key (RS256) with the user certificate embedded; opens with tenantEncryption", VectorInputs.ContentKey, VectorInputs.Policy()),
        };
        // What the appliance binds the content id's registration to (docs/protocol.md, "Registration binding").
        licenses["publishingLicense"]!["registrationDigest"] = Hex(PublishingLicense.Parse(publishingLicense).RegistrationDigest());
        return licenses;
    }

    private static JsonObject Signed(string jws, string signingKey, string check, byte[]? contentKey = null, ProtectionPolicy? policy = null)
    {
        var result = new JsonObject
        {
            ["check"] = check,
            ["signingKey"] = signingKey,
            ["jws"] = jws,
            ["header"] = JsonNode.Parse(JwsText.HeaderJson(jws)),
            ["payload"] = JsonNode.Parse(JwsText.PayloadJson(jws)),
        };
        if (contentKey is not null)
        {
            result["contentKey"] = Hex(contentKey);
        }

        if (policy is not null)
        {
            result["policyNonce"] = Hex(VectorInputs.PolicyNonce);
            result["policyPlaintext"] = JsonNode.Parse(System.Text.Encoding.UTF8.GetString(Wire.WireJson.Serialize(policy)));
        }

        return result;
    }

    private static async Task<JsonObject> ContainerAsync(string publishingLicense)
    {
        var cases = new JsonArray();
        foreach (var (name, plaintext) in VectorInputs.ContainerCases)
        {
            var file = await TestVectorTests.ProtectDeterministicallyAsync(plaintext, publishingLicense);
            var headerLength = Container.ProtectedFileRoundTripTests.HeaderLength(file);
            cases.Add(new JsonObject
            {
                ["name"] = name,
                ["plaintext"] = Hex(plaintext),
                ["headerLength"] = headerLength,
                ["aad"] = Hex(SHA256.HashData(file.AsSpan(0, headerLength))),
                ["protectedFile"] = Hex(file),
            });
        }

        return new JsonObject
        {
            ["description"] = "Protected files. The header embeds licenses.json publishingLicense.jws; aad = SHA-256 of the header bytes (magic..MAC).",
            ["contentKey"] = Hex(VectorInputs.ContentKey),
            ["contentId"] = VectorInputs.ContentId.ToString(),
            ["noncePrefix"] = Hex(VectorInputs.NoncePrefix),
            ["segmentSize"] = VectorInputs.SegmentSize,
            ["fileName"] = VectorInputs.FileName,
            ["contentType"] = VectorInputs.ContentType,
            ["cases"] = cases,
        };
    }

    private static JsonObject KeyEnvelope(VectorKeys keys)
    {
        var sealedKey = PrivateKeyEnvelope.Seal(keys.TenantEncryption.KeyId, keys.TenantEncryption.Spki, KeyWrapAlgorithm.RsaOaepSha1, keys.User.Pkcs8, VectorInputs.Kek);
        return new JsonObject
        {
            ["description"] = "The user key (keys.json user.pkcs8) sealed for tenantEncryption: wrappedKey = AES-KWP(kek, pkcs8) (RFC 5649, byte-exact); wrappedKek = RSA-OAEP(SHA-1) of kek (randomised: check by unwrapping).",
            ["tenantKeyId"] = sealedKey.TenantKeyId,
            ["algorithm"] = "RSA-OAEP",
            ["kek"] = Hex(VectorInputs.Kek),
            ["wrappedKek"] = Hex(sealedKey.WrappedKek),
            ["wrappedKey"] = Hex(sealedKey.WrappedKey),
        };
    }

    internal static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
