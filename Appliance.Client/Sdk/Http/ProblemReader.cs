using System.Net;
using System.Text.Json;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk.Http;

/// <summary>
/// Turns a failed answer into an <see cref="RmsApiException"/>: an RFC 9457 problem (<c>code</c>,
/// <c>type</c>, <c>detail</c>), an OAuth error (<c>error</c>, <c>error_description</c>), or a bare status.
/// </summary>
internal static class ProblemReader
{
    // A problem body is a few hundred bytes; anything far larger is not one and is not worth reading.
    private const int MaxBodyChars = 64 * 1024;

    public static async Task<RmsApiException> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException)
        {
            body = string.Empty;
        }

        return FromBody(response.StatusCode, body);
    }

    public static RmsApiException FromBody(HttpStatusCode status, string body)
    {
        string? code = null;
        string? detail = null;
        if (!string.IsNullOrWhiteSpace(body) && body.Length <= MaxBodyChars)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    code = String(root, "code");
                    var type = String(root, "type");
                    if (code is null && type is not null && type.StartsWith(ProblemCodes.TypePrefix, StringComparison.Ordinal))
                    {
                        code = type[ProblemCodes.TypePrefix.Length..];
                    }

                    detail = String(root, "detail");
                    var oauthError = String(root, "error");
                    if (oauthError is not null)
                    {
                        code ??= ProblemSentences.CodeForOAuthError(oauthError, status);
                        detail ??= OAuthSentence(oauthError, String(root, "error_description"));
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML error page, say): fall back to the status below.
            }
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            // No code: a proxy or a crash answered. The status is all there is; say it as it is.
            code = ProblemSentences.CodeFor(status);
            detail ??= code == ProblemCodes.Internal ? ProblemSentences.ForStatus(status) : null;
        }

        detail = string.IsNullOrWhiteSpace(detail) ? ProblemSentences.For(code, status) : OneLine(detail);
        return new RmsApiException(code, detail, status);
    }

    private static string? OAuthSentence(string error, string? description) =>
        !string.IsNullOrWhiteSpace(description) ? description
        : error == "invalid_grant" ? "the user name or password is wrong, or the session has expired"
        : error == "invalid_client" ? "the appliance does not accept this client"
        : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The CLI promises one sentence; a server detail spread over lines is folded into one.
    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
