using System.Net;
using System.Text;

namespace Appliance.Client.Tests.Support;

/// <summary>Answers every request with one canned response (an HTTP-boundary stub for error mapping).</summary>
internal sealed class CannedHandler(HttpStatusCode status, string body, string contentType = "application/problem+json") : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) });
    }
}

/// <summary>Fails every request as a refused connection would.</summary>
internal sealed class UnreachableHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new HttpRequestException("Connection refused (rms.contoso.test:443)");
}
