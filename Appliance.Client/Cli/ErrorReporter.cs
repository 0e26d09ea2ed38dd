using Appliance.Client.Sdk;
using Appliance.Crypto.Container;
using Appliance.Crypto.Licensing;

namespace Appliance.Client.Cli;

/// <summary>
/// The one place where a failure becomes what the user sees: one sentence on standard error and an
/// exit code. Nothing printed here carries a token, a password or a key.
/// </summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, TextWriter error)
    {
        var (sentence, exitCode) = Describe(exception);
        error.WriteLine(sentence);
        error.Flush();
        return exitCode;
    }

    public static (string Sentence, int ExitCode) Describe(Exception exception) => exception switch
    {
        OperationCanceledException => ("cancelled", ExitCodes.Cancelled),
        RmsException rms => (rms.Message, ExitCodes.ForCode(rms.Code)),
        ProtectedFileException file => Describe(ProtectedFileErrors.ToRmsException(file)),
        // SECURITY: which check a licence failed is not the user's business; the type says enough.
        LicenseException => ("a licence failed verification", ExitCodes.Failure),
        FileNotFoundException or DirectoryNotFoundException => (exception.Message, ExitCodes.Usage),
        IOException or UnauthorizedAccessException => ($"file error: {exception.Message}", ExitCodes.Failure),
        _ => ($"unexpected error: {exception.Message}", ExitCodes.Failure),
    };
}
