namespace Appliance.Client.Sdk;

/// <summary>
/// Base of every failure the SDK reports. <see cref="Code"/> is one of
/// <see cref="Appliance.Crypto.Protocol.ProblemCodes"/> or <see cref="ClientErrorCodes"/>, so callers
/// branch on it; <see cref="Exception.Message"/> is one human sentence that never carries a secret.
/// </summary>
public class RmsException : Exception
{
    public RmsException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public RmsException(string code, string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    public string Code { get; }
}
