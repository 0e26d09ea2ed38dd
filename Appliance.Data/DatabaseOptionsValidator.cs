using Microsoft.Extensions.Options;

namespace Appliance.Data;

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} must be Sqlite or Postgres.");
        }

        // SQLite gets a default file in the data folder (post-configured before validation runs).
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)} is required when "
                + $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} is {options.Provider}.");
        }

        return ValidateOptionsResult.Success;
    }
}
