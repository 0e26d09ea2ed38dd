using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Appliance.Crypto.Container;
using Appliance.Crypto.Derivation;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Signing;
using Appliance.Crypto.Tests.Licensing;
using Appliance.Crypto.Tests.Support;
using Appliance.Crypto.Wire;

namespace Appliance.Crypto.Tests.Vectors;

/// <summary>Recomputes the committed vectors of docs/vectors (documented in docs/format.md) with the library.</summary>
public class TestVectorTests
{
    [Fact]
    public async Task DerivationVectors_Recomputed_MatchCommittedBytes()
    {
        var vectors = await ReadAsync("derivation.json");

        Assert.Equal(Hex(VectorInputs.ContentKey), (string)vectors["contentKey"]!);
        Assert.Equal(Hex(VectorInputs.ContentId.ToByteArray(bigEndian: true)), (string)vectors["salt"]!);
        foreach (var output in vectors["outputs"]!.AsArray())
        {
            var okm = new byte[(int)output!["length"]!];
            ContentKeyDerivation.Derive(VectorInputs.ContentKey, VectorInputs.ContentId, Encoding.ASCII.GetBytes((string)output["info"]!), okm);
            Assert.Equal((string)output["okm"]!, Hex(okm));
        }
    }

    [Fact]
    public async Task ContainerVectors_EncryptedWithCommittedInputs_MatchBytes()
    {
        var vectors = await ReadAsync("container.json");
        var licences = await ReadAsync("licenses.json");
        var publishingLicense = (string)licences["publishingLicense"]!["jws"]!;
        var cases = vectors["cases"]!.AsArray();

        Assert.Equal(VectorInputs.ContainerCases.Length, cases.Count);
        foreach (var (name, plaintext) in VectorInputs.ContainerCases)
        {
            var committed = cases.Single(c => (string)c!["name"]! == name)!;
            var file = await ProtectDeterministicallyAsync(plaintext, publishingLicense);

            Assert.Equal(Hex(plaintext), (string)committed["plaintext"]!);
            Assert.Equal((string)committed["protectedFile"]!, Hex(file));
            Assert.Equal((int)committed["headerLength"]!, Container.ProtectedFileRoundTripTests.HeaderLength(file));
            Assert.Equal((string)committed["aad"]!, Hex(SHA256.HashData(file.AsSpan(0, (int)committed["headerLength"]!))));
        }
    }

    [Fact]
    public async Task ContainerVectors_Decrypted_ReturnCommittedPlaintext()
    {
        var vectors = await ReadAsync("container.json");
        var contentKey = Convert.FromHexString((string)vectors["contentKey"]!);

        foreach (var vector in vectors["cases"]!.AsArray())
        {
            var file = Convert.FromHexString((string)vector!["protectedFile"]!);
            using var output = new MemoryStream();
            await ProtectedFile.DecryptAsync(new MemoryStream(file), output, contentKey, CancellationToken.None);
            var header = await ProtectedFile.ReadHeaderAsync(new MemoryStream(file), CancellationToken.None);

            Assert.Equal((string)vector["plaintext"]!, Hex(output.ToArray()));
            Assert.Equal(VectorInputs.ContentId, header.ContentId);
            Assert.Equal(VectorInputs.SegmentSize, header.SegmentSize);
        }
    }

    [Fact]
    public async Task UserCertificateVector_IssuedAgain_MatchesByteForByte()
    {
        var vector = (await ReadAsync("licenses.json"))["userCertificate"]!;
        var keys = VectorKeys.Current;
        using var signer = new SoftwareSignatureKey(keys.TenantSigningRs256.KeyId, keys.TenantSigningRs256.Rsa());

        var jws = await UserCertificate.IssueAsync(VectorInputs.UserCertificate(keys), signer, CancellationToken.None);
        var verified = UserCertificate.Verify((string)vector["jws"]!, keys.TenantSigningRs256.Spki);

        Assert.Equal((string)vector["jws"]!, jws);
        AssertDecodedParts(vector);
        Assert.Equal(VectorInputs.UserId, verified.UserId);
        Assert.Equal(keys.User.Spki, verified.PublicKey);
    }

