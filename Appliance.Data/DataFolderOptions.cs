namespace Appliance.Data;

/// <summary>
/// The one key of the <c>Appliance</c> section this project needs: where the default SQLite file lives.
/// Other projects bind the same section to their own options.
/// </summary>
internal sealed class DataFolderOptions
{
    public const string Section = "Appliance";

    public const string DefaultDataPath = "./data";

    public const string DefaultSqliteFileName = "appliance.db";

    public string DataPath { get; set; } = DefaultDataPath;
}
