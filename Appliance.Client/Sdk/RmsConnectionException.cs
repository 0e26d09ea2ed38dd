namespace Appliance.Client.Sdk;

/// <summary>The appliance could not be reached at all (no HTTP answer).</summary>
public sealed class RmsConnectionException : RmsException
{
    public RmsConnectionException(Uri server, string reason, Exception? innerException)
        : base(ClientErrorCodes.Unreachable, $"cannot reach the appliance at {server}: {reason}", innerException)
    {
        Server = server;
    }

    public Uri Server { get; }
}
