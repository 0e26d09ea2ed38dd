namespace Appliance.Crypto.Licensing;

/// <summary>Rights granted to one principal, an e-mail address (user or group), lower-cased.</summary>
public sealed record RightsGrant(string Principal, IReadOnlyList<string> Rights);
