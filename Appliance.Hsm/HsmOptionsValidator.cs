using System.Text;
using Microsoft.Extensions.Options;

namespace Appliance.Hsm;

/// <summary>Checks <see cref="HsmOptions"/> at start-up, so a misconfigured node fails before serving anyone.</summary>
internal sealed class HsmOptionsValidator : IValidateOptions<HsmOptions>
{
    /// <summary>PKCS#11 token labels are 32 bytes, blank padded.</summary>
    private const int MaxTokenLabelBytes = 32;

    public ValidateOptionsResult Validate(string? name, HsmOptions options)
    {
        var problems = Problems(options, requireModuleAndPins: true);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>
    /// Structural problems. The vault itself reports a missing module or PIN with its own typed errors, so it
    /// asks without <paramref name="requireModuleAndPins"/>.
    /// </summary>
    public static List<string> Problems(HsmOptions options, bool requireModuleAndPins)
    {
        var problems = new List<string>();
        if (requireModuleAndPins && string.IsNullOrWhiteSpace(options.ModulePath))
        {
            problems.Add("Hsm:ModulePath is required (the PKCS#11 module, for example libsofthsm2.so)");
        }

        if (options.MaxSessionsPerRegion is < 1 or > 1024)
        {
            problems.Add("Hsm:MaxSessionsPerRegion must be between 1 and 1024");
        }

        if (options.Regions is null || options.Regions.Count == 0)
        {
            problems.Add("Hsm:Regions must list at least one region");
            return problems;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Regions.Count; i++)
        {
            var region = options.Regions[i];
            var prefix = $"Hsm:Regions:{i}";
            if (string.IsNullOrWhiteSpace(region.Name))
            {
                problems.Add($"{prefix}:Name is required");
            }
            else if (!names.Add(region.Name))
            {
                problems.Add($"{prefix}:Name '{region.Name}' is listed twice");
            }

            if (string.IsNullOrWhiteSpace(region.TokenLabel))
            {
                problems.Add($"{prefix}:TokenLabel is required");
            }
            else if (Encoding.UTF8.GetByteCount(region.TokenLabel) > MaxTokenLabelBytes)
            {
                problems.Add($"{prefix}:TokenLabel is longer than {MaxTokenLabelBytes} bytes, the PKCS#11 limit");
            }

            if (requireModuleAndPins && string.IsNullOrEmpty(region.Pin) && string.IsNullOrWhiteSpace(region.PinFile))
            {
                problems.Add($"{prefix} needs PinFile (or Pin)");
            }
        }

        return problems;
    }
}
