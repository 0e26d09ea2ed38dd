using Appliance.Hsm;

namespace Appliance.TestSupport.Hsm;

/// <summary>Reads what hsm-sim/setup.sh prints (NAME=value lines, values bare or single-quoted).</summary>
internal static class HsmSimOutput
{
    public static Dictionary<string, string> ParseVariables(string output)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"hsm-sim printed a line that is not NAME=value: '{line}'");
            }

            variables[line[..equals]] = Unquote(line[(equals + 1)..]);
        }

        return variables;
    }

    /// <summary>The Hsm__* variables as options, exactly as ASP.NET Core configuration would bind them.</summary>
    public static HsmOptions ToOptions(IReadOnlyDictionary<string, string> variables)
    {
        var options = new HsmOptions { ModulePath = Required(variables, "Hsm__ModulePath") };
        for (var i = 0; variables.ContainsKey($"Hsm__Regions__{i}__Name"); i++)
        {
            options.Regions.Add(new HsmRegionOptions
            {
                Name = Required(variables, $"Hsm__Regions__{i}__Name"),
                TokenLabel = Required(variables, $"Hsm__Regions__{i}__TokenLabel"),
                PinFile = Required(variables, $"Hsm__Regions__{i}__PinFile"),
            });
        }

        return options;
    }

    private static string Required(IReadOnlyDictionary<string, string> variables, string name) =>
        variables.TryGetValue(name, out var value) ? value : throw new FormatException($"hsm-sim did not print {name}");

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1].Replace("'\\''", "'", StringComparison.Ordinal);
        }

        return value;
    }
}
