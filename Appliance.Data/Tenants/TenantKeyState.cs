namespace Appliance.Data.Tenants;

public enum TenantKeyState
{
    /// <summary>Protects new content.</summary>
    Active = 0,

    /// <summary>Still opens old content; protects nothing new.</summary>
    Archived = 1,

    /// <summary>Destroyed in the HSM by a key ceremony; content under it is unreadable.</summary>
    Destroyed = 2,
}
