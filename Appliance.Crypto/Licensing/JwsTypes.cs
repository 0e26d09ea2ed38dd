namespace Appliance.Crypto.Licensing;

/// <summary>The JWS "typ" values that keep one signed structure from being accepted as another.</summary>
internal static class JwsTypes
{
    internal const string PublishingLicense = "rms-pl+jws";
    internal const string UseLicense = "rms-ul+jws";
    internal const string UserCertificate = "rms-uc+jws";
    internal const string TenantCertificate = "rms-tc+jws";

    /// <summary>The only payload version this library writes and reads.</summary>
    internal const int CurrentVersion = 1;
}
