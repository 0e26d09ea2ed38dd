using System.Security.Cryptography;
using Appliance.Crypto.Container;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Rights;

namespace Appliance.Crypto.Tests.Support;

/// <summary>Builders for valid licences, certificates and files that tests then break.</summary>
internal static class Licences
{
    internal static readonly Guid TenantId = Guid.Parse("6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    internal static readonly DateTimeOffset IssuedAt = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    internal static ProtectionPolicy Policy() => new(
        "owner@example.com",
        [new RightsGrant("reader@example.com", [UsageRights.View, UsageRights.Print])],
        new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        7,
        Guid.Parse("0f0e0d0c-0b0a-4908-8706-050403020100"),
        "Confidential");

    internal static byte[] NewContentKey() => RandomNumberGenerator.GetBytes(32);

    internal static PublishingLicenseRequest Request(Guid contentId, byte[] contentKey, KeyWrapAlgorithm alg = KeyWrapAlgorithm.RsaOaepSha256) => new(
        contentId,
        TenantId,
        "owner@example.com",
        TestKeys.TenantEncryptionKeyId,
        TestKeys.TenantEncryptionSpki(),
        alg,
        Policy(),
        contentKey);

    /// <summary>A publishing licence signed by the tenant signing key (no signer certificate), issued at <see cref="IssuedAt"/>.</summary>
    internal static async Task<string> PublishingLicenseAsync(Guid contentId, byte[] contentKey)
    {
        using var signer = TestKeys.TenantSigner();
        return await PublishingLicense.CreateAsync(
            Request(contentId, contentKey), signer, null, IssuedAt, RandomNumberGenerator.GetBytes(12), CancellationToken.None);
    }

    internal static UseLicenseContent UseLicenseContent(Guid contentId, byte[] contentKey) => new(
        1,
        contentId,
        TenantId,
        "reader@example.com",
        [UsageRights.View, UsageRights.Print],
        IssuedAt,
        IssuedAt.AddDays(7),
        KeyWrapAlgorithm.RsaOaepSha256,
        RsaKeyWrap.Wrap(TestKeys.UserSpki(), contentKey, KeyWrapAlgorithm.RsaOaepSha256),
        Policy(),
        null);

    internal static UserCertificateContent UserCertificateContent() => new(
        1,
        TenantId,
        Guid.Parse("11111111-2222-4333-8444-555555555555"),
        "owner@example.com",
        TestKeys.UserSpki(),
        IssuedAt,
        IssuedAt.AddYears(1),
        TestKeys.TenantSigningKeyId);

    internal static TenantCertificateContent TenantCertificateContent() => new(
        1,
        TenantId,
        "Contoso",
        "emea",
        TestKeys.TenantSigningKeyId,
        1,
        TestKeys.TenantEncryptionSpki(),
        "RSA-2048",
        KeyWrapAlgorithm.RsaOaepSha1,
        TestKeys.TenantSigningSpki(),
        Crypto.Signing.SignatureAlgorithm.Es256,
        IssuedAt);

    /// <summary>A complete protected file in memory.</summary>
    internal static async Task<byte[]> ProtectAsync(byte[] plaintext, byte[] contentKey, Guid contentId, string publishingLicense, int segmentSize)
    {
        using var output = new MemoryStream();
        await ProtectedFile.EncryptAsync(
            new MemoryStream(plaintext),
            output,
            publishingLicense,
            contentId,
            new ProtectedFileMetadata("report.txt", "text/plain"),
            contentKey,
            CancellationToken.None,
            segmentSize);
        return output.ToArray();
    }
}
