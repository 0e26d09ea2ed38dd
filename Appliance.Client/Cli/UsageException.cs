using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Cli;

/// <summary>A command line that parses but makes no sense (a bad --grant, a missing file): exit code 2.</summary>
public sealed class UsageException : RmsException
{
    public UsageException(string message)
        : base(ProblemCodes.ValidationFailed, message)
    {
    }
}
