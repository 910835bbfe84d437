namespace Toolsmith.Import.Curl;

/// <summary>cURL's command-line options as the importer needs to know them: which take an argument, and what each short one means.</summary>
internal static class CurlOptions
{
    /// <summary>Short options and their long names.</summary>
    public static readonly Dictionary<char, string> Short = new()
    {
        ['X'] = "--request", ['H'] = "--header", ['d'] = "--data", ['F'] = "--form", ['u'] = "--user", ['b'] = "--cookie",
        ['c'] = "--cookie-jar", ['A'] = "--user-agent", ['e'] = "--referer", ['o'] = "--output", ['m'] = "--max-time",
        ['x'] = "--proxy", ['T'] = "--upload-file", ['w'] = "--write-out", ['E'] = "--cert", ['K'] = "--config",
        ['r'] = "--range", ['D'] = "--dump-header", ['U'] = "--proxy-user", ['C'] = "--continue-at", ['z'] = "--time-cond",
        ['Y'] = "--speed-limit", ['y'] = "--speed-time", ['t'] = "--telnet-option", ['Q'] = "--quote", ['P'] = "--ftp-port",
        ['G'] = "--get", ['L'] = "--location", ['k'] = "--insecure", ['s'] = "--silent", ['S'] = "--show-error",
        ['v'] = "--verbose", ['i'] = "--include", ['I'] = "--head", ['f'] = "--fail", ['O'] = "--remote-name",
        ['J'] = "--remote-header-name", ['N'] = "--no-buffer", ['#'] = "--progress-bar", ['g'] = "--globoff",
        ['4'] = "--ipv4", ['6'] = "--ipv6", ['0'] = "--http1.0", ['1'] = "--tlsv1", ['2'] = "--sslv2", ['3'] = "--sslv3",
        ['V'] = "--version", ['h'] = "--help", ['n'] = "--netrc", ['q'] = "--disable", ['j'] = "--junk-session-cookies",
        ['l'] = "--list-only", ['a'] = "--append", ['B'] = "--use-ascii", ['M'] = "--manual", ['p'] = "--proxytunnel",
        ['R'] = "--remote-time", ['Z'] = "--parallel",
    };

    /// <summary>Long options that take an argument (from curl's manual); anything else is a flag.</summary>
    public static readonly HashSet<string> WithArgument = new(StringComparer.Ordinal)
    {
        "--request", "--header", "--data", "--data-ascii", "--data-raw", "--data-binary", "--data-urlencode", "--json",
        "--form", "--form-string", "--user", "--cookie", "--cookie-jar", "--user-agent", "--referer", "--output", "--max-time",
        "--proxy", "--upload-file", "--write-out", "--cert", "--config", "--range", "--dump-header", "--proxy-user",
        "--continue-at", "--time-cond", "--speed-limit", "--speed-time", "--telnet-option", "--quote", "--ftp-port", "--url",
        "--url-query", "--oauth2-bearer", "--max-redirs", "--connect-timeout", "--retry", "--retry-delay", "--retry-max-time",
        "--cacert", "--capath", "--cert-type", "--key", "--key-type", "--pass", "--ciphers", "--tls13-ciphers", "--curves",
        "--resolve", "--connect-to", "--interface", "--local-port", "--limit-rate", "--max-filesize", "--noproxy",
        "--proxy-header", "--proxy-cacert", "--proxy-capath", "--proxy-cert", "--proxy-cert-type", "--proxy-key",
        "--proxy-key-type", "--proxy-pass", "--proxy-ciphers", "--proxy-tls13-ciphers", "--proxy-tlsuser", "--proxy-tlspassword",
        "--proxy-tlsauthtype", "--proxy-service-name", "--proxy-pinnedpubkey", "--preproxy", "--socks4", "--socks4a", "--socks5",
        "--socks5-hostname", "--socks5-gssapi-service", "--pinnedpubkey", "--dns-servers", "--dns-interface", "--dns-ipv4-addr",
        "--dns-ipv6-addr", "--doh-url", "--aws-sigv4", "--request-target", "--unix-socket", "--abstract-unix-socket",
        "--netrc-file", "--trace", "--trace-ascii", "--trace-config", "--stderr", "--output-dir", "--create-file-mode",
        "--expect100-timeout", "--happy-eyeballs-timeout-ms", "--haproxy-clientip", "--hsts", "--alt-svc", "--etag-compare",
        "--etag-save", "--keepalive-time", "--keepalive-cnt", "--krb", "--libcurl", "--login-options", "--mail-auth",
        "--mail-from", "--mail-rcpt", "--parallel-max", "--proto", "--proto-default", "--proto-redir", "--random-file",
        "--egd-file", "--engine", "--rate", "--sasl-authzid", "--service-name", "--tftp-blksize", "--tls-max", "--tlsauthtype",
        "--tlspassword", "--tlsuser", "--variable", "--ftp-account", "--ftp-alternative-to-user", "--ftp-method",
        "--ftp-ssl-ccc-mode", "--hostpubmd5", "--hostpubsha256", "--pubkey", "--delegation", "--ech", "--ip-tos", "--vlan-priority",
    };

