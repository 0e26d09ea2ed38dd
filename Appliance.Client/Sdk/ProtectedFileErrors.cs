using Appliance.Crypto.Container;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>Turns container failures into one sentence each.</summary>
internal static class ProtectedFileErrors
{
    public static RmsException ToRmsException(ProtectedFileException ex) => ex.Error switch
    {
        ProtectedFileError.NotAProtectedFile => new RmsException(ProblemCodes.ValidationFailed, "this is not a protected file", ex),
        ProtectedFileError.UnsupportedVersion => new RmsException(ClientErrorCodes.DamagedFile, "this protected file uses a format version this client does not support", ex),
        ProtectedFileError.MalformedHeader or ProtectedFileError.HeaderTooLarge =>
            new RmsException(ClientErrorCodes.DamagedFile, "the protected file's header is malformed", ex),
        ProtectedFileError.Truncated => new RmsException(ClientErrorCodes.DamagedFile, "the protected file is truncated", ex),
        ProtectedFileError.TrailingData => new RmsException(ClientErrorCodes.DamagedFile, "the protected file has unexpected data after its end", ex),
        // SECURITY: a wrong key, a bad header MAC and a bad segment tag look the same to the user, so
        // the message does not tell an attacker which check their modification failed.
        ProtectedFileError.WrongContentKey or ProtectedFileError.HeaderAuthenticationFailed or ProtectedFileError.SegmentAuthenticationFailed =>
            new RmsException(ClientErrorCodes.DamagedFile, "the protected file is damaged or has been tampered with", ex),
    };
}
