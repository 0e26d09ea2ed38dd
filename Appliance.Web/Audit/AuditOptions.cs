using System.ComponentModel.DataAnnotations;

namespace Appliance.Web.Audit;

/// <summary>The <c>Audit</c> section: how often chains are sealed with a signed checkpoint, and how long entries are kept.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// How often each chain with new entries gets a signed checkpoint. An entry altered and the chain re-hashed after
    /// it is caught at the next checkpoint, so this bounds how much a database-level attacker can rewrite unseen.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Entries older than this many days are purged behind a signed retention checkpoint; unset keeps everything.</summary>
    [Range(1, 36500)]
    public int? RetentionDays { get; set; }
}
