using System.ComponentModel.DataAnnotations;

namespace Appliance.Web.Notifications;

/// <summary>How owners' notification digests are sent (<c>Appliance:Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Appliance:Notifications";

    /// <summary>Time between digest runs: an owner gets at most one mail per interval, however many events arrive.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a node's claim on events holds. A node that dies between claiming and sending leaves them claimed;
    /// after this another node sends them. Longer than a send can take, or two nodes could send the same events.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most events one mail lists; the rest follow in the next run's mail.</summary>
    [Range(1, 10_000)]
    public int MaxEventsPerMail { get; set; } = 200;
}
