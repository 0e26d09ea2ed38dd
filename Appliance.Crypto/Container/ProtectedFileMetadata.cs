namespace Appliance.Crypto.Container;

/// <summary>The original file's name (no directory) and media type, kept in the header.</summary>
public sealed record ProtectedFileMetadata(string FileName, string ContentType);
