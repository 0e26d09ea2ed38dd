using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using System.Text;

namespace Appliance.Web.DirectorySync;

/// <summary>One bound LDAP v3 connection (System.DirectoryServices.Protocols, over libldap on Linux).</summary>
internal sealed class LdapSession : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const int PageSize = 500;

    private readonly LdapConnection _connection;

    private LdapSession(LdapConnection connection) => _connection = connection;

    /// <summary>Connects and binds (simple bind); throws <see cref="LdapException"/> when refused.</summary>
    public static LdapSession Bind(string serverUrl, string dn, string password)
    {
        // SECURITY: an empty password makes a simple bind "unauthenticated" and succeed on most servers
        // (RFC 4513 5.1.2), which would let anyone sign in as anyone; refuse it before asking the server.
        if (string.IsNullOrEmpty(password) || string.IsNullOrWhiteSpace(dn))
        {
            throw new LdapException((int)ResultCode.InappropriateAuthentication, "An empty DN or password is never sent to the directory.");
        }

        var url = ParseUrl(serverUrl);
        var secure = url.Scheme == "ldaps";
        var port = url.IsDefaultPort || url.Port < 0 ? (secure ? 636 : 389) : url.Port;
        var connection = new LdapConnection(new LdapDirectoryIdentifier(url.Host, port), null, AuthType.Basic) { Timeout = Timeout };
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.SecureSocketLayer = secure;
            // Referrals would send the bind credentials to another server: never follow them.
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            connection.Bind(new NetworkCredential(dn, password));
            return new LdapSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static Uri ParseUrl(string serverUrl) =>
        Uri.TryCreate(serverUrl, UriKind.Absolute, out var url) && url.Scheme is "ldap" or "ldaps" && url.Host.Length > 0
            ? url
            : throw new ArgumentException($"'{serverUrl}' is not an ldap://host:port or ldaps://host:port address.", nameof(serverUrl));

    /// <summary>A subtree search, page by page, reading only <paramref name="attributes"/>.</summary>
    public List<LdapEntry> Search(string baseDn, string filter, IReadOnlyList<string> attributes)
    {
        var entries = new List<LdapEntry>();
        var request = new SearchRequest(baseDn, filter, SearchScope.Subtree, [.. attributes]);
        var paging = new PageResultRequestControl(PageSize);
        request.Controls.Add(paging);
        while (true)
        {
            var response = (SearchResponse)_connection.SendRequest(request, Timeout);
            foreach (SearchResultEntry entry in response.Entries)
            {
                entries.Add(LdapEntry.From(entry));
            }

            var cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
            if (cookie is not { Length: > 0 })
            {
                return entries;
            }

            paging.Cookie = cookie;
        }
    }

    public void Dispose() => _connection.Dispose();
}

/// <summary>The attributes of one entry, as raw values by lower-case attribute name.</summary>
internal sealed class LdapEntry
{
    private readonly Dictionary<string, List<byte[]>> _values;

    private LdapEntry(string dn, Dictionary<string, List<byte[]>> values)
    {
        Dn = dn;
        _values = values;
    }

    public string Dn { get; }

    public static LdapEntry From(SearchResultEntry entry)
    {
        var values = new Dictionary<string, List<byte[]>>(StringComparer.OrdinalIgnoreCase);
        foreach (DirectoryAttribute attribute in entry.Attributes.Values)
        {
            values[attribute.Name] = [.. attribute.GetValues(typeof(byte[])).Cast<byte[]>()];
        }

        return new LdapEntry(entry.DistinguishedName, values);
    }

    public string? First(string attribute) =>
        _values.TryGetValue(attribute, out var list) && list.Count > 0 ? Encoding.UTF8.GetString(list[0]) : null;

    public IEnumerable<string> All(string attribute) =>
        _values.TryGetValue(attribute, out var list) ? list.Select(v => Encoding.UTF8.GetString(v)) : [];

    /// <summary>
    /// The object id as text: AD's objectGUID is 16 binary bytes (shown as a GUID); OpenLDAP's entryUUID
    /// is already text.
    /// </summary>
    public string? Id(string attribute)
    {
        if (!_values.TryGetValue(attribute, out var list) || list.Count == 0)
        {
            return null;
        }

        var raw = list[0];
        return string.Equals(attribute, "objectGUID", StringComparison.OrdinalIgnoreCase) && raw.Length == 16
            ? new Guid(raw).ToString()
            : Encoding.UTF8.GetString(raw).Trim().ToLowerInvariant();
    }

    /// <summary>Active Directory's userAccountControl ACCOUNTDISABLE flag (0x2).</summary>
    public bool AdAccountDisabled() =>
        int.TryParse(First("userAccountControl"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var flags) && (flags & 2) != 0;
}
