using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Rights;
using Appliance.Crypto.Signing;

namespace Appliance.Crypto.Tests.Vectors;

/// <summary>The fixed inputs of every vector. Changing one changes the committed bytes: regenerate.</summary>
internal static class VectorInputs
{
    internal static readonly byte[] ContentKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    internal static readonly Guid ContentId = Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    internal static readonly Guid TenantId = Guid.Parse("6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    internal static readonly Guid UserId = Guid.Parse("11111111-2222-4333-8444-555555555555");
    internal static readonly byte[] NoncePrefix = Convert.FromHexString("a0a1a2a3a4a5a6");
    internal static readonly byte[] PolicyNonce = Convert.FromHexString("b0b1b2b3b4b5b6b7b8b9babb");
    internal static readonly byte[] Kek = Convert.FromHexString("c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf");
    internal static readonly DateTimeOffset IssuedAt = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    internal const int SegmentSize = 64;
    internal const string FileName = "report.txt";
    internal const string ContentType = "text/plain";
    internal const string Issuer = "owner@contoso.example";

    internal static readonly (string Name, byte[] Plaintext)[] ContainerCases =
    [
        ("empty", []),
        ("short", "Hello, world!"u8.ToArray()),
        ("exactTwoSegments", Enumerable.Range(0, 2 * SegmentSize).Select(i => (byte)i).ToArray()),
        ("threeSegments", Enumerable.Range(0, 150).Select(i => (byte)(255 - i)).ToArray()),
    ];

    internal static ProtectionPolicy Policy() => new(
        "owner@contoso.example",
        [
            new RightsGrant("reader@contoso.example", [UsageRights.View, UsageRights.Print]),
            new RightsGrant("legal@contoso.example", [UsageRights.View, UsageRights.Edit, UsageRights.Extract]),
        ],
        new DateTimeOffset(2030, 12, 31, 23, 59, 59, TimeSpan.Zero),
        7,
        Guid.Parse("0f0e0d0c-0b0a-4908-8706-050403020100"),
        "Contoso Confidential");

    internal static UserCertificateContent UserCertificate(VectorKeys keys) => new(
        1, TenantId, UserId, "owner@contoso.example", keys.User.Spki, IssuedAt, IssuedAt.AddYears(1), keys.TenantSigningRs256.KeyId);

    internal static UseLicenseContent UseLicense(byte[] wrappedContentKey) => new(
        1,
        ContentId,
        TenantId,
        "reader@contoso.example",
        [UsageRights.View, UsageRights.Print],
        IssuedAt,
        IssuedAt.AddDays(7),
        KeyWrapAlgorithm.RsaOaepSha256,
        wrappedContentKey,
        Policy(),
        null);

    internal static TenantCertificateContent TenantCertificate(VectorKeys keys) => new(
        1,
        TenantId,
        "Contoso",
        "emea",
        keys.TenantSigningEs256.KeyId,
        1,
        keys.TenantEncryption.Spki,
        "RSA-2048",
        KeyWrapAlgorithm.RsaOaepSha1,
        keys.TenantSigningEs256.Spki,
        SignatureAlgorithm.Es256,
        IssuedAt);

    internal static PublishingLicenseRequest PublishingLicense(VectorKeys keys) => new(
        ContentId, TenantId, Issuer, keys.TenantEncryption.KeyId, keys.TenantEncryption.Spki, KeyWrapAlgorithm.RsaOaepSha1, Policy(), ContentKey);
}
