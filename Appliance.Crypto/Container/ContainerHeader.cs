namespace Appliance.Crypto.Container;

/// <summary>The header JSON, members in wire order (docs/format.md).</summary>
internal sealed record HeaderJson(
    string PublishingLicense,
    Guid ContentId,
    string FileName,
    string ContentType,
    int SegmentSize,
    byte[] NoncePrefix,
    byte[] KeyCheck);

/// <summary>A header as read: its fields and its exact bytes, magic to MAC inclusive (the segments' AAD is their hash).</summary>
internal sealed record ContainerHeader(HeaderJson Json, byte[] Bytes)
{
    internal ProtectedFileHeader ToPublic() =>
        new(Json.PublishingLicense, Json.ContentId, Json.FileName, Json.ContentType, Json.SegmentSize);
}