    [Fact]
    public async Task UseLicenseVector_IssuedAgain_MatchesByteForByteAndUnwraps()
    {
        var vector = (await ReadAsync("licenses.json"))["useLicense"]!;
        var keys = VectorKeys.Current;
        using var signer = new SoftwareSignatureKey(keys.TenantSigningRs256.KeyId, keys.TenantSigningRs256.Rsa());
        var committed = UseLicense.Verify((string)vector["jws"]!, keys.TenantSigningRs256.Spki);

        var jws = await UseLicense.IssueAsync(VectorInputs.UseLicense(committed.WrappedContentKey), signer, CancellationToken.None);
        using var user = keys.User.Rsa();

        Assert.Equal((string)vector["jws"]!, jws);
        AssertDecodedParts(vector);
        Assert.Equal((string)vector["contentKey"]!, Hex(UseLicense.UnwrapContentKey(committed, user)));
    }

    [Fact]
    public async Task TenantCertificateVector_Es256SelfSignature_Verifies()
    {
        var vector = (await ReadAsync("licenses.json"))["tenantCertificate"]!;
        var keys = VectorKeys.Current;

        var verified = TenantCertificate.Verify((string)vector["jws"]!);

        var expected = VectorInputs.TenantCertificate(keys);
        Assert.Equal(expected with { EncryptionPublicKey = verified.EncryptionPublicKey, SigningPublicKey = verified.SigningPublicKey }, verified);
        Assert.Equal(keys.TenantEncryption.Spki, verified.EncryptionPublicKey);
        Assert.Equal(keys.TenantSigningEs256.Spki, verified.SigningPublicKey);
        Assert.Equal(Encoding.UTF8.GetString(WireJson.Serialize(expected)), JwsText.PayloadJson((string)vector["jws"]!));
        AssertDecodedParts(vector);
    }

    [Fact]
    public async Task PublishingLicenseVector_Opened_ReturnsCommittedKeyAndPolicy()
    {
        var vector = (await ReadAsync("licenses.json"))["publishingLicense"]!;
        var keys = VectorKeys.Current;
        var parsed = PublishingLicense.Parse((string)vector["jws"]!);
        var signer = UserCertificate.Verify(parsed.Content.SignerCertificate!, keys.TenantSigningRs256.Spki);

        var opened = await PublishingLicense.OpenAsync(parsed, new SoftwareKeyUnwrapper(keys.TenantEncryption.KeyId, keys.TenantEncryption.Rsa()), CancellationToken.None);

        Assert.True(parsed.VerifySignature(signer.PublicKey));
        Assert.Equal((string)vector["contentKey"]!, Hex(opened.ContentKey));
        PublishingLicenseTests.AssertSamePolicy(VectorInputs.Policy(), opened.Policy);
        Assert.Equal(vector["policyPlaintext"]!.ToJsonString(), Encoding.UTF8.GetString(WireJson.Serialize(opened.Policy)));
        Assert.Equal((string)(await ReadAsync("licenses.json"))["userCertificate"]!["jws"]!, parsed.Content.SignerCertificate);
        AssertDecodedParts(vector);
    }

    [Fact]
    public async Task PublishingLicenseVector_RegistrationDigest_IsSha256OfTheSigningInput()
    {
        // Arrange - the appliance binds a registration to this digest; another implementation must compute the same.
        var vector = (await ReadAsync("licenses.json"))["publishingLicense"]!;
        var jws = (string)vector["jws"]!;

        // Act
        var digest = PublishingLicense.Parse(jws).RegistrationDigest();

        // Assert
        Assert.Equal((string)vector["registrationDigest"]!, Hex(digest));
        Assert.Equal(Hex(SHA256.HashData(Encoding.ASCII.GetBytes(jws[..jws.LastIndexOf('.')]))), Hex(digest));
    }

