using Microsoft.AspNetCore.Http.Metadata;

namespace Appliance.Web.Hosting;

/// <summary>An endpoint's largest accepted request body; routing applies it before the body is read.</summary>
public sealed record RequestBodyLimit(long Bytes) : IRequestSizeLimitMetadata
{
    /// <summary>The JSON APIs: a publishing licence (at most 1 MiB of JWS) with a public key and room to spare.</summary>
    public static RequestBodyLimit Api { get; } = new(2 * 1024 * 1024);

    public long? MaxRequestBodySize => Bytes;
}
