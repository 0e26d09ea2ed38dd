using Net.Pkcs11Interop.Common;

namespace Appliance.Hsm.Pkcs11;

/// <summary>The one place where PKCS#11 return codes become <see cref="HsmErrorCode"/>s.</summary>
internal static class Pkcs11Errors
{
    public static HsmException Map(Pkcs11Exception exception, string region, string operation)
    {
        var code = exception.RV switch
        {
            CKR.CKR_MECHANISM_INVALID or CKR.CKR_MECHANISM_PARAM_INVALID or CKR.CKR_KEY_SIZE_RANGE
                or CKR.CKR_CURVE_NOT_SUPPORTED or CKR.CKR_DOMAIN_PARAMS_INVALID => HsmErrorCode.MechanismNotSupported,
            CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE or CKR.CKR_PIN_LOCKED
                or CKR.CKR_PIN_EXPIRED => HsmErrorCode.WrongPin,
            CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_TOKEN_NOT_RECOGNIZED or CKR.CKR_SLOT_ID_INVALID => HsmErrorCode.TokenNotFound,
            _ => HsmErrorCode.DeviceError,
        };
        return new HsmException(code, $"the HSM failed '{operation}' in region '{region}' ({exception.RV})", region, exception);
    }

    /// <summary>The session is unusable (closed, device gone): throw it away and, once, retry on a fresh one.</summary>
    public static bool IsSessionLost(CKR rv) =>
        rv is CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED or CKR.CKR_DEVICE_REMOVED;

    /// <summary>A cached object handle no longer names an object (destroyed, or by another process): look it up again.</summary>
    public static bool IsStaleHandle(CKR rv) =>
        rv is CKR.CKR_OBJECT_HANDLE_INVALID or CKR.CKR_KEY_HANDLE_INVALID;
}
