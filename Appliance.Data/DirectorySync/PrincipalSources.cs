namespace Appliance.Data.DirectorySync;

/// <summary>Where a user or a group comes from, stored as text in <c>Source</c>.</summary>
public static class PrincipalSources
{
    /// <summary>Created in the appliance (admin API, portal); a local user signs in with its Identity password.</summary>
    public const string Local = "local";

    /// <summary>Mirrored from the tenant's LDAP directory; a synced user signs in by an LDAP bind as its DN.</summary>
    public const string Ldap = "ldap";

    /// <summary>
    /// A recipient outside every organisation who proved an address with an e-mailed code; no password,
    /// no tenant, no roles, and rights only through grants naming that address.
    /// </summary>
    public const string External = "external";

    public const int MaxLength = 16;
}
