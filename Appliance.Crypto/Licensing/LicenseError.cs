namespace Appliance.Crypto.Licensing;

/// <summary>Why a licence or certificate was refused. Stable: callers map these to protocol error codes.</summary>
public enum LicenseError
{
    /// <summary>Not a well-formed JWS of this format, or its payload breaks the schema.</summary>
    Malformed,

    /// <summary>The payload's "version" is not one this library understands.</summary>
    UnsupportedVersion,

    /// <summary>The JWS "alg" is not ES256 or RS256.</summary>
    UnsupportedAlgorithm,

    /// <summary>The signature does not verify under the given key.</summary>
    SignatureInvalid,

    /// <summary>The JWS "typ" names another structure (a use licence where a publishing licence was expected, ...).</summary>
    WrongType,

    /// <summary>The wrapped content key does not unwrap under the given private key.</summary>
    KeyUnwrapFailed,

    /// <summary>The encrypted policy does not decrypt under the content key.</summary>
    PolicyDecryptionFailed,
}
