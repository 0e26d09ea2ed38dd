using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Appliance.Web.Federation;

/// <summary>
/// OpenIddict's token exchange validates the subject token as one of its own tokens, which an external
/// provider's ID token is not. This handler, run right after OpenIddict decides which tokens to
/// validate, leaves the subject token to <see cref="FederatedTokenExchange"/> (called from the
/// pass-through token endpoint), which validates it against the provider's published keys.
/// </summary>
internal sealed class ForeignSubjectTokens : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<ForeignSubjectTokens>()
            .SetOrder(OpenIddictServerHandlers.EvaluateValidatedTokens.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType == OpenIddictServerEndpointType.Token && context.Request?.IsTokenExchangeGrantType() == true)
        {
            context.ExtractSubjectToken = false;
            context.RequireSubjectToken = false;
            context.ValidateSubjectToken = false;
            context.RejectSubjectToken = false;
        }

        return default;
    }
}
