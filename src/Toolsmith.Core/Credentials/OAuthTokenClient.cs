using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Network;

namespace Toolsmith.Core.Credentials;

/// <summary>
/// Talks to an OAuth 2.0 token endpoint (RFC 6749 §3.2): one form POST per grant, the client authenticated as the
/// credential says (HTTP Basic by default, or <c>client_id</c>/<c>client_secret</c> in the body; a public client sends
/// only its id), the answer read as JSON. Every failure is a <see cref="CredentialException"/> naming the credential,
/// the grant and what the endpoint said (<c>error</c>, <c>error_description</c>).
/// It goes through the engine's own <see cref="HttpClient"/>, so the network policy judges the token endpoint too.
/// </summary>
internal sealed class OAuthTokenClient(HttpClient client, TimeProvider time, TimeSpan timeout)
{
    /// <summary>Asks for tokens with <paramref name="grant"/>'s fields (grant_type and its own); scopes, audience and resource are added from the credential.</summary>
    public async Task<OAuthTokens> RequestAsync(string name, CredentialDefinition credential, string grant, IEnumerable<KeyValuePair<string, string>> grantFields, CancellationToken cancellationToken)
    {
        var tokenUrl = credential.TokenUrl;
        if (string.IsNullOrEmpty(tokenUrl) || !Uri.TryCreate(tokenUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new CredentialException(name, DiagnosisKinds.BadCredentials,
                $"The credential \"{name}\" has no usable tokenUrl (\"{tokenUrl}\"): an absolute http(s) URL is needed.",
                $"Set the credential's tokenUrl to its token endpoint, e.g. https://auth.example.com/oauth/token.");
        }
        var fields = new List<KeyValuePair<string, string>>(grantFields);
        if (credential.Scopes is { Count: > 0 } scopes && grant != "authorization_code")
        {
            fields.Add(new("scope", string.Join(' ', scopes)));
        }
        if (!string.IsNullOrEmpty(credential.Audience))
        {
            fields.Add(new("audience", credential.Audience));
        }
        if (!string.IsNullOrEmpty(credential.Resource))
        {
            fields.Add(new("resource", credential.Resource));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var clientId = credential.ClientId ?? "";
        if (string.IsNullOrEmpty(credential.ClientSecret))
        {
            fields.Add(new("client_id", clientId));
        }
        else if (credential.ClientAuth == OAuthClientAuth.Body)
        {
            fields.Add(new("client_id", clientId));
            fields.Add(new("client_secret", credential.ClientSecret));
        }
        else
        {
            // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
            var pair = FormEncode(clientId) + ":" + FormEncode(credential.ClientSecret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        request.Content = new FormUrlEncodedContent(fields);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            using (response)
            {
                body = await ReadCappedAsync(response, timeoutSource.Token).ConfigureAwait(false);
                return Read(name, grant, uri, response, body);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(name, grant, uri, $"it did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is NetworkPolicyException refusal)
        {
            throw new CredentialException(name, DiagnosisKinds.BlockedByPolicy,
                $"The token endpoint of \"{name}\" ({uri.Authority}) may not be called from here: {refusal.Message}",
                "Ask the administrator to allow its host (TOOLSMITH_ALLOWED_HOSTS), or use a public token endpoint.");
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(name, grant, uri, ex.InnerException?.Message ?? ex.Message);
        }
    }

    private static CredentialException Unreachable(string name, string grant, Uri uri, string why) =>
        new(name, DiagnosisKinds.ConnectionFailed,
            $"The token endpoint of \"{name}\" ({uri.GetLeftPart(UriPartial.Path)}) could not be reached for the {grant} grant: {why}.",
            "Check the credential's tokenUrl and that the authorization server is up and reachable from this machine.");

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        const int Cap = 256 * 1024; // a token response is a few hundred bytes; anything far larger is not one
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0 && buffer.Length < Cap)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private OAuthTokens Read(string name, string grant, Uri uri, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var where = uri.GetLeftPart(UriPartial.Path);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            var type = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            throw new CredentialException(name, DiagnosisKinds.BadCredentials,
                $"The token endpoint of \"{name}\" ({where}) answered the {grant} grant with HTTP {status} and a body that is not JSON ({type}, {body.Length:N0} bytes).",
                "Check that the credential's tokenUrl is the token endpoint itself (not the sign-in page or the API), e.g. https://auth.example.com/oauth/token.");
        }
        if (root.ValueKind == JsonValueKind.Object && status is >= 200 and < 300 && Text(root, "access_token") is { Length: > 0 } accessToken)
        {
            DateTimeOffset? expiresAt = root.TryGetProperty("expires_in", out var e) && Seconds(e) is { } seconds && seconds > 0
                ? time.GetUtcNow().AddSeconds(seconds)
                : null;
            return new OAuthTokens(accessToken, Text(root, "refresh_token"), expiresAt, Text(root, "scope"));
        }
        var error = root.ValueKind == JsonValueKind.Object ? Text(root, "error") : null;
        var description = root.ValueKind == JsonValueKind.Object ? Text(root, "error_description") : null;
        var said = error is null
            ? $"HTTP {status} without an access_token"
            : description is null ? $"HTTP {status}, {error}" : $"HTTP {status}, {error}: {description}";
        var message = $"The token endpoint of \"{name}\" ({where}) refused the {grant} grant ({said}).";
        throw error switch
        {
            "invalid_grant" when grant is "refresh_token" or "authorization_code" => new CredentialException(name, DiagnosisKinds.ExpiredCredentials, message,
                $"The refresh token or sign-in of \"{name}\" is no longer valid (expired, revoked or used): sign in again (`toolsmith credentials login {name}`, or Sign in on the web builder's Credentials page)."),
            "invalid_client" or "unauthorized_client" => new CredentialException(name, DiagnosisKinds.BadCredentials, message,
                $"Check the client id and secret of \"{name}\", and whether the client authenticates with a Basic header or in the body (clientAuth)."),
            "invalid_scope" => new CredentialException(name, DiagnosisKinds.MissingScope, message,
                $"Ask only for scopes this client may have: change the scopes of \"{name}\"."),
            "unsupported_grant_type" => new CredentialException(name, DiagnosisKinds.BadCredentials, message,
                $"This authorization server does not allow the {grant} grant for the client: change the grant of \"{name}\"."),
            _ => new CredentialException(name, DiagnosisKinds.BadCredentials, message,
                $"Check the settings of \"{name}\" (token URL, client id and secret, scopes) against the provider's documentation."),
        };
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Seconds(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetDouble(out var d) => d,
        JsonValueKind.String when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
