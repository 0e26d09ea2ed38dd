namespace Appliance.Crypto.Licensing;

/// <summary>The protected header of every JWS in this format; exactly these three members, in this order.</summary>
public sealed record JwsHeader(string Alg, string Kid, string Typ);
