using Appliance.Crypto.Signing;
using Appliance.Hsm;

namespace Appliance.Web.Tenants;

public sealed class TenantOptions
{
    public const string Section = "Tenants";

    /// <summary>The tenant key's size. RSA-3072 costs about three times as much per licence on SoftHSM2.</summary>
    public TenantKeyAlgorithm KeyAlgorithm { get; set; } = TenantKeyAlgorithm.Rsa2048;

    /// <summary>
    /// ES256 by default: on SoftHSM2 an ECDSA P-256 signature costs a tenth of an RSA-2048 one, so a licence
    /// costs little more than its unwrap (see the README's benchmark).
    /// </summary>
    public SignatureAlgorithm SigningAlgorithm { get; set; } = SignatureAlgorithm.Es256;
}
