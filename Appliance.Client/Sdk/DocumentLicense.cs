using System.Security.Cryptography;
using Appliance.Crypto.Container;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Rights;

namespace Appliance.Client.Sdk;

/// <summary>
/// A verified use licence for one protected document: the rights the appliance granted this user, the
/// policy, and how long it may be used offline. The content key stays wrapped until <see cref="DecryptAsync"/>.
/// </summary>
public sealed class DocumentLicense
{
    private readonly UseLicenseContent _content;
    private readonly Func<RSA> _openPrivateKey;

    /// <param name="openPrivateKey">The key the content key is wrapped to: the user key, or an external recipient's device key.</param>
    /// <param name="fromCache">True when the licence was read from the licence cache instead of asked for.</param>
    internal DocumentLicense(ProtectedFileHeader header, UseLicenseContent content, string useLicense, Func<RSA> openPrivateKey, bool fromCache)
    {
        Header = header;
        _content = content;
        UseLicense = useLicense;
        _openPrivateKey = openPrivateKey;
        FromCache = fromCache;
    }

    public ProtectedFileHeader Header { get; }

    public Guid ContentId => _content.ContentId;

    public string FileName => Header.FileName;

    public ProtectionPolicy Policy => _content.Policy;

    public string Owner => _content.Policy.Owner;

    /// <summary>The rights granted to the caller, in catalogue order.</summary>
    public IReadOnlyList<string> Rights => _content.Rights;

    public string IssuedTo => _content.IssuedTo;

    /// <summary>Set when a super user was granted access on the owner's behalf.</summary>
    public string? ActingAs => _content.ActingAs;

    public DateTimeOffset IssuedAt => _content.IssuedAt;

    /// <summary>Offline use allowed until then; null means the appliance must be asked every time.</summary>
    public DateTimeOffset? ValidUntil => _content.ValidUntil;

    /// <summary>The use licence as the appliance signed it (a JWS), for callers that cache it.</summary>
    public string UseLicense { get; }

    /// <summary>True when the licence came from the <see cref="ILicenseCache"/>, without asking the appliance.</summary>
    public bool FromCache { get; }

    /// <summary>True when the licence grants <paramref name="right"/> (OWNER implies every right).</summary>
    public bool Allows(string right) => UsageRights.Grants(Rights, right);

    /// <summary>Throws <see cref="InsufficientRightsException"/> unless one of <paramref name="anyOf"/> is granted.</summary>
    public void Demand(string operation, params string[] anyOf)
    {
        if (!anyOf.Any(Allows))
        {
            throw new InsufficientRightsException(operation, Rights, anyOf);
        }
    }

    /// <summary>
    /// Unwraps the content key with the user's private key and decrypts <paramref name="protectedInput"/>
    /// (positioned at the start of the container) into <paramref name="output"/>. Only authenticated
    /// segments are written; a damaged file stops with an <see cref="RmsException"/>.
    /// </summary>
    public async Task DecryptAsync(Stream protectedInput, Stream output, CancellationToken ct)
    {
        var contentKey = UnwrapContentKey();
        try
        {
            await ProtectedFile.DecryptAsync(protectedInput, output, contentKey, ct);
        }
        catch (ProtectedFileException ex)
        {
            throw ProtectedFileErrors.ToRmsException(ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }

    private byte[] UnwrapContentKey()
    {
        using var rsa = _openPrivateKey();
        try
        {
            return Appliance.Crypto.Licensing.UseLicense.UnwrapContentKey(_content, rsa);
        }
        catch (Exception ex) when (ex is LicenseException or CryptographicException)
        {
            // SECURITY: one generic sentence for any unwrap failure.
            throw new RmsException(ClientErrorCodes.InvalidLicense, "the content key in the use licence cannot be unwrapped with your key", ex);
        }
    }
}
