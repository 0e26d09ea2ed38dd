namespace Appliance.Client.Sdk;

/// <summary>
/// Where <see cref="RmsClient"/> keeps the use licences of one signed-in user that may be used offline, one per
/// document, exactly as the appliance signed them. The cache decides nothing: the client verifies a cached licence
/// (signature, document, recipient, validity) every time it reads one, uses it only before its
/// <c>ValidUntil</c>, and removes it otherwise. Only bootstrapped users cache; external recipients always ask.
/// </summary>
public interface ILicenseCache
{
    /// <summary>The cached use licence (a JWS) for the document, or null when there is none or it cannot be read.</summary>
    string? Read(Guid contentId);

    /// <summary>Keeps <paramref name="useLicense"/> for the document, replacing an older one.</summary>
    void Write(Guid contentId, string useLicense);

    void Remove(Guid contentId);
}
