namespace Appliance.Web.Identity;

/// <summary>
/// The appliance roles. A user with none of them is a plain user: the licensing API only.
/// <see cref="Administrator"/> is appliance-wide; every other role is held for a set of organisations and reaches
/// only those (<see cref="OrganisationScope"/>, docs/adr/0001-roles-scoped-to-organisations.md).
/// </summary>
public static class ApplianceRoles
{
    /// <summary>Global administrator: runs the appliance, activation, users, everything in the admin API.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Maintains rights policy templates (the template API comes later).</summary>
    public const string TemplateAdministrator = "TemplateAdministrator";

    /// <summary>Takes part in key ceremonies (the key ceremony API comes later).</summary>
    public const string SecurityOfficer = "SecurityOfficer";

    /// <summary>Reads the usage log and reports; changes nothing.</summary>
    public const string Auditor = "Auditor";

    public static IReadOnlyList<string> All { get; } = [Administrator, TemplateAdministrator, SecurityOfficer, Auditor];

    /// <summary>The roles held for organisations rather than for the whole appliance.</summary>
    public static IReadOnlyList<string> Scoped { get; } = [TemplateAdministrator, SecurityOfficer, Auditor];

    /// <summary>One line per role, as the admin API lists them.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Administrator] = "Global administrator: tenants, users, groups, services, roles and everything else.",
        [TemplateAdministrator] = "Maintains the rights policy templates.",
        [SecurityOfficer] = "Takes part in key ceremonies.",
        [Auditor] = "Reads the usage log and reports; changes nothing.",
    };
}

public static class AppliancePolicies
{
    /// <summary>Bearer token of any signed-in caller; the admin route group requires it, each endpoint adds its role policy.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Bearer token of a global administrator (tenants, users, groups, services, roles).</summary>
    public const string AdminApi = "admin-api";

    /// <summary>Bearer token of a global administrator or an auditor (reading the usage log).</summary>
    public const string UsageRead = "usage-read";

    /// <summary>Bearer token of any signed-in user (licensing API).</summary>
    public const string LicensingApi = "licensing-api";

    /// <summary>Portal cookie of any signed-in person.</summary>
    public const string PortalSignedIn = "portal-signed-in";

    /// <summary>Portal cookie of a global administrator, with the second factor when the security policy requires it.</summary>
    public const string PortalAdministrator = "portal-administrator";

    /// <summary>Portal cookie of a global administrator or an auditor, with the second factor when required.</summary>
    public const string PortalAuditor = "portal-auditor";
}
