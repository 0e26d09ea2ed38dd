namespace Appliance.Hsm;

/// <summary>
/// Where the tenant keys live: one PKCS#11 module and one token (partition) per region served by this node.
/// Bound from the configuration section <see cref="Section"/>; hsm-sim/setup.sh prints a ready-made set.
/// </summary>
public sealed class HsmOptions
{
    public const string Section = "Hsm";

    /// <summary>Path of the PKCS#11 module (libsofthsm2.so, Luna's libCryptoki2_64.so, ...).</summary>
    public string ModulePath { get; set; } = string.Empty;

    /// <summary>The regions this node serves; a request for any other region is refused.</summary>
    public List<HsmRegionOptions> Regions { get; set; } = [];

    /// <summary>Upper bound of concurrent PKCS#11 sessions per region (one operation per session at a time).</summary>
    public int MaxSessionsPerRegion { get; set; } = 8;
}
