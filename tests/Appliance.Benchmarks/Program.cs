using System.Globalization;
using Appliance.Benchmarks.UsageReports;
using BenchmarkDotNet.Running;

namespace Appliance.Benchmarks;

// A named entry point: top-level statements would generate a global Program that clashes with the appliance's.
internal static class BenchmarkProgram
{
    /// <summary>
    /// <c>protection</c>: BenchmarkDotNet, protect/unprotect against raw AES-GCM.
    /// <c>licensing [seconds] [clients]</c>: use licences per second over HTTP against raw HSM unwrap+sign per second.
    /// <c>usage-report [entries]</c>: usage report pages and charts over a seeded log on SQLite and PostgreSQL.
    /// </summary>
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "licensing" => await LicensingLoad.RunAsync(
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4),
        "protection" => RunProtection(args[1..]),
        "usage-report" => await UsageReportLoad.RunAsync(
            args.Length > 1 ? int.Parse(args[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 1_000_000),
        _ => Usage(),
    };

    private static int RunProtection(string[] rest)
    {
        BenchmarkRunner.Run<ProtectionBenchmarks>(args: rest);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Appliance.Benchmarks protection | licensing [seconds] [clients] | usage-report [entries]");
        return 2;
    }
}
