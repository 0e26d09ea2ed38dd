using System.Security.Cryptography;
using System.Text;

namespace Appliance.Crypto.Licensing;

/// <summary>
/// A publishing licence whose structure has been checked by <see cref="PublishingLicense.Parse"/> but whose signature
/// has not: the verifier first chooses the key (the signer certificate's key, or the tenant signing key when
/// <see cref="PublishingLicenseContent.SignerCertificate"/> is null), then calls <see cref="VerifySignature"/>.
/// </summary>
public sealed record ParsedPublishingLicense(string Jws, JwsHeader Header, PublishingLicenseContent Content)
{
    // The exact objects Parse produced from Jws. A record built by hand or changed with `with` no longer matches
    // them, so its Content cannot borrow the signature of another licence.
    private JwsHeader? _parsedHeader;
    private PublishingLicenseContent? _parsedContent;

    /// <summary>
    /// True when <see cref="Jws"/> carries a valid signature by <paramref name="signerSpki"/> (SubjectPublicKeyInfo DER)
    /// and <see cref="Header"/>/<see cref="Content"/> are the ones <see cref="PublishingLicense.Parse"/> read from it.
    /// </summary>
    public bool VerifySignature(ReadOnlySpan<byte> signerSpki)
    {
        if (!ReferenceEquals(Header, _parsedHeader) || !ReferenceEquals(Content, _parsedContent))
        {
            return false;
        }

        JwsParts parts;
        try
        {
            parts = Licensing.Jws.Decode(Jws, JwsTypes.PublishingLicense);
        }
        catch (LicenseException)
        {
            return false;
        }

        return Licensing.Jws.Verify(parts, signerSpki);
    }

    /// <summary>
    /// SHA-256 of the JWS signing input (the ASCII bytes of <c>header.payload</c>, everything before the last dot): the
    /// exact bytes the signer signed, which fix the content id, tenant, tenant key, wrapped content key, encrypted policy
    /// and signer certificate. The appliance binds a content id's registration to this digest, so a use licence is issued
    /// only for the very licence that was registered (docs/protocol.md, "Registration binding"). The signature is left out
    /// on purpose: it adds nothing the signing input does not fix, and an ECDSA signature can be re-encoded.
    /// </summary>
    public byte[] RegistrationDigest() =>
        SHA256.HashData(Encoding.ASCII.GetBytes(Jws[..Jws.LastIndexOf('.')]));

    internal static ParsedPublishingLicense FromParse(string jws, JwsHeader header, PublishingLicenseContent content) =>
        new(jws, header, content) { _parsedHeader = header, _parsedContent = content };
}
