namespace Appliance.Crypto.Protocol;

// The JSON bodies of the document registry calls under /api/v1/documents (docs/protocol.md, "Documents:
// tracking and revocation"): what the appliance knows about a protected document, and who asked for it.

/// <summary>
/// A registered document as the appliance knows it; it never holds the content. <paramref name="TemplateName"/> is
/// the template's first name, null for an ad-hoc policy or a template deleted since. <paramref name="RevokedAt"/> set:
/// no new licence is issued but to the owner, until it is un-revoked.
/// </summary>
public sealed record DocumentDetails(
    Guid ContentId,
    string? FileName,
    string Owner,
    Guid? TemplateId,
    string? TemplateName,
    DateTimeOffset PublishedAt,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy);

/// <summary>
/// One usage entry of a document: an open granted or refused (<c>AcquireLicense</c>), its registration
/// (<c>Publish</c>), a revocation (<c>RevokeAccess</c>, <c>UnrevokeAccess</c>). <paramref name="Id"/> pages backwards
/// (<c>before</c>); <paramref name="Result"/> is <c>Granted</c>, <c>Denied</c> or <c>Failed</c>, with the problem code
/// of a refusal in <paramref name="ErrorCode"/>.
/// </summary>
public sealed record DocumentEvent(
    long Id,
    DateTimeOffset Timestamp,
    string? User,
    string RequestType,
    string Result,
    string? ErrorCode,
    string? ClientIp,
    string? Rights);
