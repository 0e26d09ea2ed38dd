using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `--tenant ID|NAME` for admin verbs whose endpoint takes a tenant id: resolved among the organisations the
/// caller sees, and optional when there is only one.
/// </summary>
internal static class AdminTenantOption
{
    public static Option<string> Create() => new("--tenant")
    {
        Description = "The organisation: its id, its name or one of its domains (default: the only one)",
        HelpName = "ID|NAME",
    };

    public static async Task<TenantSummary> ResolveAsync(RmsClient client, string? wanted, CancellationToken ct)
    {
        var tenants = await client.ListTenantsAsync(ct);
        if (string.IsNullOrWhiteSpace(wanted))
        {
            return tenants.Count switch
            {
                1 => tenants[0],
                0 => throw new UsageException("there is no organisation yet; rms admin activate makes one"),
                _ => throw new UsageException($"--tenant is required: the organisations are {Choices(tenants)}"),
            };
        }

        var key = wanted.Trim();
        List<TenantSummary> found = Guid.TryParse(key, out var id)
            ? [.. tenants.Where(t => t.Id == id)]
            : [.. tenants.Where(t => string.Equals(t.Name, key, StringComparison.OrdinalIgnoreCase)
                || t.Domains.Contains(key, StringComparer.OrdinalIgnoreCase))];
        return found.Count switch
        {
            1 => found[0],
            0 => throw new UsageException($"there is no organisation '{key}'; the organisations are {Choices(tenants)}"),
            _ => throw new UsageException($"'{key}' names more than one organisation; give its id: {Choices(found)}"),
        };
    }

    private static string Choices(IEnumerable<TenantSummary> tenants)
    {
        var names = tenants.Select(t => $"{t.Name} ({t.Id})").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
