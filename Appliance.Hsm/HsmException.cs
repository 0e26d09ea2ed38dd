namespace Appliance.Hsm;

/// <summary>
/// The one exception type that leaves Appliance.Hsm: PKCS#11 return codes are mapped to an
/// <see cref="HsmErrorCode"/> here. Messages name regions, tokens, keys and return codes, never PINs or key bytes.
/// </summary>
public sealed class HsmException : Exception
{
    public HsmException(HsmErrorCode code, string message, string? region = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Region = region;
    }

    public HsmErrorCode Code { get; }

    public string? Region { get; }
}
