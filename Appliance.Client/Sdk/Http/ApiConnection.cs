using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk.Http;

/// <summary>
/// The HTTP side of <see cref="RmsClient"/>: the token endpoint, bearer authentication with automatic
/// refresh (before expiry, and once after a 401), and the mapping of failures to SDK exceptions.
/// </summary>
internal sealed class ApiConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly RmsClientOptions _options;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);

    public ApiConnection(RmsClientOptions options)
    {
        _options = options;
        Server = options.Server;
        // A caller's handler (a test server, a proxy-aware stack) belongs to the caller: never dispose it.
        _http = new HttpClient(options.Handler ?? new SocketsHttpHandler(), disposeHandler: options.Handler is null)
        {
            BaseAddress = WithTrailingSlash(options.Server),
            Timeout = options.Timeout,
        };
        Tokens = options.Tokens;
    }

    public Uri Server { get; }

    public TokenSet? Tokens { get; private set; }

    public event EventHandler<TokenSet?>? TokensChanged;

    public Task<TokenSet> PasswordGrantAsync(string userName, string password, CancellationToken ct) =>
        RequestTokensAsync(
            [
                new("grant_type", "password"),
                new("username", userName),
                new("password", password),
                new("client_id", _options.ClientId),
                new("scope", "openid offline_access rms"),
            ],
            previousRefreshToken: null,
            ct);

    /// <summary>RFC 8693: an external provider's ID token for the appliance's tokens (federated sign-in).</summary>
    public Task<TokenSet> TokenExchangeGrantAsync(string idToken, CancellationToken ct) =>
        RequestTokensAsync(
            [
                new("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
                new("subject_token", idToken),
                new("subject_token_type", "urn:ietf:params:oauth:token-type:id_token"),
                new("client_id", _options.ClientId),
                new("scope", "openid offline_access rms"),
            ],
            previousRefreshToken: null,
            ct);

    /// <summary>An external recipient's one-time code, e-mailed by <c>POST /api/external/v1/codes</c>.</summary>
    public Task<TokenSet> EmailCodeGrantAsync(string email, string code, CancellationToken ct) =>
        RequestTokensAsync(
            [
                new("grant_type", EmailCodeGrant.GrantType),
                new(EmailCodeGrant.EmailParameter, email),
                new(EmailCodeGrant.CodeParameter, code),
                new("client_id", _options.ClientId),
                new("scope", "openid offline_access rms"),
            ],
            previousRefreshToken: null,
            ct);

    public Task<TokenSet> ClientCredentialsGrantAsync(string clientId, string clientSecret, CancellationToken ct) =>
        RequestTokensAsync(
            [
                new("grant_type", "client_credentials"),
                new("client_id", clientId),
                new("client_secret", clientSecret),
                new("scope", "rms"),
            ],
            previousRefreshToken: null,
            ct);

    public async Task<DeviceAuthorization> StartDeviceAuthorizationAsync(CancellationToken ct)
    {
        using var response = await SendRawAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "connect/device")
            {
                Content = new FormUrlEncodedContent(
                [
                    new("client_id", _options.ClientId),
                    new("scope", "openid offline_access rms"),
                ]),
            },
            ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, ct);
        }

        var answer = await ReadJsonAsync<DeviceAuthorizationResponse>(response, ct);
        if (string.IsNullOrEmpty(answer.DeviceCode) || string.IsNullOrEmpty(answer.UserCode)
            || !Uri.TryCreate(answer.VerificationUri, UriKind.Absolute, out var verification))
        {
            throw new RmsException(ClientErrorCodes.BadResponse, "the appliance's device sign-in answer is incomplete");
        }

        _ = Uri.TryCreate(answer.VerificationUriComplete, UriKind.Absolute, out var complete);
        return new DeviceAuthorization(
            answer.UserCode,
            verification,
            complete,
            TimeSpan.FromSeconds(answer.ExpiresIn is > 0 ? answer.ExpiresIn.Value : 600),
            TimeSpan.FromSeconds(answer.Interval is > 0 ? answer.Interval.Value : 5))
        {
            DeviceCode = answer.DeviceCode,
        };
    }

    /// <summary>
    /// One poll of the token endpoint with a device code: the tokens once the person approved, or the
    /// OAuth error that says to keep waiting (<c>authorization_pending</c>, <c>slow_down</c>).
    /// </summary>
    public async Task<(TokenSet? Tokens, string? WaitReason)> PollDeviceCodeAsync(DeviceAuthorization authorization, CancellationToken ct)
    {
        using var response = await SendRawAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "connect/token")
            {
                Content = new FormUrlEncodedContent(
                [
                    new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                    new("device_code", authorization.DeviceCode),
                    new("client_id", _options.ClientId),
                ]),
            },
            ct);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            var error = OAuthError(body);
            if (error is "authorization_pending" or "slow_down")
            {
                return (null, error);
            }

            throw error switch
            {
                "access_denied" => new RmsApiException(ProblemCodes.Forbidden, "the sign-in was refused in the browser", response.StatusCode),
                "expired_token" => new RmsApiException(ProblemCodes.Unauthenticated, "the sign-in code expired before it was approved; run rms login again", response.StatusCode),
                _ => ProblemReader.FromBody(response.StatusCode, body),
            };
        }

        return (await ReadTokensAsync(response, previousRefreshToken: null, ct), null);
    }

    private static string? OAuthError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<TokenSet> RefreshAsync(CancellationToken ct)
    {
        var refreshToken = Tokens?.RefreshToken
            ?? throw new RmsException(ProblemCodes.Unauthenticated, "your session has expired; run rms login again");
        try
        {
            return await RequestTokensAsync(
                [
                    new("grant_type", "refresh_token"),
                    new("refresh_token", refreshToken),
                    new("client_id", _options.ClientId),
                ],
                previousRefreshToken: refreshToken,
                ct);
        }
        catch (RmsApiException ex) when (ex.Code is ProblemCodes.Unauthenticated or ProblemCodes.ValidationFailed)
        {
            throw new RmsApiException(ProblemCodes.Unauthenticated, "your session has expired; run rms login again", ex.Status);
        }
    }

    public void SignOut() => SetTokens(null);

    /// <summary>Sends an authenticated request and reads a JSON answer.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendAuthenticatedAsync(method, path, body, ct);
        return await ReadJsonAsync<T>(response, ct);
    }

    /// <summary>Sends a request without a token (endpoints open to anyone) and reads a JSON answer.</summary>
    public async Task<T> SendAnonymousAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(
            () =>
            {
                var request = new HttpRequestMessage(method, path);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, body.GetType(), options: RmsJson.Options);
                }

                return request;
            },
            ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, ct);
        }

        return await ReadJsonAsync<T>(response, ct);
    }

    /// <summary>Sends an authenticated request whose success answer carries no body (204).</summary>
    public async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendAuthenticatedAsync(method, path, body, ct);
    }

    private async Task<HttpResponseMessage> SendAuthenticatedAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        if (Tokens is null)
        {
            throw new RmsException(ProblemCodes.Unauthenticated, "you are not signed in; run rms login");
        }

        if (Tokens.IsExpired(_options.TimeProvider.GetUtcNow(), _options.TokenRefreshSkew) && Tokens.RefreshToken is not null)
        {
            await RefreshOnceAsync(Tokens, ct);
        }

        var sentWith = Tokens;
        var response = await SendRawAsync(() => Build(method, path, body, sentWith.AccessToken), ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized && sentWith.RefreshToken is not null)
        {
            // The server may have revoked or rotated the access token early: refresh once and retry.
            response.Dispose();
            await RefreshOnceAsync(sentWith, ct);
            var retryWith = Tokens!;
            response = await SendRawAsync(() => Build(method, path, body, retryWith.AccessToken), ct);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ProblemReader.ReadAsync(response, ct);
            }
        }

        return response;
    }

    // Concurrent callers that saw the same stale tokens refresh only once.
    private async Task RefreshOnceAsync(TokenSet stale, CancellationToken ct)
    {
        await _refreshLock.WaitAsync(ct);
        try
        {
            if (ReferenceEquals(Tokens, stale))
            {
                await RefreshAsync(ct);
            }
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task<TokenSet> RequestTokensAsync(KeyValuePair<string, string>[] form, string? previousRefreshToken, CancellationToken ct)
    {
        using var response = await SendRawAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "connect/token") { Content = new FormUrlEncodedContent(form) },
            ct);
        return await ReadTokensAsync(response, previousRefreshToken, ct);
    }

    private async Task<TokenSet> ReadTokensAsync(HttpResponseMessage response, string? previousRefreshToken, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, ct);
        }

        var answer = await ReadJsonAsync<TokenResponse>(response, ct);
        if (string.IsNullOrEmpty(answer.AccessToken))
        {
            throw new RmsException(ClientErrorCodes.BadResponse, "the appliance's token answer holds no access token");
        }

        var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn is > 0 ? answer.ExpiresIn.Value : 3600);
        var tokens = new TokenSet(answer.AccessToken, answer.RefreshToken ?? previousRefreshToken, _options.TimeProvider.GetUtcNow() + lifetime);
        SetTokens(tokens);
        return tokens;
    }

    private void SetTokens(TokenSet? tokens)
    {
        Tokens = tokens;
        TokensChanged?.Invoke(this, tokens);
    }

    private static HttpRequestMessage Build(HttpMethod method, string path, object? body, string accessToken)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: RmsJson.Options);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendRawAsync(Func<HttpRequestMessage> build, CancellationToken ct)
    {
        using var request = build();
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new RmsConnectionException(Server, Reason(ex), ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new RmsConnectionException(Server, "the request timed out", ex);
        }
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(RmsJson.Options, ct);
            return value ?? throw new JsonException("empty answer");
        }
        catch (JsonException ex)
        {
            throw new RmsException(ClientErrorCodes.BadResponse, "the appliance sent an answer this client cannot read", ex);
        }
        catch (NotSupportedException ex)
        {
            // ReadFromJsonAsync throws this for a content type that is not JSON.
            throw new RmsException(ClientErrorCodes.BadResponse, "the appliance sent an answer this client cannot read", ex);
        }
    }

    // "see inner exception" messages (TLS failures) name their cause one level down.
    private static string Reason(Exception ex)
    {
        var reason = ex;
        while (reason.InnerException is not null && reason.Message.Contains("inner exception", StringComparison.OrdinalIgnoreCase))
        {
            reason = reason.InnerException;
        }

        return reason.Message.TrimEnd('.');
    }

    private static Uri WithTrailingSlash(Uri server) =>
        server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");

    public void Dispose()
    {
        _http.Dispose();
        _refreshLock.Dispose();
    }
}
