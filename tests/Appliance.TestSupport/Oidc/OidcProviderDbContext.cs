using Microsoft.EntityFrameworkCore;

namespace Appliance.TestSupport.Oidc;

/// <summary>OpenIddict's applications, authorizations and tokens for one test provider (a private SQLite file).</summary>
public sealed class OidcProviderDbContext(DbContextOptions<OidcProviderDbContext> options) : DbContext(options);
