namespace Appliance.Data.DirectorySync;

/// <summary>
/// A tenant's LDAP directory (Active Directory or OpenLDAP) that users and groups are synced from.
/// </summary>
public sealed class LdapDirectory
{
    /// <summary>One directory per tenant: the tenant's id is the key.</summary>
    public Guid TenantId { get; set; }

    /// <summary><c>ldap://host:port</c> or <c>ldaps://host:port</c>.</summary>
    public required string ServerUrl { get; set; }

    public required string BindDn { get; set; }

    /// <summary>
    /// The bind password as an ASP.NET Data Protection payload. SECURITY: the plaintext is never stored,
    /// returned by the API or logged; only the sync unprotects it, just before binding.
    /// </summary>
    public required string ProtectedBindPassword { get; set; }

    public required string BaseDn { get; set; }

    public required string UserFilter { get; set; }

    public required string GroupFilter { get; set; }

    /// <summary>
    /// Users matching both this and <see cref="UserFilter"/> are disabled. Null: none is. Active Directory:
    /// <c>(userAccountControl:1.2.840.113556.1.4.803:=2)</c>; OpenLDAP: a convention such as
    /// <c>(description=disabled)</c> or <c>(pwdAccountLockedTime=*)</c> with the ppolicy overlay.
    /// </summary>
    public string? DisabledFilter { get; set; }

    /// <summary><c>objectGUID</c> (AD) or <c>entryUUID</c> (OpenLDAP).</summary>
    public required string IdAttribute { get; set; }

    /// <summary><c>mail</c>; for AD <c>userPrincipalName</c> is also accepted when mail is empty.</summary>
    public required string MailAttribute { get; set; }

    public required string DisplayNameAttribute { get; set; }

    /// <summary>The attribute of a group listing its members' DNs (<c>member</c>).</summary>
    public required string MemberAttribute { get; set; }

    /// <summary>Minutes between scheduled syncs; 0 syncs only on demand.</summary>
    public int SyncIntervalMinutes { get; set; }

    public DateTimeOffset? LastSyncAt { get; set; }

    /// <summary>A one-line summary of the last sync (counts, or the failure's reason): never a secret.</summary>
    public string? LastSyncResult { get; set; }
}
