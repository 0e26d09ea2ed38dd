using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Tenants;
using Appliance.Hsm;
using Appliance.Web.Errors;
using Appliance.Web.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tenants;

/// <summary>
/// Activates protection for an organisation: its first key version is generated inside the HSM
/// partition of its region, and only the public halves are stored.
/// </summary>
public sealed class TenantActivation(
    ApplianceDbContext db,
    ITenantKeyVault vault,
    IOptions<TenantOptions> options,
    TimeProvider clock,
    ILogger<TenantActivation> logger)
{
    public async Task<TenantSummary> ActivateAsync(ActivateTenantRequest request, CancellationToken ct)
    {
        var name = TenantInput.OrganisationName(request.Organization);
        var region = TenantInput.Region(request.Region);
        var domains = TenantInput.Domains(request.Domains);
        vault.EnsureRegionServed(region);

        if (await db.Tenants.AnyAsync(t => t.Name == name, ct))
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.TenantAlreadyExists,
                $"An organisation named '{name}' is already activated.");
        }

        var taken = await db.TenantDomains.Where(d => domains.Contains(d.Domain)).Select(d => d.Domain).ToListAsync(ct);
        if (taken.Count > 0)
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.DomainInUse,
                $"The domain '{taken[0]}' already belongs to another organisation.");
        }

        var tenantId = Guid.NewGuid();
        var keyId = TenantKeyIds.For(tenantId, version: 1);
        var algorithms = options.Value;
        var material = vault.GenerateTenantKey(region, keyId, algorithms.KeyAlgorithm, algorithms.SigningAlgorithm);
        try
        {
            var now = clock.GetUtcNow();
            var certificate = await TenantCertificate.IssueAsync(
                new TenantCertificateContent(1, tenantId, name, region, keyId, 1,
                    material.EncryptionPublicKey, AlgorithmNames.Of(material.EncryptionAlgorithm), material.WrapAlgorithm,
                    material.SigningPublicKey, material.SigningAlgorithm, now),
                vault.SigningKey(region, keyId, material.SigningAlgorithm), ct);

            var tenant = new Tenant
            {
                Id = tenantId,
                Name = name,
                Region = region,
                ActivatedAt = now,
                Domains = [.. domains.Select(d => new TenantDomain { Domain = d })],
                Keys =
                [
                    new TenantKey
                    {
                        KeyId = keyId,
                        Version = 1,
                        Region = region,
                        State = TenantKeyState.Active,
                        EncryptionAlgorithm = AlgorithmNames.Of(material.EncryptionAlgorithm),
                        WrapAlgorithm = AlgorithmNames.Of(material.WrapAlgorithm),
                        SigningAlgorithm = AlgorithmNames.Of(material.SigningAlgorithm),
                        EncryptionPublicKey = material.EncryptionPublicKey,
                        SigningPublicKey = material.SigningPublicKey,
                        Certificate = certificate,
                        CreatedAt = now,
                    },
                ],
            };
            db.Tenants.Add(tenant);
            // Saved with the tenant: an organisation is never activated without its default templates.
            db.Templates.AddRange(DefaultTemplates.For(tenantId, name, now));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Activated tenant {TenantId} in region {Region} with key {KeyId}", tenantId, region, keyId);
            return TenantSummaries.Of(tenant, tenant.Keys[0]);
        }
        catch
        {
            // Nothing half-made: keys whose tenant was never stored would be orphans in the partition.
            DestroyQuietly(region, keyId);
            throw;
        }
    }

    private void DestroyQuietly(string region, string keyId)
    {
        try
        {
            vault.DestroyKey(region, keyId);
        }
        catch (HsmException ex)
        {
            logger.LogError(ex, "Could not remove key {KeyId} after a failed activation; remove it by hand", keyId);
        }
    }
}

public static class TenantKeyIds
{
    public static string For(Guid tenantId, int version) => $"tenant-{tenantId:N}-v{version}";
}

public static class TenantSummaries
{
    public static TenantSummary Of(Tenant tenant, TenantKey active) => new(
        tenant.Id,
        tenant.Name,
        tenant.Region,
        [.. tenant.Domains.Select(d => d.Domain).Order(StringComparer.Ordinal)],
        active.Version,
        active.KeyId,
        tenant.ActivatedAt);
}
