namespace Appliance.Hsm;

/// <summary>One region's security world: the token (partition) that holds its keys and how to log in to it.</summary>
public sealed class HsmRegionOptions
{
    /// <summary>Region name as tenants record it (for example <c>na</c>, <c>emea</c>, <c>apac</c>).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Token label (Luna: partition label). Tokens are found by label because slot ids change.</summary>
    public string TokenLabel { get; set; } = string.Empty;

    /// <summary>The user (crypto-officer) PIN inline. Prefer <see cref="PinFile"/> outside development.</summary>
    public string? Pin { get; set; }

    /// <summary>
    /// A file only the service account can read (0600) holding either the bare user PIN or the lines
    /// <c>so-pin=...</c> / <c>user-pin=...</c> that hsm-sim writes; only the user PIN is ever used.
    /// </summary>
    public string? PinFile { get; set; }
}
