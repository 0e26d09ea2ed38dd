using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Portal;
using Appliance.Web.Tests.Support;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Usage;

/// <summary>
/// Every request to a usage-logged endpoint writes exactly one entry, and the entry says what the caller was told:
/// granted only for a success, denied for a 403, failed otherwise, with the problem code of the answer. Before, a
/// handler that refused without throwing (a <c>null</c> body) was logged granted, a body that failed JSON binding left
/// no entry at all, and size and media-type refusals answered <c>internal-error</c>.
/// </summary>
public sealed partial class UsageEntryPerRequestTests : IAsyncLifetime
{
    private const int ApiBodyLimit = 2 * 1024 * 1024;

    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private HttpClient _admin = null!;
    private HttpClient _user = null!;
    private HttpClient _anonymous = null!;
    private PortalClient _portalAdmin = null!;
    private PortalClient _portalUser = null!;

    public async Task InitializeAsync()
    {
        await _node.ActivateTenantAsync("Contoso, Ltd", "emea", "contoso.test");
        await _node.AddUserAsync("alice@contoso.test", "password of alice 1");
        _admin = await _node.SignInAdminAsync();
        _user = await _node.SignInAsync("alice@contoso.test", "password of alice 1");
        _anonymous = _node.Anonymous();
        _portalAdmin = new PortalClient(_node);
        await _portalAdmin.SignInAsync("admin", ApplianceFactory.AdminPassword);
        _portalUser = new PortalClient(_node);
        await _portalUser.SignInAsync("alice@contoso.test", "password of alice 1");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _user.Dispose();
        _anonymous.Dispose();
        _portalAdmin.Dispose();
        _portalUser.Dispose();
        await _node.DisposeAsync();
    }

    /// <summary>The kinds of bad request; each is sent to every logged endpoint.</summary>
    private static readonly (string Kind, Func<HttpContent> Body, int ExpectedForBodyEndpoints)[] _kinds =
    [
        ("null body", () => Json("null"), StatusCodes.Status400BadRequest),
        ("type mismatch", () => Json("42"), StatusCodes.Status400BadRequest),
        ("malformed JSON", () => Json("{\"a\":"), StatusCodes.Status400BadRequest),
        ("too large", () => Json("\"" + new string('a', ApiBodyLimit) + "\""), StatusCodes.Status413PayloadTooLarge),
        ("wrong media type", () => new StringContent("{}", Encoding.UTF8, "text/plain"), StatusCodes.Status415UnsupportedMediaType),
    ];

    [Fact]
    public async Task EveryLoggedEndpoint_EachKindOfBadRequest_OneEntryWhoseResultIsTheAnswer()
    {
        // Arrange - the endpoints come from the node's own routing table, so a new endpoint is covered without a line here.
        var endpoints = LoggedEndpoints();
        Assert.True(endpoints.Count > 30, $"found only {endpoints.Count} logged endpoints");
        Assert.True(endpoints.Count(e => e.TakesBody) > 15, "too few endpoints with a JSON body were recognised");

        // Act
        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            foreach (var (kind, body, expected) in _kinds)
            {
                if (kind == "too large" && !endpoint.TakesBody)
                {
                    // An endpoint that reads no body never meets the limit: the node answers and then drops the
                    // connection it cannot drain, which tells nothing about the usage log.
                    continue;
                }

                await SendAndCompareAsync(endpoint, kind, CallerFor(endpoint), body(), endpoint.TakesBody ? expected : null, wrong);
            }

            if (endpoint.Path.StartsWith("/api/admin/", StringComparison.Ordinal))
            {
                // A signed-in caller without the role: refused by authorisation before any binding.
                await SendAndCompareAsync(endpoint, "no role", _user.SendAsync, Json("{}"), StatusCodes.Status403Forbidden, wrong);
            }
            else if (endpoint.Path.StartsWith("/reports/", StringComparison.Ordinal))
            {
                // The portal's cookie refuses with a redirect to its access-denied page: still a denied entry.
                await SendAndCompareAsync(endpoint, "no role", _portalUser.SendAsync, Json("{}"), StatusCodes.Status302Found, wrong,
                    (UsageResult.Denied, "forbidden"));
            }
        }

