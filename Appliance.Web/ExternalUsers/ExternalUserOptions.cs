using System.ComponentModel.DataAnnotations;

namespace Appliance.Web.ExternalUsers;

/// <summary>Sign-in of external recipients by e-mailed code (<c>Appliance:ExternalUsers</c>).</summary>
public sealed class ExternalUserOptions
{
    public const string Section = "Appliance:ExternalUsers";

    /// <summary>How long a code can be used.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The least time between two codes for one address, so nobody can flood a mailbox through the appliance.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Code requests per client IP address and minute, whatever the addresses.</summary>
    [Range(1, 10000)]
    public int RequestsPerMinutePerClient { get; set; } = 30;
}
