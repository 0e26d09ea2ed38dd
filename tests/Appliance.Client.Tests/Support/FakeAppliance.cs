using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Tests.Support;

/// <summary>
/// An HTTP-boundary stand-in for the appliance: it answers the token, bootstrap, publish, licence and
/// admin endpoints with REAL structures made by Appliance.Crypto over in-memory keys, so that the client's
/// verification, rights checks and decryption run for real. The server itself is tested elsewhere.
/// </summary>
internal sealed class FakeAppliance : HttpMessageHandler
{
    public const string Server = "https://rms.contoso.test/";
    public const string Password = "correct horse battery staple";

    /// <summary>The one-time code every e-mail code request "mails".</summary>
    public const string EmailCode = "31415926";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, FakeUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly HashSet<Guid> _registered = [];
    private readonly HashSet<string> _codesSent = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeTenantKey> _keys = [];
    private int _tokenCounter;
    private int _keyCounter;

    private FakeAppliance()
    {
    }

    public Guid TenantId { get; } = Guid.NewGuid();

    public const string TenantName = "Contoso";

    public FakeTenantKey ActiveKey => _keys[^1];

    /// <summary>"METHOD /path" of every request, in order.</summary>
    public List<string> Requests { get; } = [];

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public int? OfflineDays { get; set; } = 7;

    /// <summary>The clock use licences are issued by (IssuedAt, ValidUntil).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Lets a test change the use licence before it is signed.</summary>
    public Func<UseLicenseContent, UseLicenseContent>? AlterUseLicense { get; set; }

    /// <summary>Flips a byte of every use licence's signature after signing.</summary>
    public bool CorruptUseLicenseSignature { get; set; }

    /// <summary>Answers a request before the fake's own routing does, when it returns non-null.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Intercept { get; set; }

    public IReadOnlyCollection<Guid> Registered => _registered;

    public static async Task<FakeAppliance> CreateAsync()
    {
        var appliance = new FakeAppliance();
        appliance._keys.Add(await FakeTenantKey.CreateAsync(appliance.TenantId, TenantName, "contoso-k1", 1, appliance.NextKey()));
        await appliance.AddUserAsync("alice@contoso.test");
        await appliance.AddUserAsync("bob@contoso.test");
        await appliance.AddUserAsync("carol@contoso.test");
        appliance.AddAdmin("admin@appliance.local");
        return appliance;
    }

    public async Task<FakeUser> AddUserAsync(string email)
    {
        var key = NextKey();
        var user = new FakeUser(email, Guid.NewGuid(), IsAdmin: false, InTenant: true, key);
        user.Certificate = await IssueUserCertificateAsync(user);
        _users[email] = user;
        return user;
    }

    public void AddAdmin(string email) => _users[email] = new FakeUser(email, Guid.NewGuid(), IsAdmin: true, InTenant: false, Key: null);

    /// <summary>A new tenant key version becomes active; the old one stays known (archived).</summary>
    public async Task RollKeyAsync()
    {
        _keys.Add(await FakeTenantKey.CreateAsync(TenantId, TenantName, $"contoso-k{_keys.Count + 1}", _keys.Count + 1, NextKey()));
    }

    /// <summary>Invalidates every access token (the refresh tokens still work).</summary>
    public void RevokeAccessTokens() => _accessTokens.Clear();

    public void RevokeRefreshTokens() => _refreshTokens.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        Requests.Add($"{request.Method} {path}");
        if (Intercept?.Invoke(request) is { } intercepted)
        {
            return intercepted;
        }

        if (path == "/connect/token" && request.Method == HttpMethod.Post)
        {
            return await TokenAsync(request, cancellationToken);
        }

        if (path == "/api/external/v1/codes" && request.Method == HttpMethod.Post)
        {
            return await SendCodeAsync(request, cancellationToken);
        }

        var caller = Authenticate(request);
        if (caller is null)
        {
            return Problem(HttpStatusCode.Unauthorized, ProblemCodes.Unauthenticated, "The access token is missing, expired or revoked.");
        }

