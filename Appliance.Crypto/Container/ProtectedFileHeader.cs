namespace Appliance.Crypto.Container;

/// <summary>
/// What a protected file's header says, readable without the key. Nothing here is authenticated until the file
/// is decrypted; in particular the file name must not be trusted as a path.
/// </summary>
public sealed record ProtectedFileHeader(string PublishingLicense, Guid ContentId, string FileName, string ContentType, int SegmentSize);
