namespace Appliance.Data.Notifications;

/// <summary>
/// Someone opened, or was refused, a document whose owner asked to be told. Written with the request's usage entry;
/// sent later, grouped with the owner's other pending events into one digest mail.
/// </summary>
public sealed class OwnerNotification
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid ContentId { get; set; }

    public required string OwnerEmail { get; set; }

    public string? FileName { get; set; }

    public OwnerNotificationEvent Event { get; set; }

    public string? UserEmail { get; set; }

    public string? ClientIp { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>
    /// When a node took it into a digest it is sending. Another node leaves it alone until the claim is old enough to
    /// mean that node died before sending; so an event is mailed once, and never lost.
    /// </summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>Null until a digest carrying it was handed to the mail server.</summary>
    public DateTimeOffset? SentAt { get; set; }
}

public enum OwnerNotificationEvent
{
    Opened = 0,
    Refused = 1,
}
