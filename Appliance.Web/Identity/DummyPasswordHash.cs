using System.Security.Cryptography;
using Appliance.Data.Users;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Identity;

/// <summary>
/// The hash of a random password that belongs to no account, made once at start-up with the appliance's own
/// <see cref="IPasswordHasher{TUser}"/> (so with its algorithm and iteration count), for the sign-ins that have no
/// real hash to check: an unknown name, a locked or disabled account, an account without a password.
/// </summary>
// SECURITY: checking a real password costs one PBKDF2 verification, nearly all of a refusal's time; answering at once
// for an unknown or locked account told anyone with a stopwatch which accounts exist. Those refusals spend it too.
public sealed class DummyPasswordHash
{
    private static readonly ApplianceUser Nobody = new();

    private readonly string _hash;

    public DummyPasswordHash(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        _hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<ApplianceUser>>()
            .HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    /// <summary>Verifies <paramref name="password"/> against the dummy hash, at a real verification's cost, and forgets the answer.</summary>
    public void Verify(IPasswordHasher<ApplianceUser> hasher, string? password) =>
        _ = hasher.VerifyHashedPassword(Nobody, _hash, password ?? string.Empty);
}
