namespace Appliance.Client.Sdk;

/// <summary>
/// What a person needs to approve a device sign-in (RFC 8628): the page to open and the code to check
/// there. <see cref="VerificationUriComplete"/> already carries the code.
/// </summary>
public sealed record DeviceAuthorization(
    string UserCode,
    Uri VerificationUri,
    Uri? VerificationUriComplete,
    TimeSpan ExpiresIn,
    TimeSpan Interval)
{
    /// <summary>The device code is a bearer secret until it is redeemed; it stays inside the SDK.</summary>
    internal string DeviceCode { get; init; } = string.Empty;

    // SECURITY: the generated record ToString would print the device code.
    public override string ToString() => $"DeviceAuthorization {{ UserCode = {UserCode}, VerificationUri = {VerificationUri} }}";
}
