namespace Appliance.Data.Usage;

/// <summary>
/// The newest entry of a chain. Its row is the lock that keeps a chain one line when several nodes write: an entry
/// takes its sequence number and predecessor from here, in the transaction that inserts it.
/// </summary>
public sealed class UsageChainHead
{
    public required string Chain { get; set; }

    public long Sequence { get; set; }

    public required byte[] HeadHash { get; set; }
}
