using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.TestSupport.Oidc;

/// <summary>
/// A real, minimal OpenID Connect provider for the federation tests, standing in for AD FS, Entra ID
/// or Keycloak: OpenIddict on Kestrel at 127.0.0.1 and a free port, with discovery, JWKS, the
/// authorization code flow with PKCE (users sign in on an HTML form: user name and password, never
/// automatically) and a token endpoint that also takes the password grant, so tests can get an ID token
/// directly. ID tokens are RS256-signed with an RSA key made for this instance.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly RsaSecurityKey _signingKey;
    private readonly ConcurrentDictionary<string, OidcTestUser> _users = new(StringComparer.OrdinalIgnoreCase);

    private OidcTestProvider(WebApplication app, string folder, RsaSecurityKey signingKey)
    {
        _app = app;
        _folder = folder;
        _signingKey = signingKey;
    }

    /// <summary>The issuer, <c>http://127.0.0.1:PORT/</c>, as the discovery document and tokens name it.</summary>
    public Uri Issuer { get; private set; } = null!;

    /// <summary>The issuer without the trailing slash, as an Authority is usually configured.</summary>
    public string Authority => Issuer.AbsoluteUri.TrimEnd('/');

    public static async Task<OidcTestProvider> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("appliance-oidc-").FullName;
        var signingKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-" + Guid.NewGuid().ToString("N")[..12] };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDbContext<OidcProviderDbContext>(o =>
        {
            o.UseSqlite($"Data Source={Path.Combine(folder, "provider.db")};Pooling=false");
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<OidcProviderDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowPasswordFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.AddSigningKey(signingKey);
                o.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        app.UseAuthentication();
        var provider = new OidcTestProvider(app, folder, signingKey);
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)provider.Authorize);
        app.MapPost("/connect/token", (Delegate)provider.TokenAsync);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OidcProviderDbContext>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    /// <summary>Adds a user; <paramref name="claims"/> (e.g. <c>email</c>, <c>upn</c>) go into its ID tokens.</summary>
    public OidcTestUser AddUser(string userName, string password, IReadOnlyDictionary<string, string> claims)
    {
        var user = new OidcTestUser(userName, password, "sub-" + Guid.NewGuid().ToString("N")[..16], claims);
        _users[userName] = user;
        return user;
    }

    /// <summary>Registers a confidential client that may use the code flow (to <paramref name="redirectUri"/>) and the password grant.</summary>
    public async Task RegisterClientAsync(string clientId, string clientSecret, Uri? redirectUri = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.Password,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        if (redirectUri is not null)
        {
            descriptor.RedirectUris.Add(redirectUri);
        }

        await manager.CreateAsync(descriptor);
    }

    /// <summary>An ID token for <paramref name="userName"/> from the password grant, as issued to <paramref name="clientId"/>.</summary>
    public async Task<string> GetIdTokenAsync(string clientId, string clientSecret, string userName, string password)
    {
        using var http = new HttpClient { BaseAddress = Issuer };
        using var response = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.Password,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["username"] = userName,
            ["password"] = password,
            ["scope"] = "openid email profile",
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The test provider refused the password grant: {body}");
        }

        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id_token").GetString()!;
    }

    /// <summary>
    /// A token signed with this provider's real key but with contents the test chooses (an expired one,
    /// one for another audience). <paramref name="key"/> signs instead, to forge one.
    /// </summary>
    public string SignToken(IDictionary<string, object> claims, string audience, DateTime notBefore, DateTime expires, SecurityKey? key = null)
    {
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = Issuer.AbsoluteUri,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key ?? _signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return LoginForm(request, error: null);
        }

        var user = Check((string?)request["username"], (string?)request["password"]);
        if (user is null)
        {
            return LoginForm(request, "The user name or password is incorrect.");
        }

        return Results.SignIn(Principal(user, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsPasswordGrantType() && Check(request.Username, request.Password) is { } user)
        {
            return Results.SignIn(Principal(user, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user name or password is incorrect.",
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private OidcTestUser? Check(string? userName, string? password) =>
        userName is not null && _users.TryGetValue(userName, out var user)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(password ?? string.Empty))
            ? user : null;

    private static ClaimsPrincipal Principal(OidcTestUser user, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.UserName);
        foreach (var (type, value) in user.Claims)
        {
            identity.SetClaim(type, value);
        }

        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static IResult LoginForm(OpenIddictRequest request, string? error)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><title>Test provider sign-in</title></head><body>");
        if (error is not null)
        {
            html.Append("<p class=\"error\">").Append(WebUtility.HtmlEncode(error)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is "username" or "password")
            {
                continue;
            }

            html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name))
                .Append("\" value=\"").Append(WebUtility.HtmlEncode((string?)value)).Append("\" />");
        }

        html.Append("<input name=\"username\" /><input name=\"password\" type=\"password\" /><button type=\"submit\">Sign in</button></form></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing: the temp folder is cleaned by the system anyway.
        }
    }
}
