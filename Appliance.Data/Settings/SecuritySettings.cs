namespace Appliance.Data.Settings;

/// <summary>
/// The appliance-wide security policy: one row (<see cref="SingletonId"/>). No row means the defaults,
/// so a fresh database needs no seed.
/// </summary>
public sealed class SecuritySettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>
    /// When true, a user holding any appliance role must have enrolled an authenticator app and have signed
    /// in with it to reach an admin page, and gets no token from the password grant until enrolled.
    /// </summary>
    public bool RequireAdministratorTwoFactor { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}
