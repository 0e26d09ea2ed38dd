namespace Appliance.Web.Identity;

public static class ApplianceRoles
{
    /// <summary>Runs the appliance: activation, users, everything in the admin API.</summary>
    public const string Administrator = "Administrator";

    public static IReadOnlyList<string> All { get; } = [Administrator];
}

public static class AppliancePolicies
{
    /// <summary>Bearer token of an administrator (admin API).</summary>
    public const string AdminApi = "admin-api";

    /// <summary>Bearer token of any signed-in user (licensing API).</summary>
    public const string LicensingApi = "licensing-api";
}
