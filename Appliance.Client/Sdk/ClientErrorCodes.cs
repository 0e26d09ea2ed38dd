namespace Appliance.Client.Sdk;

/// <summary>Codes for failures detected by the client itself (the server's codes are in ProblemCodes).</summary>
public static class ClientErrorCodes
{
    /// <summary>The appliance could not be reached (DNS, TCP, TLS or a time-out).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The profile has no user identity: the user has not bootstrapped on this device.</summary>
    public const string NoIdentity = "no-identity";

    /// <summary>A certificate or licence from the appliance failed verification.</summary>
    public const string InvalidLicense = "invalid-license";

    /// <summary>The protected file is malformed, truncated or was tampered with.</summary>
    public const string DamagedFile = "damaged-file";

    /// <summary>The appliance answered something the client cannot read.</summary>
    public const string BadResponse = "bad-response";
}
