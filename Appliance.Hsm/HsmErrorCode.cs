namespace Appliance.Hsm;

/// <summary>Stable reasons an HSM operation failed; callers branch on these, never on messages.</summary>
public enum HsmErrorCode
{
    ModuleNotFound,
    TokenNotFound,
    PinMissing,
    WrongPin,
    KeyNotFound,
    KeyAlreadyExists,
    RegionNotServed,
    MechanismNotSupported,
    DeviceError,

    /// <summary>The HSM refused to unwrap (decrypt) the given bytes: wrong key, corrupted or forged input.</summary>
    UnwrapFailed,
}
