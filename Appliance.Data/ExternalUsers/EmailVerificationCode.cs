namespace Appliance.Data.ExternalUsers;

/// <summary>
/// The one live sign-in code of an external recipient's address. Only a salted hash of the code is kept,
/// so reading the database does not let anyone sign in; a new request replaces the row.
/// </summary>
public sealed class EmailVerificationCode
{
    public long Id { get; set; }

    /// <summary>Trimmed, lower-case address; unique, so an address has at most one live code.</summary>
    public required string Email { get; set; }

    /// <summary>Random per code; the key of the HMAC-SHA-256 in <see cref="CodeHash"/>.</summary>
    public required byte[] Salt { get; set; }

    public required byte[] CodeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Wrong (and right) attempts so far; the code is dead once the limit is reached.</summary>
    public int Attempts { get; set; }
}
