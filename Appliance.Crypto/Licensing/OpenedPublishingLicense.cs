namespace Appliance.Crypto.Licensing;

/// <summary>A publishing licence opened with the tenant key. The caller owns <paramref name="ContentKey"/> and should zero it after use.</summary>
public sealed record OpenedPublishingLicense(byte[] ContentKey, ProtectionPolicy Policy);