        return (request.Method.Method, path) switch
        {
            ("POST", "/api/v1/bootstrap" or "/api/v1/publish") when caller.IsExternal =>
                Problem(HttpStatusCode.Forbidden, ProblemCodes.ExternalUser, "External recipients can open what was shared with their address, but cannot protect content."),
            ("GET", var p) when p == $"/api/external/v1/tenants/{TenantId}/certificates" =>
                Ok(new TenantCertificatesResponse(TenantId, [.. _keys.Select(k => k.Certificate)])),
            ("POST", "/api/v1/bootstrap") => Bootstrap(caller),
            ("POST", "/api/v1/publish") => await PublishAsync(caller, request, cancellationToken),
            ("POST", "/api/v1/licenses") => await LicenseAsync(caller, request, cancellationToken),
            ("POST", "/api/admin/v1/tenants") when caller.IsAdmin => await ActivateAsync(request, cancellationToken),
            ("GET", "/api/admin/v1/tenants") when caller.IsAdmin => Ok(new[] { Summary() }),
            ("POST", "/api/admin/v1/users") when caller.IsAdmin => await CreateUserAsync(request, cancellationToken),
            ("GET", "/api/admin/v1/users") when caller.IsAdmin => Ok(_users.Values.Select(u => u.Summary(TenantId)).ToArray()),
            (_, var p) when p.StartsWith("/api/admin/", StringComparison.Ordinal) =>
                Problem(HttpStatusCode.Forbidden, ProblemCodes.Forbidden, "Only an appliance administrator may do this."),
            _ => Problem(HttpStatusCode.NotFound, ProblemCodes.NotFound, "No such endpoint."),
        };
    }

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var form = (await request.Content!.ReadAsStringAsync(ct)).Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
        if (form.GetValueOrDefault("client_id") != "rms-cli")
        {
            return OAuthError("invalid_client", "The client application is not known.");
        }

        string email;
        switch (form.GetValueOrDefault("grant_type"))
        {
            case "password":
                if (form.GetValueOrDefault("scope") != "openid offline_access rms"
                    || !_users.ContainsKey(form.GetValueOrDefault("username") ?? string.Empty)
                    || form.GetValueOrDefault("password") != Password)
                {
                    return OAuthError("invalid_grant", "The user name or password is wrong.");
                }

                email = _users[form["username"]].Email;
                break;
            case EmailCodeGrant.GrantType:
                var address = form.GetValueOrDefault(EmailCodeGrant.EmailParameter) ?? string.Empty;
                if (!_codesSent.Remove(address) || form.GetValueOrDefault(EmailCodeGrant.CodeParameter) != EmailCode)
                {
                    return OAuthError("invalid_grant", "The code is wrong, expired or used up; ask for a new one.");
                }

                email = address.ToLowerInvariant();
                _users.TryAdd(email, new FakeUser(email, Guid.NewGuid(), IsAdmin: false, InTenant: false, Key: null) { IsExternal = true });
                break;
            case "refresh_token":
                if (!_refreshTokens.TryGetValue(form.GetValueOrDefault("refresh_token") ?? string.Empty, out email!))
                {
                    return OAuthError("invalid_grant", "The refresh token is no longer valid.");
                }

                _refreshTokens.Remove(form["refresh_token"]);
                break;
            default:
                return OAuthError("unsupported_grant_type", "The grant type is not supported.");
        }

        var access = $"at-{Interlocked.Increment(ref _tokenCounter)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}";
        var refresh = $"rt-{_tokenCounter}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}";
        _accessTokens[access] = email;
        _refreshTokens[refresh] = email;
        return Ok(new Dictionary<string, object>
        {
            ["access_token"] = access,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)AccessTokenLifetime.TotalSeconds,
            ["refresh_token"] = refresh,
        });
    }

    private async Task<HttpResponseMessage> SendCodeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = (await request.Content!.ReadFromJsonAsync<EmailCodeRequest>(Json, ct))!;
        if (body.Email.EndsWith("@contoso.test", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(HttpStatusCode.Conflict, ProblemCodes.OrganisationAddress,
                $"{body.Email} belongs to an organisation on this appliance: sign in with your organisation account instead.");
        }

        _codesSent.Add(body.Email);
        return Ok(new EmailCodeSent(body.Email.ToLowerInvariant(), DateTimeOffset.UtcNow.AddMinutes(10), 30), HttpStatusCode.Accepted);
    }

    private FakeUser? Authenticate(HttpRequestMessage request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization is not { Scheme: "Bearer", Parameter: { } token } || !_accessTokens.TryGetValue(token, out var email))
        {
            return null;
        }

        return _users[email];
    }

    private HttpResponseMessage Bootstrap(FakeUser caller)
    {
        if (!caller.InTenant)
        {
            return Problem(HttpStatusCode.Conflict, ProblemCodes.TenantNotActivated, $"{caller.Email} belongs to no activated organisation.");
        }

        return Ok(new BootstrapResponse(
            new TenantInfo(TenantId, TenantName, "emea", ["contoso.test"]),
            caller.Certificate!,
            caller.Key!.ExportPkcs8PrivateKey(),
            [.. _keys.Select(k => k.Certificate)],
            ActiveKey.KeyId));
    }

    private async Task<HttpResponseMessage> PublishAsync(FakeUser caller, HttpRequestMessage request, CancellationToken ct)
    {
        var body = (await request.Content!.ReadFromJsonAsync<RegisterContentRequest>(Json, ct))!;
        ParsedPublishingLicense parsed;
        try
        {
            parsed = PublishingLicense.Parse(body.PublishingLicense);
        }
        catch (LicenseException)
        {
            return Problem(HttpStatusCode.BadRequest, ProblemCodes.InvalidPublishingLicense, "The publishing licence is malformed.");
        }

        // The publisher signed with its user key, vouched for by its user certificate.
        var signer = parsed.Content.SignerCertificate is { } certificate
            ? UserCertificate.Verify(certificate, KeyFor(UserCertificate.ReadHeader(certificate).Kid).SigningPublicKey)
            : null;
        if (signer is null || !parsed.VerifySignature(signer.PublicKey) || !string.Equals(signer.Email, caller.Email, StringComparison.OrdinalIgnoreCase))
        {
            return Problem(HttpStatusCode.BadRequest, ProblemCodes.InvalidPublishingLicense, "The publishing licence is not signed by the caller.");
        }

        _registered.Add(parsed.Content.ContentId);
        return Ok(new RegisterContentResponse(parsed.Content.ContentId, DateTimeOffset.UtcNow));
    }

    private async Task<HttpResponseMessage> LicenseAsync(FakeUser caller, HttpRequestMessage request, CancellationToken ct)
    {
        var body = (await request.Content!.ReadFromJsonAsync<AcquireLicenseRequest>(Json, ct))!;
        var parsed = PublishingLicense.Parse(body.PublishingLicense);
        if (!_registered.Contains(parsed.Content.ContentId))
        {
            return Problem(HttpStatusCode.NotFound, ProblemCodes.ContentNotRegistered, "This document was never registered.");
        }

        var opened = await PublishingLicense.OpenAsync(parsed, KeyFor(parsed.Content.TenantKeyId).Unwrapper, ct);
        var rights = string.Equals(opened.Policy.Owner, caller.Email, StringComparison.OrdinalIgnoreCase)
            ? ["OWNER"]
            : opened.Policy.Grants.Where(g => string.Equals(g.Principal, caller.Email, StringComparison.OrdinalIgnoreCase)).SelectMany(g => g.Rights).Distinct().ToList();
        if (rights.Count == 0)
        {
            return Problem(HttpStatusCode.Forbidden, ProblemCodes.AccessDenied, $"{caller.Email} has no rights to this document");
        }

        if (caller.IsExternal && body.PublicKey is not { Length: > 0 })
        {
            return Problem(HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed, "An external recipient must send the public key to wrap the content key to.");
        }

        // As the appliance does: the key the request names, else the bootstrapped user key.
        var recipientKey = body.PublicKey ?? caller.Key!.ExportSubjectPublicKeyInfo();
        var now = Clock.GetUtcNow();
        var content = new UseLicenseContent(
            1, parsed.Content.ContentId, TenantId, caller.Email, rights, now,
            OfflineDays is { } days ? now.AddDays(days) : null,
            parsed.Content.WrapAlgorithm,
            RsaKeyWrap.Wrap(recipientKey, opened.ContentKey, parsed.Content.WrapAlgorithm),
            opened.Policy, null);
        content = AlterUseLicense?.Invoke(content) ?? content;
        var useLicense = await UseLicense.IssueAsync(content, ActiveKey.Signer, ct);
        if (CorruptUseLicenseSignature)
        {
            var chars = useLicense.ToCharArray();
            chars[^5] = chars[^5] == 'A' ? 'B' : 'A';
            useLicense = new string(chars);
        }

        return Ok(new AcquireLicenseResponse(useLicense));
    }

    private async Task<HttpResponseMessage> ActivateAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = (await request.Content!.ReadFromJsonAsync<ActivateTenantRequest>(Json, ct))!;
        if (body.Region != "emea")
        {
            return Problem(HttpStatusCode.BadRequest, ProblemCodes.RegionNotServed, $"This appliance does not serve the region '{body.Region}'.");
        }

        return Ok(Summary() with { Name = body.Organization, Domains = body.Domains }, HttpStatusCode.Created);
    }

    private async Task<HttpResponseMessage> CreateUserAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = (await request.Content!.ReadFromJsonAsync<CreateUserRequest>(Json, ct))!;
        if (_users.ContainsKey(body.Email))
        {
            return Problem(HttpStatusCode.Conflict, ProblemCodes.UserExists, $"A user {body.Email} already exists.");
        }

        var user = await AddUserAsync(body.Email);
        return Ok(user.Summary(TenantId) with { DisplayName = body.DisplayName, IsAdmin = body.IsAdmin }, HttpStatusCode.Created);
    }

    private RSA NextKey() => TestKeys.Rsa(_keyCounter++);

    private TenantSummary Summary() =>
        new(TenantId, TenantName, "emea", ["contoso.test"], _keys.Count, ActiveKey.KeyId, DateTimeOffset.UtcNow);

    private FakeTenantKey KeyFor(string keyId) => _keys.Single(k => k.KeyId == keyId);

    private async Task<string> IssueUserCertificateAsync(FakeUser user)
    {
        var now = DateTimeOffset.UtcNow;
        var content = new UserCertificateContent(1, TenantId, user.Id, user.Email, user.Key!.ExportSubjectPublicKeyInfo(), now, now.AddYears(1), ActiveKey.KeyId);
        return await UserCertificate.IssueAsync(content, ActiveKey.Signer, CancellationToken.None);
    }

    private static HttpResponseMessage Ok<T>(T body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(body, options: Json) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string code, string detail)
    {
        var json = JsonSerializer.Serialize(new
        {
            type = ProblemCodes.TypePrefix + code,
            title = code,
            status = (int)status,
            detail,
            code,
        });
        return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/problem+json") };
    }

    private static HttpResponseMessage OAuthError(string error, string description) =>
        new(HttpStatusCode.BadRequest)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }),
                Encoding.UTF8,
                "application/json"),
        };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var key in _keys)
            {
                key.Dispose();
            }

            foreach (var user in _users.Values)
            {
                user.Key?.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}

internal sealed record FakeUser(string Email, Guid Id, bool IsAdmin, bool InTenant, RSA? Key)
{
    public string? Certificate { get; set; }

    /// <summary>Signed in with an e-mailed code: no tenant, no keys on the appliance.</summary>
    public bool IsExternal { get; init; }

    public UserSummary Summary(Guid tenantId) => new(Id, Email, null, InTenant ? tenantId : null, IsAdmin);
}
