namespace Appliance.Data;

/// <summary>Which database the appliance uses. Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Required for <see cref="DatabaseProvider.Postgres"/>. For SQLite it defaults to
    /// <c>appliance.db</c> in the data folder (<c>Appliance:DataPath</c>, default <c>./data</c>).
    /// </summary>
    public string? ConnectionString { get; set; }
}
