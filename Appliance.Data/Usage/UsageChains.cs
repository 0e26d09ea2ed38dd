namespace Appliance.Data.Usage;

public static class UsageChains
{
    /// <summary>The chain of requests that concern no tenant (appliance administration, callers not yet known).</summary>
    public const string Appliance = "appliance";

    /// <summary>Entries written before the log was chained; migration gives them this chain and leaves them unverified.</summary>
    public const string PreChain = "pre-chain";

    public const int MaxLength = 36;

    public static string Of(Guid? tenantId) => tenantId is { } id ? id.ToString("D") : Appliance;
}