    /// <summary>Options that only change what curl prints or saves, not the request Toolsmith sends.</summary>
    public static readonly HashSet<string> OutputOnly = new(StringComparer.Ordinal)
    {
        "--silent", "--show-error", "--verbose", "--include", "--progress-bar", "--no-progress-meter", "--no-buffer",
        "--output", "--remote-name", "--remote-header-name", "--remote-name-all", "--create-dirs", "--output-dir", "--write-out",
        "--dump-header", "--trace", "--trace-ascii", "--trace-time", "--trace-ids", "--trace-config", "--stderr", "--fail",
        "--fail-with-body", "--fail-early", "--styled-output", "--no-styled-output", "--remote-time", "--xattr",
        "--libcurl", "--clobber", "--no-clobber", "--skip-existing", "--show-headers",
    };

    /// <summary>
    /// Flags (no argument) of the connection, TLS, HTTP version and redirects, from curl's manual, beside those
    /// <see cref="Short"/> names: known, and not copied (the warning says the step does not support them rather than that
    /// they are not curl's).
    /// </summary>
    public static readonly HashSet<string> Connection = new(StringComparer.Ordinal)
    {
        "--http1.1", "--http2", "--http2-prior-knowledge", "--http3", "--http3-only", "--http0.9", "--path-as-is",
        "--tlsv1.0", "--tlsv1.1", "--tlsv1.2", "--tlsv1.3", "--ssl", "--ssl-allow-beast", "--ssl-no-revoke",
        "--ssl-revoke-best-effort", "--ssl-auto-client-cert", "--cert-status", "--false-start", "--raw",
        "--ignore-content-length", "--post301", "--post302", "--post303", "--location-trusted", "--proxy-insecure",
        "--proxy-basic", "--proxy-digest", "--proxy-ntlm", "--proxy-negotiate", "--proxy-anyauth", "--proxy-http2",
        "--proxy-ssl-allow-beast", "--proxy-ssl-auto-client-cert", "--proxy-tlsv1", "--doh-insecure", "--doh-cert-status",
        "--tcp-fastopen", "--retry-connrefused", "--retry-all-errors", "--mptcp", "--sasl-ir", "--crlf",
        "--suppress-connect-headers", "--alpn", "--npn", "--session-id", "--buffer", "--epsv", "--eprt", "--ftp-pasv",
        "--ftp-create-dirs", "--ftp-skip-pasv-ip", "--ftp-pret", "--ftp-ssl-ccc", "--ftp-ssl-control", "--ca-native",
        "--proxy-ca-native", "--netrc-optional", "--remove-on-error", "--parallel-immediate", "--metalink", "--xattr",
        "--disallow-username-in-url", "--haproxy-protocol",
    };

    /// <summary>Options that have no effect Toolsmith needs to copy: it always decompresses and always uses basic auth for -u.</summary>
    public static readonly HashSet<string> Harmless = new(StringComparer.Ordinal)
    {
        "--compressed", "--basic", "--tr-encoding", "--no-keepalive", "--keepalive", "--tcp-nodelay", "--no-sessionid",
        "--disable", "--ssl-reqd",
    };
}
