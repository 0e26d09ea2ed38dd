namespace Appliance.Crypto.Container;

/// <summary>Why a protected file was refused. Stable: the client maps these to messages and exit codes.</summary>
public enum ProtectedFileError
{
    /// <summary>The first 8 bytes are not the magic.</summary>
    NotAProtectedFile,

    /// <summary>The container version is not one this library reads.</summary>
    UnsupportedVersion,

    /// <summary>The header JSON is not valid, or breaks the schema.</summary>
    MalformedHeader,

    /// <summary>The declared header length exceeds <see cref="ProtectedFile.MaxHeaderLength"/>.</summary>
    HeaderTooLarge,

    /// <summary>The key check does not match: the content key is not this file's.</summary>
    WrongContentKey,

    /// <summary>The header MAC does not verify: the header was altered.</summary>
    HeaderAuthenticationFailed,

    /// <summary>A segment does not authenticate (altered, reordered, or cut inside a segment).</summary>
    SegmentAuthenticationFailed,

    /// <summary>The file ends early: inside the header, or at a segment boundary before the last segment.</summary>
    Truncated,

    /// <summary>Bytes follow the authenticated last segment.</summary>
    TrailingData,
}
