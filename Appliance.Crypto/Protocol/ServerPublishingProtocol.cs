using Appliance.Crypto.Licensing;

namespace Appliance.Crypto.Protocol;

/// <summary>
/// The body of <c>POST /api/v1/publish/server</c>, for a client that cannot bootstrap or keep a user key (a browser, a
/// phone): the appliance makes the content key and the publishing licence, signs it with the tenant key and wraps
/// the content key for <see cref="PublicKey"/> alone. Either <see cref="TemplateId"/> or an ad-hoc policy
/// (<see cref="Grants"/>, <see cref="ExpiresAt"/>, <see cref="OfflineDays"/>), never both; the caller is the owner.
/// </summary>
/// <param name="PublicKey">SubjectPublicKeyInfo (DER) of the caller's RSA key, at least 2048 bits.</param>
/// <param name="NotifyOwner">E-mail the owner a digest of others' opens and refusals; absent (false) from older clients.</param>
public sealed record ServerPublishRequest(
    byte[] PublicKey,
    Guid? TemplateId = null,
    IReadOnlyList<RightsGrant>? Grants = null,
    DateTimeOffset? ExpiresAt = null,
    int? OfflineDays = null,
    string? FileName = null,
    bool NotifyOwner = false);

/// <summary>
/// What the client needs to encrypt the document itself: the publishing licence to put in the container and the
/// content key, RSA-OAEP wrapped (<see cref="WrapAlgorithm"/>, a JOSE name) for the request's public key.
/// </summary>
public sealed record ServerPublishResponse(
    Guid ContentId,
    string PublishingLicense,
    string WrapAlgorithm,
    byte[] WrappedContentKey,
    DateTimeOffset RegisteredAt);
