using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Federation;

/// <summary>
/// RFC 8693 token exchange at <c>/connect/token</c>: a client that holds an ID token (or a JWT access
/// token) from a configured external provider trades it for the appliance's own tokens. OpenIddict
/// validates only tokens it issued itself, so the subject token is checked here: issuer (a configured
/// provider's), signature (the provider's published keys), audience (the appliance's client id there),
/// lifetime; then the same user mapping as portal sign-in.
/// </summary>
public sealed class FederatedTokenExchange(FederationMetadata metadata, FederatedUserResolver resolver, ILogger<FederatedTokenExchange> logger)
{
    /// <summary>RFC 8693's type for a JWT that is not an ID token (an AD FS or Entra ID access token).</summary>
    public const string JwtTokenType = "urn:ietf:params:oauth:token-type:jwt";

    public static IReadOnlyList<string> SubjectTokenTypes { get; } = [TokenTypeIdentifiers.IdentityToken, JwtTokenType];

    // Asymmetric only: a provider's keys are public, so an HMAC "signed" with one would prove nothing.
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new();

    public async Task<FederatedResolution> ExchangeAsync(OpenIddictRequest request, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.SubjectToken))
        {
            return FederatedResolution.Refused(FederationErrors.InvalidToken, "subject_token is required.");
        }

        if (!SubjectTokenTypes.Contains(request.SubjectTokenType))
        {
            return FederatedResolution.Refused(FederationErrors.InvalidToken,
                $"subject_token_type must be {TokenTypeIdentifiers.IdentityToken} or {JwtTokenType}.");
        }

        if (!_handler.CanReadToken(request.SubjectToken))
        {
            return FederatedResolution.Refused(FederationErrors.InvalidToken, "The subject token is not a JWT.");
        }

        var unverified = _handler.ReadJsonWebToken(request.SubjectToken);
        var provider = await metadata.FindByIssuerAsync(unverified.Issuer, ct);
        if (provider is null)
        {
            return FederatedResolution.Refused(FederationErrors.InvalidToken, "The subject token's issuer is not a provider this appliance trusts.");
        }

        var result = await ValidateAsync(provider, request.SubjectToken, ct);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // An unknown key id: the provider may have rolled its key since the keys were cached.
            metadata.Refresh(provider);
            result = await ValidateAsync(provider, request.SubjectToken, ct);
        }

        if (!result.IsValid)
        {
            // SECURITY: the reason goes to the log; the caller learns only the kind of failure.
            logger.LogInformation("A subject token of provider {Provider} was refused: {Reason}", provider.Name, result.Exception?.GetType().Name);
            return FederatedResolution.Refused(FederationErrors.InvalidToken, result.Exception switch
            {
                SecurityTokenExpiredException => $"The {provider.Label} token has expired; sign in to {provider.Label} again.",
                SecurityTokenInvalidAudienceException => $"The {provider.Label} token was not issued to this appliance.",
                SecurityTokenNotYetValidException => $"The {provider.Label} token is not valid yet.",
                _ => $"The {provider.Label} token could not be verified.",
            });
        }

        return await resolver.ResolveAsync(provider, Claim(result, Claims.Subject), Claim(result, provider.EmailClaim));
    }

    private async Task<TokenValidationResult> ValidateAsync(FederationProviderOptions provider, string token, CancellationToken ct)
    {
        var configuration = await metadata.GetAsync(provider, ct);
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudiences = provider.AcceptedAudiences,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        });
    }

    private static string? Claim(TokenValidationResult result, string type) =>
        result.Claims.TryGetValue(type, out var value) ? value?.ToString() : null;
}
