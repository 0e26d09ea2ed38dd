using System.Security.Cryptography;
using Appliance.Data.Tenants;
using Appliance.Data.Users;

namespace Appliance.Data.Tests.Infrastructure;

/// <summary>Valid entities with unique names, so tests only spell out what they are about.</summary>
public static class TestEntities
{
    public static Tenant Tenant(string? name = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = name ?? "Tenant " + Unique(),
        Region = "emea",
        ActivatedAt = new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero),
    };

    public static TenantDomain Domain(Guid tenantId, string? domain = null) => new()
    {
        TenantId = tenantId,
        Domain = domain ?? Unique() + ".test",
    };

    public static TenantKey Key(Guid tenantId, int version, TenantKeyState state = TenantKeyState.Active) => new()
    {
        TenantId = tenantId,
        Version = version,
        KeyId = $"tk-{Unique()}-v{version}",
        Region = "emea",
        State = state,
        EncryptionAlgorithm = "RSA-2048",
        WrapAlgorithm = "RSA-OAEP",
        SigningAlgorithm = "ES256",
        EncryptionPublicKey = RandomNumberGenerator.GetBytes(294),
        SigningPublicKey = RandomNumberGenerator.GetBytes(91),
        Certificate = "eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
        CreatedAt = new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero),
    };

    public static ApplianceUser User(Guid? tenantId, string? email = null)
    {
        email ??= Unique() + "@contoso.test";
        return new ApplianceUser
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = "Test User",
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = new DateTimeOffset(2025, 3, 2, 8, 0, 0, TimeSpan.Zero),
        };
    }

    public static string Unique() => Guid.NewGuid().ToString("N")[..12];
}