    [Fact]
    public async Task PublishingLicenseVector_DeterministicParts_RecomputeExactly()
    {
        // Arrange - RSA-OAEP is randomised, but the policy ciphertext (fixed nonce) and the RS256 signature are not.
        var vector = (await ReadAsync("licenses.json"))["publishingLicense"]!;
        var keys = VectorKeys.Current;
        var jws = (string)vector["jws"]!;
        var parsed = PublishingLicense.Parse(jws);
        using var user = keys.User.Rsa();

        var policy = PolicyCipher.Encrypt(VectorInputs.ContentKey, VectorInputs.ContentId, VectorInputs.TenantId, VectorInputs.Policy(), VectorInputs.PolicyNonce);
        var signature = user.SignData(Encoding.ASCII.GetBytes(jws[..jws.LastIndexOf('.')]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        Assert.Equal(Hex(policy), Hex(parsed.Content.EncryptedPolicy));
        Assert.Equal(jws[(jws.LastIndexOf('.') + 1)..], Base64UrlStrict.Encode(signature));
        Assert.Equal(VectorInputs.IssuedAt, parsed.Content.IssuedAt);
    }

    [Fact]
    public async Task KeyEnvelopeVector_Recomputed_MatchesAndOpens()
    {
        var vector = await ReadAsync("key-envelope.json");
        var keys = VectorKeys.Current;
        var sealedKey = new WrappedPrivateKey(
            (string)vector["tenantKeyId"]!, KeyWrapAlgorithm.RsaOaepSha1, Convert.FromHexString((string)vector["wrappedKek"]!), Convert.FromHexString((string)vector["wrappedKey"]!));
        using var aes = Aes.Create();
        aes.SetKey(VectorInputs.Kek);

        var opened = await PrivateKeyEnvelope.OpenAsync(sealedKey, new SoftwareKeyUnwrapper(keys.TenantEncryption.KeyId, keys.TenantEncryption.Rsa()), CancellationToken.None);

        Assert.Equal((string)vector["kek"]!, Hex(VectorInputs.Kek));
        Assert.Equal((string)vector["wrappedKey"]!, Hex(aes.EncryptKeyWrapPadded(keys.User.Pkcs8)));
        Assert.Equal(keys.User.Pkcs8, opened);
    }

    [Fact]
    public async Task FormatDocument_WorkedExample_MatchesCommittedVector()
    {
        // Arrange - docs/format.md walks through the empty-file vector byte by byte; the text must not drift from it.
        var container = await ReadAsync("container.json");
        var format = (await File.ReadAllTextAsync(VectorFiles.RepositoryFile("docs", "format.md"))).ReplaceLineEndings("\n");

        Assert.Contains(FormatDocExample.Render(container), format, StringComparison.Ordinal);
    }

    internal static async Task<byte[]> ProtectDeterministicallyAsync(byte[] plaintext, string publishingLicense)
    {
        using var output = new MemoryStream();
        await ProtectedFile.EncryptAsync(
            new MemoryStream(plaintext),
            output,
            publishingLicense,
            VectorInputs.ContentId,
            new ProtectedFileMetadata(VectorInputs.FileName, VectorInputs.ContentType),
            VectorInputs.ContentKey,
            VectorInputs.SegmentSize,
            VectorInputs.NoncePrefix,
            CancellationToken.None);
        return output.ToArray();
    }

    /// <summary>The "header" and "payload" shown beside each JWS are its decoded parts.</summary>
    private static void AssertDecodedParts(JsonNode vector)
    {
        var jws = (string)vector["jws"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JwsText.HeaderJson(jws)), vector["header"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JwsText.PayloadJson(jws)), vector["payload"]));
    }

    private static async Task<JsonObject> ReadAsync(string name)
    {
        await TestVectorGenerator.EnsureWrittenAsync();
        Assert.True(VectorFiles.Exists(name), $"docs/vectors/{name} is missing; regenerate with {VectorFiles.RegenerateVariable}=1.");
        return VectorFiles.Read(name);
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => TestVectorGenerator.Hex(bytes);
}
