namespace Appliance.Data;

public enum DatabaseProvider
{
    /// <summary>One file under the data folder; the embedded default for a single node.</summary>
    Sqlite = 0,

    /// <summary>For production and for several appliance nodes behind a load balancer.</summary>
    Postgres = 1,
}
