using System.Net;

namespace Appliance.Client.Sdk;

/// <summary>
/// The appliance refused a request: an RFC 9457 problem details answer (or an OAuth error) turned into
/// its stable <c>code</c>, its human-readable <c>detail</c> and the HTTP status.
/// </summary>
public sealed class RmsApiException : RmsException
{
    public RmsApiException(string code, string detail, HttpStatusCode status)
        : base(code, detail)
    {
        Detail = detail;
        Status = status;
    }

    public string Detail { get; }

    public HttpStatusCode Status { get; }
}
