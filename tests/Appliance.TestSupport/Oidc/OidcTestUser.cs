namespace Appliance.TestSupport.Oidc;

/// <summary>A person at the test provider: signs in with a user name and password; <see cref="Claims"/> go into the ID token.</summary>
public sealed record OidcTestUser(string UserName, string Password, string Subject, IReadOnlyDictionary<string, string> Claims);
