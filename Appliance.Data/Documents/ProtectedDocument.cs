namespace Appliance.Data.Documents;

/// <summary>A document registered at protection time; the appliance never stores its content.</summary>
public sealed class ProtectedDocument
{
    /// <summary>The content id from the publishing licence.</summary>
    public Guid ContentId { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>
    /// SHA-256 of the registered publishing licence's signing input (ParsedPublishingLicense.RegistrationDigest): a
    /// licence is issued only for that licence, never for another one naming the same content id. Null for documents
    /// registered before the binding existed; those are bound to their tenant, owner and signer instead.
    /// </summary>
    public byte[]? PublishingLicenseDigest { get; set; }

    public required string OwnerEmail { get; set; }

    public string? FileName { get; set; }

    public Guid? TemplateId { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    /// <summary>The owner asked, when protecting, to be e-mailed when someone opens or is refused the document.</summary>
    public bool NotifyOwner { get; set; }
}