        // Assert
        Assert.True(wrong.Count == 0, "Answers and entries disagree:\n" + string.Join("\n", wrong));
        using var verify = await _admin.PostAsync("/api/admin/v1/audit/verify", null);
        var report = await verify.Content.ReadAsStringAsync();
        Assert.True(verify.IsSuccessStatusCode, report);
        Assert.True(JsonSerializer.Deserialize<AuditVerificationResponse>(report, JsonSerializerOptions.Web)!.Intact, report);
    }

    [Fact]
    public async Task Problem_TooLargeAndWrongMediaType_OwnStableCodes()
    {
        // Arrange - both used to answer with code internal-error.
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, "/api/v1/licenses") { Content = Json("\"" + new string('a', ApiBodyLimit) + "\"") };
        using var mediaType = new HttpRequestMessage(HttpMethod.Post, "/api/v1/licenses") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };

        // Act
        using var large = await _user.SendAsync(tooLarge);
        using var media = await _user.SendAsync(mediaType);

        // Assert
        await ProblemAssert.IsProblemAsync(large, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        await ProblemAssert.IsProblemAsync(media, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    /// <param name="entry">The entry the answer stands for, when its status alone does not say (a redirect).</param>
    private async Task SendAndCompareAsync(
        LoggedEndpoint endpoint, string kind, Func<HttpRequestMessage, Task<HttpResponseMessage>> send, HttpContent body, int? expected,
        List<string> wrong, (UsageResult Result, string Code)? entry = null)
    {
        var before = await _node.QueryAsync(db => db.UsageLog.MaxAsync(e => (long?)e.Id)) ?? 0;
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path) { Content = body };
        if (kind == "too large")
        {
            // The node answers 413 from the length alone and closes the connection: the client waits for its go-ahead
            // (100-continue) before sending the body, as a careful client would, so it is not cut off mid-write.
            request.Headers.ExpectContinue = true;
            request.Headers.ConnectionClose = true;
        }
        HttpResponseMessage sent;
        try
        {
            sent = await send(request);
        }
        catch (HttpRequestException ex)
        {
            wrong.Add($"{endpoint.Method} {endpoint.Path} ({kind}): no answer ({ex.InnerException?.Message ?? ex.Message})");
            return;
        }

        using var response = sent;
        var status = (int)response.StatusCode;
        var code = await ProblemCodeAsync(response);
        var entries = await _node.QueryAsync(db => db.UsageLog.AsNoTracking().Where(e => e.Id > before).OrderBy(e => e.Id).ToListAsync());
        var cell = $"{endpoint.Method} {endpoint.Path} ({kind}): {status} {code ?? "-"}";

        if (expected is { } wanted && status != wanted)
        {
            wrong.Add($"{cell}: expected {wanted}");
        }

        if (entries.Count != 1)
        {
            wrong.Add($"{cell}: {entries.Count} entries");
            return;
        }

        var written = entries[0];
        var result = entry?.Result ?? (status is >= 200 and < 300 ? UsageResult.Granted : status == 403 ? UsageResult.Denied : UsageResult.Failed);
        var errorCode = entry?.Code ?? (result == UsageResult.Granted ? null : code);
        if (written.Result != result || written.ErrorCode != errorCode || written.RequestType != endpoint.RequestType)
        {
            wrong.Add($"{cell}: entry {written.RequestType} {written.Result} {written.ErrorCode ?? "-"}");
        }
    }

    private Func<HttpRequestMessage, Task<HttpResponseMessage>> CallerFor(LoggedEndpoint endpoint) =>
        endpoint.Path.StartsWith("/api/admin/", StringComparison.Ordinal) ? _admin.SendAsync
        : endpoint.Path.StartsWith("/reports/", StringComparison.Ordinal) ? _portalAdmin.SendAsync
        : endpoint.Path == "/api/external/v1/codes" ? _anonymous.SendAsync
        : _user.SendAsync;

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    /// <summary>Every usage-logged endpoint, with route values that name nothing (so the calls change nothing).</summary>
    private List<LoggedEndpoint> LoggedEndpoints() =>
        [.. _node.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<UsageLoggedEndpoint>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new LoggedEndpoint(
                method,
                RouteValue().Replace(e.RoutePattern.RawText!, m => ValueFor(m.Groups["name"].Value, m.Groups["constraint"].Value)),
                e.Metadata.GetMetadata<UsageLoggedEndpoint>()!.RequestType,
                TakesBody(e))))
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];

    /// <summary>Whether the handler binds a request record of the protocol from the JSON body.</summary>
    private static bool TakesBody(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .Any(p => p.ParameterType.Namespace == "Appliance.Crypto.Protocol" && p.ParameterType.IsClass) == true;

    private static string ValueFor(string name, string constraint) =>
        constraint.Contains("guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString()
        : name switch
        {
            "tenant" => "nowhere.test",
            "clientId" => "svc-nosuch",
            "chain" => Guid.NewGuid().ToString(),
            _ => "nobody@nowhere.test",
        };

    private static StringContent Json(string text) => new(text, new MediaTypeHeaderValue("application/json"));

    [GeneratedRegex(@"\{(?<name>\w+)(?<constraint>:[^}]*)?\}")]
    private static partial Regex RouteValue();

    private sealed record LoggedEndpoint(string Method, string Path, string RequestType, bool TakesBody);
}
