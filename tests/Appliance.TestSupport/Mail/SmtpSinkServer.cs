using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Appliance.TestSupport.Mail;

/// <summary>
/// A real SMTP server for one test: Debian's aiosmtpd on 127.0.0.1 and a free port, with a small handler
/// that writes every message it accepts as a file into the sink's own folder. The handler exits by itself
/// when the test process is gone, so a killed test run leaves no server behind. If python3-aiosmtpd is
/// missing the test fails with the reason: mail is a feature, so its tests are never skipped.
/// </summary>
public sealed class SmtpSinkServer : IAsyncDisposable
{
    private const string HandlerModule = "appliance_smtp_sink";

    // The owner pid is watched from inside the server, so nothing else has to outlive the test process.
    private const string HandlerSource = """
        import itertools, os, threading, time

        class FileSink:
            def __init__(self, folder, owner_pid):
                self.folder = folder
                self.counter = itertools.count()
                pid = int(owner_pid)

                def watch():
                    while True:
                        try:
                            os.kill(pid, 0)
                        except OSError:
                            os._exit(0)
                        time.sleep(1)

                threading.Thread(target=watch, daemon=True).start()

            @classmethod
            def from_cli(cls, parser, *args):
                if len(args) != 2:
                    parser.error("FileSink takes FOLDER OWNER_PID")
                return cls(*args)

            async def handle_DATA(self, server, session, envelope):
                n = next(self.counter)
                temp = os.path.join(self.folder, ".%06d.tmp" % n)
                with open(temp, "wb") as f:
                    f.write(envelope.content)
                os.rename(temp, os.path.join(self.folder, "%06d.eml" % n))
                return "250 Message accepted for delivery"
        """;

    // Debian's python3-aiosmtpd belongs to the system interpreter; a pyenv or venv python3 earlier on PATH lacks it.
    private static readonly string Python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private readonly Process _process;
    private readonly string _folder;

    private SmtpSinkServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string MailFolder => Path.Combine(_folder, "mail");

    /// <summary>Settings that point an appliance at this sink (plain SMTP, no account).</summary>
    public IReadOnlyDictionary<string, string?> ApplianceSettings => new Dictionary<string, string?>
    {
        ["Appliance:Mail:Host"] = "127.0.0.1",
        ["Appliance:Mail:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Appliance:Mail:Security"] = "None",
        ["Appliance:Mail:From"] = "Rights Management <rms@appliance.test>",
    };

    /// <param name="port">
    /// A port to listen on, e.g. one an appliance was pointed at while no server listened (see <see cref="FreePort"/>);
    /// by default a free one.
    /// </param>
    public static async Task<SmtpSinkServer> StartAsync(int? port = null)
    {
        await EnsureAiosmtpdAsync();
        var failures = new List<string>();
        // A free port can be taken between asking for it and the server binding it: try a few (a given port once).
        for (var attempt = 0; attempt < (port is null ? 3 : 1); attempt++)
        {
            var folder = Directory.CreateTempSubdirectory("appliance-smtp-").FullName;
            Directory.CreateDirectory(Path.Combine(folder, "mail"));
            await File.WriteAllTextAsync(Path.Combine(folder, HandlerModule + ".py"), HandlerSource);
            var listen = port ?? FreePort();
            var start = new ProcessStartInfo(Python)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["PYTHONPATH"] = folder;
            foreach (var argument in new[]
            {
                "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{listen}", "-c", HandlerModule + ".FileSink",
                Path.Combine(folder, "mail"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run python3.");
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (await WaitForPortAsync(process, listen))
            {
                return new SmtpSinkServer(process, folder, listen);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            failures.Add(await error);
            process.Dispose();
            Directory.Delete(folder, recursive: true);
        }

        throw new InvalidOperationException("The SMTP sink (python3 -m aiosmtpd) did not start: " + string.Join("; ", failures.Select(f => f.Trim())));
    }

    /// <summary>Every message delivered so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        [.. Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))];

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        [.. Messages().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until <paramref name="address"/> has received <paramref name="count"/> messages; returns the last.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var messages = MessagesTo(address);
            if (messages.Count >= count)
            {
                return messages[count - 1];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{address} received {messages.Count} of {count} messages at the SMTP sink on port {Port}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task EnsureAiosmtpdAsync()
    {
        var start = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import aiosmtpd");
        try
        {
            using var check = Process.Start(start) ?? throw new InvalidOperationException("Could not run python3.");
            await check.WaitForExitAsync();
            if (check.ExitCode == 0)
            {
                return;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // python3 itself is missing: same advice.
        }

        throw new InvalidOperationException(
            "Mail tests need a real SMTP server: install python3-aiosmtpd (apt-get install python3-aiosmtpd; ./test.sh does it as root).");
    }

    private static async Task<bool> WaitForPortAsync(Process process, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }

    /// <summary>A port on 127.0.0.1 nobody listens on, for now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
