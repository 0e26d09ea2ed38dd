using System.Net;
using System.Text.Json;

namespace Appliance.Web.Tests.Support;

public static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 answer with the given status and stable code; returns its detail.</summary>
    public static async Task<string> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("urn:rms-appliance:error:" + code, problem.GetProperty("type").GetString());
        return problem.GetProperty("detail").GetString() ?? string.Empty;
    }
}
