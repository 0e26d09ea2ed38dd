using System.ComponentModel.DataAnnotations;

namespace Appliance.Web.Hosting;

public sealed class ApplianceOptions
{
    public const string Section = "Appliance";

    /// <summary>Folder for the SQLite database, Data Protection keys and other node state.</summary>
    [Required]
    public string DataPath { get; set; } = "./data";

    /// <summary>
    /// The issuer written into publishing licences made by this appliance, normally its public URL.
    /// </summary>
    [Required]
    public string Issuer { get; set; } = "urn:rms-appliance";

    /// <summary>
    /// Password of the first-start <c>admin</c> account; read once, when the account is created.
    /// Bound from <c>APPLIANCE_ADMIN_PASSWORD</c> as well.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// When false, OAuth endpoints accept plain HTTP. Only for a node behind a TLS-terminating
    /// proxy or on loopback; production exposure must use HTTPS.
    /// </summary>
    public bool RequireHttps { get; set; }

    /// <summary>Offline days used when a policy does not say; each tenant's own maximum still caps them.</summary>
    [Range(0, 3650)]
    public int DefaultOfflineDays { get; set; } = 7;

    /// <summary>How long a user certificate is valid.</summary>
    [Range(1, 3650)]
    public int UserCertificateDays { get; set; } = 365;

    public string FullDataPath => Path.GetFullPath(DataPath);
}
