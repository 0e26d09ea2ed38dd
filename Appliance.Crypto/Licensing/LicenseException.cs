namespace Appliance.Crypto.Licensing;

/// <summary>The one exception type that licence and certificate parsers throw for bad input.</summary>
public sealed class LicenseException : Exception
{
    public LicenseException(LicenseError error, string message)
        : base(message)
    {
        Error = error;
    }

    public LicenseException(LicenseError error, string message, Exception? innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    public LicenseError Error { get; }
}
