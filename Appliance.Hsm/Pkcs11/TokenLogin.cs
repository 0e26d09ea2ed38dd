using Appliance.Crypto.KeyWrap;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Appliance.Hsm.Pkcs11;

/// <summary>
/// A token this process is logged in to. PKCS#11 login state belongs to the application and lasts while at least
/// one session is open, so the anchor session stays open until the last vault using the token lets go.
/// </summary>
internal sealed class TokenLogin
{
    public TokenLogin(string label, ISlot slot, ISession anchorSession, byte[] pinHash,
        KeyWrapAlgorithm wrapAlgorithm, IReadOnlySet<CKM> mechanisms)
    {
        Label = label;
        Slot = slot;
        AnchorSession = anchorSession;
        PinHash = pinHash;
        WrapAlgorithm = wrapAlgorithm;
        Mechanisms = mechanisms;
    }

    public string Label { get; }

    public ISlot Slot { get; }

    public ISession AnchorSession { get; }

    /// <summary>SHA-256 of the PIN that logged in; a later vault's PIN is checked against it.</summary>
    public byte[] PinHash { get; }

    public KeyWrapAlgorithm WrapAlgorithm { get; }

    public IReadOnlySet<CKM> Mechanisms { get; }

    /// <summary>Vault regions holding this login; guarded by the module registry lock.</summary>
    public int References { get; set; }
}
