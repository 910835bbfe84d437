using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Import;
using Toolsmith.Import.Curl;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>A cURL line as an API's docs write it, and what must arrive at the server when the imported tool runs.</summary>
public sealed record CurlCase(
    string Command,
    string Method,
    string Path,
    string Query = "",
    string[]? Headers = null,
    string? Json = null,
    string? Form = null,
    string? Text = null,
    string? ContentType = null,
    string[]? Secrets = null,
    string? Inputs = null,
    string[]? NotOnDisk = null,
    string[]? Warnings = null,
    string? Multipart = null);

public class CurlImporterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    /// <summary>FILE stands for a file the test writes ({"hello":"file"}).</summary>
    private static readonly Dictionary<string, CurlCase> Cases = new()
    {
        ["stripe_create_customer"] = new(
            """
            curl https://api.stripe.com/v1/customers \
              -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: \
              -d name="Jenny Rosen" \
              --data-urlencode email="jenny.rosen@example.com"
            """,
            "POST", "/echo/v1/customers", Form: "name=Jenny Rosen&email=jenny.rosen%40example.com",
            Headers: ["authorization: Basic Uy1zdHJpcGVfYXBpX2tleTo="], Secrets: ["stripe_api_key"], NotOnDisk: ["sk_test_4eC39HqLyjWDarjtT1zdp7dc"]),
        // a long value of URL-encoded data is data, whatever its letters and digits (Algolia's search "params")
        ["algolia_search_params"] = new(
            """curl -X POST -H "X-Algolia-API-Key: ${API_KEY}" -H 'Content-Type: application/json' --data-binary '{"params": "query=george%20clo&hitsPerPage=2&getRankingInfo=1"}' https://api.algolia.net/1/indexes/imdb/query""",
            "POST", "/echo/1/indexes/imdb/query", Json: """{"params":"query=george%20clo&hitsPerPage=2&getRankingInfo=1"}""", Secrets: ["api_key"]),
        // -H User-Agent replaces -A, wherever either is written; ${NAME:-default} sends the default when NAME is not set
        ["user_agent_header_over_option"] = new(
            "curl https://api.example.com/agents -H 'User-Agent: MyApp/1.0' -A 'Other/2.0' -e https://ref.example/ -H \"X-Request-Id: ${REQ_ID:-abc}\"",
            "GET", "/echo/agents", Headers: ["user-agent: MyApp/1.0", "referer: https://ref.example/", "x-request-id: abc"]),
        ["stripe_list_charges"] = new(
            "curl -G https://api.stripe.com/v1/charges -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: -d limit=3",
            "GET", "/echo/v1/charges", "?limit=3", Secrets: ["stripe_api_key"], NotOnDisk: ["sk_test_4eC39HqLyjWDarjtT1zdp7dc"]),
        ["stripe_metadata_env_key"] = new(
            """curl https://api.stripe.com/v1/customers -u "$STRIPE_SECRET_KEY:" -d "metadata[order_id]"=6735 -H "Idempotency-Key: KG5LxwFBepaKHyUD" """,
            "POST", "/echo/v1/customers", Form: "metadata[order_id]=6735",
            Headers: ["idempotency-key: KG5LxwFBepaKHyUD", "authorization: Basic Uy1zdHJpcGVfc2VjcmV0X2tleTo="], Secrets: ["stripe_secret_key"]),
        ["github_list_issues"] = new(
            """
            curl -L \
              -H "Accept: application/vnd.github+json" \
              -H "Authorization: Bearer <YOUR-TOKEN>" \
              -H "X-GitHub-Api-Version: 2022-11-28" \
              https://api.github.com/repos/OWNER/REPO/issues
            """,
            "GET", "/echo/repos/OWNER/REPO/issues",
            Headers: ["accept: application/vnd.github+json", "authorization: Bearer S-github_token", "x-github-api-version: 2022-11-28"], Secrets: ["github_token"], NotOnDisk: ["<YOUR-TOKEN>"]),
        ["github_create_issue"] = new(
            """
            curl -L \
              -X POST \
              -H "Accept: application/vnd.github+json" \
              -H "Authorization: Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a" \
              -H "X-GitHub-Api-Version: 2022-11-28" \
              https://api.github.com/repos/OWNER/REPO/issues \
              -d '{"title":"Found a bug","body":"I'\''m having a problem with this.","assignees":["octocat"],"labels":["bug"]}'
            """,
            "POST", "/echo/repos/OWNER/REPO/issues", Json: """{"title":"Found a bug","body":"I'm having a problem with this.","assignees":["octocat"],"labels":["bug"]}""",
            ContentType: "application/x-www-form-urlencoded", Secrets: ["github_token"], NotOnDisk: ["ghp_16C7e42F292c6912E7710c838347Ae178B4a"], Warnings: ["without a Content-Type"]),
        ["slack_post_message"] = new(
            """curl -X POST -H 'Authorization: Bearer xoxb-1234-56789abcdefghijklmnop' -H 'Content-type: application/json; charset=utf-8' --data '{"channel":"C123ABC456","text":"Hello, world"}' https://slack.com/api/chat.postMessage""",
            "POST", "/echo/api/chat.postMessage", Json: """{"channel":"C123ABC456","text":"Hello, world"}""", ContentType: "application/json; charset=utf-8",
            Headers: ["authorization: Bearer S-slack_token"], Secrets: ["slack_token"], NotOnDisk: ["xoxb-1234-56789abcdefghijklmnop"]),
        ["slack_form_token"] = new(
            """curl -d "token=xoxb-not-a-real-token-1234" -d "channel=C1234567890" https://slack.com/api/conversations.history""",
            "POST", "/echo/api/conversations.history", Form: "token=S-slack_token&channel=C1234567890", Secrets: ["slack_token"], NotOnDisk: ["xoxb-not-a-real-token-1234"]),
        ["twilio_send_sms"] = new(
            """
            curl -X POST "https://api.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Messages.json" \
            --data-urlencode "Body=Hi there" \
            --data-urlencode "From=+15557122661" \
            --data-urlencode "To=+15558675310" \
            -u $TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN
            """,
            "POST", "/echo/2010-04-01/Accounts/AC123/Messages.json", Form: "Body=Hi+there&From=%2B15557122661&To=%2B15558675310",
            Headers: ["authorization: Basic QUMxMjM6Uy10d2lsaW9fYXV0aF90b2tlbg=="], Secrets: ["twilio_auth_token"], Inputs: """{"twilio_account_sid":"AC123"}"""),
        ["openai_chat"] = new(
            """
            curl https://api.openai.com/v1/chat/completions \
              -H "Content-Type: application/json" \
              -H "Authorization: Bearer $OPENAI_API_KEY" \
              -d '{
                "model": "gpt-4o",
                "messages": [{"role": "user", "content": "Hello!"}]
              }'
            """,
            "POST", "/echo/v1/chat/completions", Json: """{"model":"gpt-4o","messages":[{"role":"user","content":"Hello!"}]}""", ContentType: "application/json",
            Headers: ["authorization: Bearer S-openai_api_key"], Secrets: ["openai_api_key"]),
        ["openai_upload_file"] = new(
            """curl https://api.openai.com/v1/files -H "Authorization: Bearer $OPENAI_API_KEY" -F purpose="fine-tune" -F file="@FILE" """,
            "POST", "/echo/v1/files", Multipart: "purpose=fine-tune;file=@{\"hello\":\"file\"}", Secrets: ["openai_api_key"], Warnings: ["-F"]),
        ["anthropic_messages"] = new(
            """curl https://api.anthropic.com/v1/messages --header "x-api-key: $ANTHROPIC_API_KEY" --header "anthropic-version: 2023-06-01" --header "content-type: application/json" --data '{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello, world"}]}'""",
            "POST", "/echo/v1/messages", Json: """{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello, world"}]}""", ContentType: "application/json",
            Headers: ["x-api-key: S-anthropic_api_key", "anthropic-version: 2023-06-01"], Secrets: ["anthropic_api_key"]),
        ["sendgrid_mail"] = new(
            """curl --request POST --url https://api.sendgrid.com/v3/mail/send --header "Authorization: Bearer $SENDGRID_API_KEY" --header 'Content-Type: application/json' --data '{"personalizations":[{"to":[{"email":"test@example.com"}]}],"from":{"email":"test@example.com"},"subject":"Sending with SendGrid is Fun","content":[{"type":"text/plain","value":"and easy to do anywhere, even with cURL"}]}'""",
            "POST", "/echo/v3/mail/send", Json: """{"personalizations":[{"to":[{"email":"test@example.com"}]}],"from":{"email":"test@example.com"},"subject":"Sending with SendGrid is Fun","content":[{"type":"text/plain","value":"and easy to do anywhere, even with cURL"}]}""",
            Headers: ["authorization: Bearer S-sendgrid_api_key"], Secrets: ["sendgrid_api_key"]),
        ["mailgun_send"] = new(
            """curl -s --user 'api:key-3ax6xnjp29jd6fds4gc373sgvjxteol0' https://api.mailgun.net/v3/YOUR_DOMAIN_NAME/messages -F from='Excited User <mailgun@YOUR_DOMAIN_NAME>' -F to=YOU@YOUR_DOMAIN_NAME -F subject='Hello' -F text='Testing some Mailgun awesomeness!'""",
            "POST", "/echo/v3/YOUR_DOMAIN_NAME/messages", Multipart: "from=Excited User <mailgun@YOUR_DOMAIN_NAME>;to=YOU@YOUR_DOMAIN_NAME;subject=Hello;text=Testing some Mailgun awesomeness!",
            Headers: ["authorization: Basic YXBpOlMtbWFpbGd1bl9wYXNzd29yZA=="], Secrets: ["mailgun_password"], NotOnDisk: ["key-3ax6xnjp29jd6fds4gc373sgvjxteol0"], Warnings: ["-s"]),
        ["shopify_products"] = new(
            """curl -X GET "https://your-development-store.myshopify.com/admin/api/2024-01/products.json?limit=2" -H "X-Shopify-Access-Token: {access_token}" """,
            "GET", "/echo/admin/api/2024-01/products.json", "?limit=2", Headers: ["x-shopify-access-token: S-myshopify_shopify_access_token"], Secrets: ["myshopify_shopify_access_token"]),
        ["notion_query_concatenated_quotes"] = new(
            """
            curl -X POST 'https://api.notion.com/v1/databases/897e5a76ae524b489fdfe71f5945d1af/query' \
              -H 'Authorization: Bearer '"$NOTION_API_KEY"'' \
              -H 'Notion-Version: 2022-06-28' \
              -H "Content-Type: application/json" \
              --data '{"filter": {"property": "Landmark", "rich_text": {"contains": "Bridge"}}}'
            """,
            "POST", "/echo/v1/databases/897e5a76ae524b489fdfe71f5945d1af/query", Json: """{"filter":{"property":"Landmark","rich_text":{"contains":"Bridge"}}}""",
            Headers: ["authorization: Bearer S-notion_api_key", "notion-version: 2022-06-28"], Secrets: ["notion_api_key"]),
        ["discord_bot_scheme"] = new(
            """curl -H "Authorization: Bot MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs" -H "Content-Type: application/json" -X POST -d '{"content":"Hello"}' https://discord.com/api/v10/channels/123/messages""",
            "POST", "/echo/api/v10/channels/123/messages", Json: """{"content":"Hello"}""", Headers: ["authorization: Bot S-discord_token"], Secrets: ["discord_token"],
            NotOnDisk: ["MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"]),
        ["gitlab_private_token"] = new(
            """curl --header "PRIVATE-TOKEN: <your_access_token>" "https://gitlab.example.com/api/v4/projects?simple=true&per_page=5" """,
            "GET", "/echo/api/v4/projects", "?simple=true&per_page=5", Headers: ["private-token: S-example_private_token"], Secrets: ["example_private_token"]),
        ["google_maps_key_in_query"] = new(
            """curl "https://maps.googleapis.com/maps/api/geocode/json?address=1600+Amphitheatre+Parkway,+Mountain+View,+CA&key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY" """,
            "GET", "/echo/maps/api/geocode/json", "?address=1600+Amphitheatre+Parkway,+Mountain+View,+CA&key=S-googleapis_key", Secrets: ["googleapis_key"],
            NotOnDisk: ["AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"]),
        ["google_vision_gcloud_token"] = new(
            """curl -X POST -H "Authorization: Bearer $(gcloud auth print-access-token)" -H "Content-Type: application/json; charset=utf-8" -d @FILE "https://vision.googleapis.com/v1/images:annotate" """,
            "POST", "/echo/v1/images:annotate", Text: """{"hello":"file"}""", ContentType: "application/json; charset=utf-8",
            Headers: ["authorization: Bearer S-googleapis_token"], Secrets: ["googleapis_token"], Warnings: ["-d @"]),
        ["azure_openai_escaped_quotes"] = new(
            """curl -X POST "https://YOUR_RESOURCE.openai.azure.com/openai/deployments/DEPLOY/chat/completions?api-version=2024-02-01" -H "Content-Type: application/json" -H "api-key: $AZURE_OPENAI_API_KEY" -d "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}" """,
            "POST", "/echo/openai/deployments/DEPLOY/chat/completions", "?api-version=2024-02-01", Json: """{"messages":[{"role":"user","content":"Hi"}]}""",
            Headers: ["api-key: S-azure_openai_api_key"], Secrets: ["azure_openai_api_key"]),
        ["jira_basic_user"] = new(
            """curl -D- -u fred@example.com:freds_api_token -X GET -H "Content-Type: application/json" "https://your-domain.atlassian.net/rest/api/2/search?jql=assignee=fred" """,
            "GET", "/echo/rest/api/2/search", "?jql=assignee=fred", Headers: ["authorization: Basic ZnJlZEBleGFtcGxlLmNvbTpTLWF0bGFzc2lhbl9wYXNzd29yZA=="], Secrets: ["atlassian_password"],
            NotOnDisk: ["freds_api_token"], Warnings: ["-D -"]),
        ["hubspot_lowercase_authorization"] = new(
            """curl --request GET --url 'https://api.hubapi.com/crm/v3/objects/contacts?limit=10&archived=false' --header 'authorization: Bearer YOUR_ACCESS_TOKEN'""",
            "GET", "/echo/crm/v3/objects/contacts", "?limit=10&archived=false", Headers: ["authorization: Bearer S-hubapi_token"], Secrets: ["hubapi_token"], NotOnDisk: ["YOUR_ACCESS_TOKEN"]),
        ["cloudflare_auth_headers"] = new(
            """curl "https://api.cloudflare.com/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/dns_records" -H "X-Auth-Email: user@example.com" -H "X-Auth-Key: c2547eb745079dac9320b638f5e225cf483cc5cfdda41" """,
            "GET", "/echo/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/dns_records", Headers: ["x-auth-key: S-cloudflare_auth_key", "x-auth-email: S-cloudflare_auth_email"], Secrets: ["cloudflare_auth_email", "cloudflare_auth_key"],
            NotOnDisk: ["c2547eb745079dac9320b638f5e225cf483cc5cfdda41"]),
        ["powershell_openai_embeddings"] = new(
            """
            curl.exe https://api.openai.com/v1/embeddings `
              -H "Authorization: Bearer $env:OPENAI_API_KEY" `
              -H "Content-Type: application/json" `
              -d '{\"input\": \"The food was delicious\", \"model\": \"text-embedding-3-small\"}'
            """,
            "POST", "/echo/v1/embeddings", Json: """{"input":"The food was delicious","model":"text-embedding-3-small"}""", Headers: ["authorization: Bearer S-openai_api_key"], Secrets: ["openai_api_key"]),
        ["powershell_backtick_escapes"] = new(
            """curl.exe -X POST "https://api.example.com/items" -H "Content-Type: application/json" -d "{`"name`": `"widget`", `"tags`": [`"a`"]}" """,
            "POST", "/echo/items", Json: """{"name":"widget","tags":["a"]}"""),
        ["powershell_doubled_single_quote"] = new(
            """
            curl.exe -X PUT 'https://api.example.com/notes/1' `
              -H 'Content-Type: text/plain' `
              --data-raw 'It''s done'
            """,
            "PUT", "/echo/notes/1", Text: "It's done", ContentType: "text/plain"),
        ["cmd_chrome_copy"] = new(
            """
            curl ^"https://api.example.com/search?q=tea^" ^
              -H ^"accept: application/json^" ^
              -H ^"authorization: Bearer abc.def.ghi^" ^
              --data-raw ^"^{^\^"query^\^":^\^"tea ^& cake^\^"^}^" ^
              --compressed
            """,
            "POST", "/echo/search", "?q=tea", Json: """{"query":"tea & cake"}""", Headers: ["accept: application/json", "authorization: Bearer S-example_token"], Secrets: ["example_token"],
            NotOnDisk: ["abc.def.ghi"], Warnings: ["without a Content-Type"], ContentType: "application/x-www-form-urlencoded"),
        ["cmd_browser_newline_and_backslash"] = new(
            "curl --url ^\"https://api.example.com/notes^\" ^\n  -H ^\"content-type: text/plain^\" ^\n  --data-raw ^\"one^\n\ntwo C:^\\^\\temp 100^%^\"",
            "POST", "/echo/notes", Text: "one\ntwo C:\\temp 100%", ContentType: "text/plain"),
        ["bash_percent_words_in_single_quotes"] = new(
            """
            curl 'https://api.example.com/search?q=caf%C3%A9%20%26%20cr%C3%A8me' \
              -H 'content-type: text/plain' \
              --data-raw 'keep %TEMP% and %PATH% as written'
            """,
            "POST", "/echo/search", "?q=caf%C3%A9%20%26%20cr%C3%A8me", Text: "keep %TEMP% and %PATH% as written", ContentType: "text/plain"),
        ["url_glob_escapes_and_braces_in_body"] = new(
            """curl 'https://api.example.com/tickets?filter\[status\]=open' -H 'content-type: text/plain' --data-raw 'Hello {{ name }, {{ left as written'""",
            "POST", "/echo/tickets", "?filter[status]=open", Text: "Hello {{ name }, {{ left as written", ContentType: "text/plain"),
        ["cmd_percent_variables"] = new(
            """curl -X POST "https://api.example.com/v1/orders" -H "Content-Type: application/json" -d "{\"sku\":\"A-1\",\"qty\":2}" -H "X-API-Key: %EXAMPLE_API_KEY%" """,
            "POST", "/echo/v1/orders", Json: """{"sku":"A-1","qty":2}""", Headers: ["x-api-key: S-example_api_key"], Secrets: ["example_api_key"]),
        ["cmd_caret_continuation"] = new(
            """
            curl -X DELETE ^
              "https://api.example.com/v1/orders/42" ^
              -H "Authorization: Bearer %TOKEN%"
            """,
            "DELETE", "/echo/v1/orders/42", Headers: ["authorization: Bearer S-token"], Secrets: ["token"]),
        ["bash_ansi_c_string"] = new(
            """curl 'https://api.example.com/graphql' -H 'content-type: application/json' --data-raw $'{"query":"query { viewer { login } }","variables":{"note":"line1\\nline2 \u00e9"}}'""",
            "POST", "/echo/graphql", Json: "{\"query\":\"query { viewer { login } }\",\"variables\":{\"note\":\"line1\\nline2 \u00e9\"}}"),
        ["cookies_session_secret"] = new(
            "curl -b 'session=abc123def456; theme=dark' https://app.example.com/api/me",
            "GET", "/echo/api/me", Headers: ["cookie: session=S-example_session; theme=dark"], Secrets: ["example_session"], NotOnDisk: ["abc123def456"]),
        ["cookie_header"] = new(
            "curl https://app.example.com/api/me -H 'Cookie: lang=en'",
            "GET", "/echo/api/me", Headers: ["cookie: lang=en"]),
        ["user_agent_and_referer"] = new(
            "curl -A 'MyApp/1.0' -e 'https://example.com/page;auto' https://api.example.com/ping",
            "GET", "/echo/ping", Headers: ["user-agent: MyApp/1.0", "referer: https://example.com/page"]),
        ["insecure_compressed_silent"] = new(
            "curl -ksS --compressed https://api.example.com/health",
            "GET", "/echo/health", Warnings: ["-k", "-s -S"]),
        ["json_option"] = new(
            """curl --json '{"name":"Ada"}' https://api.example.com/users""",
            "POST", "/echo/users", Json: """{"name":"Ada"}""", ContentType: "application/json", Headers: ["accept: application/json"]),
        ["attached_method_merge_patch"] = new(
            """curl -XPATCH https://api.example.com/users/7 -H 'Content-Type: application/merge-patch+json' -d '{"email":"ada@example.com"}'""",
            "PATCH", "/echo/users/7", Json: """{"email":"ada@example.com"}""", ContentType: "application/merge-patch+json"),
        ["url_query_option"] = new(
            "curl --url https://api.example.com/search --url-query 'q=hello world' --url-query 'page=2'",
            "GET", "/echo/search", "?q=hello+world&page=2"), // curl 7.88 sends a space as '+' (its hex in lower case: caff%c3%a8)
        ["upload_file"] = new(
            "curl -T FILE https://api.example.com/upload/report.json",
            "PUT", "/echo/upload/report.json", Text: """{"hello":"file"}""", Warnings: ["-T"]), // curl -T sends no Content-Type
        ["anyauth_is_basic_with_a_warning"] = new(
            "curl --anyauth -u ada:lovelace https://api.example.com/secure",
            "GET", "/echo/secure", Headers: ["authorization: Basic YWRhOlMtZXhhbXBsZV9wYXNzd29yZA=="], Secrets: ["example_password"], Warnings: ["--anyauth"]),
        ["oauth2_bearer_option"] = new(
            """curl --oauth2-bearer "$TOKEN" https://api.example.com/me""",
            "GET", "/echo/me", Headers: ["authorization: Bearer S-token"], Secrets: ["token"]),
        ["unknown_option_warns"] = new(
            "curl --frobnicate https://api.example.com/x",
            "GET", "/echo/x", Warnings: ["--frobnicate"]),
        ["get_with_urlencode"] = new(
            "curl -G https://api.example.com/search --data-urlencode 'q=caffè latte' -d limit=5",
            "GET", "/echo/search", "?q=caff%c3%a8+latte&limit=5"), // curl 7.88 writes -G data's escapes in lower case
        ["pipe_to_jq_is_left_out"] = new(
            "curl -s https://api.example.com/items | jq '.items[0]'",
            "GET", "/echo/items", Warnings: ["jq"]),
        ["postman_variables_in_curl"] = new(
            """curl --location 'https://api.example.com/users/{{userId}}' --header 'Authorization: Bearer {{token}}'""",
            "GET", "/echo/users/42", Headers: ["authorization: Bearer S-token"], Secrets: ["token"], Inputs: """{"userId":"42"}"""),
        ["bare_variable_in_json"] = new(
            """curl -X POST https://api.example.com/counters -H 'Content-Type: application/json' -d "{\"name\":\"$NAME\",\"count\":$COUNT}" """,
            "POST", "/echo/counters", Json: """{"name":"visits","count":7}""", Inputs: """{"name":"visits","count":7}"""),
        ["head_request"] = new(
            "curl -I https://api.example.com/status",
            "HEAD", "/echo/status"),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    private string WithFile(string command)
    {
        var file = Path.Combine(runner.Directory, "body.json");
        File.WriteAllText(file, """{"hello":"file"}""");
        return command.Replace("FILE", file, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ImportedCurl_SendsWhatTheCommandWould(string name)
    {
        var c = Cases[name];
        var result = CurlImporter.Import(WithFile(c.Command));
        var tool = Assert.Single(result.Tools);
        var disk = tool.Document.ToJsonString();
        foreach (var secret in c.Secrets ?? [])
        {
            Assert.Contains(result.Secrets, s => s.Name == secret);
            Assert.Contains("{{secrets." + secret + "}}", disk, StringComparison.Ordinal);
        }
        Assert.Equal((c.Secrets ?? []).Order(), result.Secrets.Select(static s => s.Name).Order());
        foreach (var value in c.NotOnDisk ?? [])
        {
            Assert.DoesNotContain(value, disk, StringComparison.Ordinal);
        }
        foreach (var warning in c.Warnings ?? [])
        {
            Assert.Contains(result.Warnings, w => (w.Item + " " + w.Message).Contains(warning, StringComparison.Ordinal));
        }
        if (c.Warnings is null)
        {
            Assert.Empty(result.Warnings);
        }

        var run = await runner.RunAtEchoAsync(tool, c.Inputs is null ? null : (JsonObject)JsonNode.Parse(c.Inputs)!);
        var step = ImportRunner.Single(run);
        Assert.True(step.Ok, $"{step.Status} {step.Diagnosis?.Explanation}\n{disk}");
        var echo = runner.Api.LastEcho!;
        Assert.Equal(c.Method, echo["method"]!.GetValue<string>());
        Assert.Equal(c.Path, Uri.UnescapeDataString(echo["path"]!.GetValue<string>()));
        Assert.Equal(c.Query, echo["queryString"]!.GetValue<string>());
        var headers = echo["headers"]!.AsObject();
        foreach (var header in c.Headers ?? [])
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            Assert.Equal(header[(colon + 2)..], headers[header[..colon]]?.GetValue<string>());
        }
        var body = echo["bodyText"]!.GetValue<string>();
        if (c.Json is not null)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(c.Json), JsonNode.Parse(body)), body);
            Assert.StartsWith(c.ContentType ?? "application/json", echo["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        if (c.Form is not null)
        {
            Assert.Equal(c.Form, body);
            Assert.Equal("application/x-www-form-urlencoded", echo["contentType"]!.GetValue<string>());
        }
        if (c.Text is not null)
        {
            Assert.Equal(c.Text, body);
            Assert.Equal(c.ContentType, echo["contentType"]?.GetValue<string>()); // null: sent without one
        }
        if (c.Multipart is not null)
        {
            Assert.StartsWith("multipart/form-data", echo["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
            foreach (var part in c.Multipart.Split(';'))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var (field, value) = (part[..eq], part[(eq + 1)..]);
                Assert.Contains($"name=\"{field}\"", body, StringComparison.Ordinal);
                Assert.Contains(value.TrimStart('@'), body, StringComparison.Ordinal);
                if (value.StartsWith('@'))
                {
                    Assert.Contains("filename=\"body.json\"", body, StringComparison.Ordinal);
                }
            }
        }
        if (c.Json is null && c.Form is null && c.Text is null && c.Multipart is null)
        {
            Assert.Equal("", body);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ImportExportImport_GivesTheSameTool(string name)
    {
        var first = CurlImporter.Import(WithFile(Cases[name].Command));
        var tool = Assert.Single(first.Tools);
        foreach (var shell in (ShellDialect[])[ShellDialect.Bash, ShellDialect.PowerShell, ShellDialect.Cmd])
        {
            var definition = ToolLoader.FromNode(tool.Document.DeepClone(), "t").Definition;
            var command = CurlExporter.Export((ApiStepDefinition)definition.Steps[0], new CurlExportOptions { Shell = shell, Inputs = definition.Inputs });
            var again = Assert.Single(CurlImporter.Import(command, new CurlImportOptions { ToolName = tool.Name, Shell = shell }).Tools);
            Assert.True(JsonNode.DeepEquals(tool.Document["steps"], again.Document["steps"]), $"{shell}:\n{command}\n{tool.Document["steps"]}\n{again.Document["steps"]}");
            // The same inputs of the same types (their descriptions say where they came from, which differs).
            static string Types(JsonNode? inputs) => string.Join(",", (inputs as JsonObject ?? []).OrderBy(static p => p.Key, StringComparer.Ordinal).Select(static p => $"{p.Key}:{p.Value!["type"]}"));
            Assert.Equal(Types(tool.Document["inputs"]), Types(again.Document["inputs"]));
            Assert.Equal(first.Secrets.Select(static s => s.Name), CurlImporter.Import(command, new CurlImportOptions { Shell = shell }).Secrets.Select(static s => s.Name));
        }
    }

    [Fact]
    public async Task BodyMembersNamedKey_AreData_WhenTheirValuesAreWords()
    {
        var result = CurlImporter.Import("""curl -X PUT 'https://example.atlassian.net/wiki/rest/api/content/1/property?key=one&key=two' -u "$USER:$TOKEN" -H 'Content-Type: application/json' --data-raw '[{"key":"status","value":"done"},{"key":"owner","value":"ann"}]'""");
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("secrets.", tool.Document["steps"]![0]!["body"]!.ToJsonString(), StringComparison.Ordinal);
        // -u "$USER:$TOKEN": the user name is an input, the token a secret; the engine encodes them at send time.
        Assert.Equal("{{user}}", (string?)tool.Document["steps"]![0]!["auth"]!["username"]);
        Assert.Equal("{{secrets.token}}", (string?)tool.Document["steps"]![0]!["auth"]!["password"]);
        var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>(), new JsonObject { ["user"] = "ann" });
        Assert.Equal("""[{"key":"status","value":"done"},{"key":"owner","value":"ann"}]""", echo!["bodyText"]!.GetValue<string>());
        Assert.Equal("Basic " + Convert.ToBase64String("ann:S-token"u8.ToArray()), (string?)echo["headers"]!["authorization"]);
        Assert.Equal("?key=one&key=two", echo["queryString"]!.GetValue<string>());
    }

    [Fact]
    public void ACurlInsideACommandSubstitution_IsATool_OfItsOwn_First()
    {
        // Kong's docs: the token request runs inside $(…) and its output is the bearer token of the outer call.
        var result = CurlImporter.Import("""
            curl -X GET http://localhost:8000/anything \
              -H "Authorization: Bearer $(curl -s -X POST http://localhost:8080/realms/kong/protocol/openid-connect/token -d grant_type=client_credentials | jq -r .access_token)"
            """);
        Assert.Equal(["post_openid_connect_token", "get_anything"], result.Tools.Select(static t => t.Name));
        Assert.Equal("POST", (string?)result.Tools[0].Document["steps"]![0]!["method"]);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("became a tool of its own", StringComparison.Ordinal));
        // The outer call takes what the inner one returns: a token, kept as a secret, never the inner command's text.
        Assert.DoesNotContain("curl", result.Tools[1].Document["steps"]![0]!["headers"]?.ToJsonString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongOptionsInAnyCase_AreCurlsOptions()
    {
        // curl matches long options whatever their case: InfluxData's docs write --GET; the data goes to the query.
        var tool = Assert.Single(CurlImporter.Import("curl --GET http://localhost:9092/kapacitor/v1/tasks --Data-UrlEncode 'after=000x00xX0xXXx00' --Header 'X-Trace: t1'").Tools);
        Assert.Equal("GET", (string?)tool.Document["steps"]![0]!["method"] ?? "GET");
        var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>(), []);
        Assert.Equal("GET", echo!["method"]!.GetValue<string>());
        Assert.Equal("?after=000x00xX0xXXx00", echo["queryString"]!.GetValue<string>());
        Assert.Equal("t1", echo["headers"]!["x-trace"]!.GetValue<string>());
    }

    [Fact]
    public void AProcessSubstitution_IsTheFileNameBashGivesCurl_AndTheRequestIsImported()
    {
        // OpenAI's docs: -D >(grep …) -o >(jq … | base64 --decode > file). bash hands curl /dev/fd/63 and /dev/fd/62.
        var result = CurlImporter.Import("""
            curl -s -D >(grep -i x-request-id >&2) \
              -o >(jq -r '.data[0].b64_json' | base64 --decode > basket.png) \
              -X POST "https://api.openai.com/v1/images/edits" \
              -F "model=gpt-image-1" -F 'prompt=A gift basket'
            """);
        var tool = Assert.Single(result.Tools);
        Assert.Equal("POST", tool.Document["steps"]![0]!["method"]!.GetValue<string>());
        Assert.EndsWith("/v1/images/edits", tool.Document["steps"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(result.Warnings, static w => w.Item.Contains("-D /dev/fd/63 -o /dev/fd/62", StringComparison.Ordinal));
    }

    [Fact]
    public void AMethodTheStepCannotSend_IsRefusedForThatReasonAlone()
    {
        var ex = Assert.Throws<ImportException>(() => CurlImporter.Import("curl -X PURGE https://api.fastly.com/assets/app.js -H 'Fastly-Key: fk_8d7c6b5a4f3e2d1c'"));
        Assert.Contains("method PURGE", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("credential", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fk_8d7c6b5a4f3e2d1c", ex.Message, StringComparison.Ordinal);
        // one of several commands: the others are imported, and the refused one is said
        var several = CurlImporter.Import("curl https://api.example.com/a\ncurl -X PURGE https://api.example.com/b");
        Assert.Single(several.Tools);
        Assert.Contains(several.Warnings, static w => w.Message.StartsWith("request 2 of the text was not imported", StringComparison.Ordinal) && w.Message.Contains("PURGE", StringComparison.Ordinal));
    }

    [Fact]
    public void FollowingRedirectsWithAForcedPost_IsSaid()
    {
        var result = CurlImporter.Import("curl -L -X POST -d 'a=1' https://api.example.com/r302");
        Assert.Contains(result.Warnings, static w => w.Item == "-L" && w.Message.Contains("POST again", StringComparison.Ordinal));
        Assert.DoesNotContain(CurlImporter.Import("curl -L -d 'a=1' https://api.example.com/r302").Warnings, static w => w.Item == "-L");
    }

    [Theory]
    // a credential header's name in any case; keys written as one word with what they are of; an app id that is the key
    [InlineData("curl -H 'x-API-kEy: 7c4a8d09ca3762af61e59520943dc26494f8941b' https://api.example.com/v1/odd", "7c4a8d09ca3762af61e59520943dc26494f8941b", "example_api_key")]
    [InlineData("curl 'https://api.hubapi.com/contacts/v1/lists/all/contacts/all?hapikey=demo-8e5f9c2d-1b4a&count=2'", "demo-8e5f9c2d-1b4a", "hubapi_hapikey")]
    [InlineData("curl 'https://api.example.com/v1/items?appkey=k39fj2kd02'", "k39fj2kd02", "example_appkey")]
    [InlineData("curl 'https://api.openweathermap.org/data/2.5/weather?q=London&appid=b1b15e88fa797225412429c1c50c122a'", "b1b15e88fa797225412429c1c50c122a", "openweathermap_appid")]
    // a webhook's URL is its credential: Discord's token after the id, Slack's secret on its hooks host
    [InlineData("curl -X POST -d '{\"content\":\"hi\"}' https://discord.com/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdEFGH", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdEFGH", "discord_webhook_token")]
    [InlineData("curl -X POST -d 'payload=x' https://hooks.slack.com/services/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", "Xy7Zq9Lm3Np5Rs8Tu1Vw4Ab6", "slack_webhook_token")]
    public void CredentialsInOtherSpellingsAndPlaces_AreSecrets_NeverWritten(string command, string value, string secret)
    {
        var result = CurlImporter.Import(command);
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain(value, tool.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(value, Assert.Single(result.Secrets, s => s.Name == secret).Value);
    }

    [Theory]
    // ids and words stay data: a numeric app id, a paging token, a webhook's id, a word in a hooks path
    [InlineData("curl 'https://graph.example.com/v1/apps?appid=1234567890'")]
    [InlineData("curl 'https://api.example.com/v1/items?nexttoken=abc123def456'")]
    [InlineData("curl https://discord.com/api/webhooks/123456789012345678")]
    [InlineData("curl https://api.example.com/v1/hooks/delivery-attempts-for-repository")]
    public void IdsAndWordsBesideCredentialNames_StayData(string command) =>
        Assert.Empty(CurlImporter.Import(command).Secrets);

    [Theory]
    // curl 7.88, recorded on a loopback listener: pieces are joined with "&", but nothing goes before a --json piece
    [InlineData("--json '{\"a\":1}' -d 'b=2'", "{\"a\":1}&b=2")]
    [InlineData("-d 'b=2' --json '{\"a\":1}'", "b=2{\"a\":1}")]
    [InlineData("--json '{\"a\":1}' --json '{\"b\":2}'", "{\"a\":1}{\"b\":2}")]
    [InlineData("--json '[1' -d '2' --json ']'", "[1&2]")]
    public async Task JsonPiecesWithData_AreJoinedAsCurlJoinsThem(string options, string sent)
    {
        var tool = Assert.Single(CurlImporter.Import("curl https://api.example.com/v1/items " + options).Tools);
        var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>(), []);
        Assert.Equal(sent, echo!["bodyText"]!.GetValue<string>());
        Assert.Equal("application/json", echo["headers"]!["content-type"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonWrittenOverSeveralLines_IsSentAsWritten_AndExportedSo()
    {
        // API documentation writes bodies over several lines; curl sends those bytes, and so does the step: its layout is
        // kept with the values the import put in (in single quotes, $INDEX is text, as bash leaves it).
        const string command = """
            curl -X POST https://api.example.com/v1/indexes \
              -H 'Content-Type: application/json' \
              --data-binary '{
                "uid": "$INDEX",
                "primaryKey":   "id",
                "ranks": [ 1.50, 1e3 ],
                "filters": {}
              }'
            """;
        var tool = Assert.Single(CurlImporter.Import(command).Tools);
        var step = tool.Document["steps"]![0]!;
        Assert.Contains("\n    \"primaryKey\":   \"id\"", (string?)step["bodyLayout"], StringComparison.Ordinal);
        var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>(), []);
        Assert.Equal("{\n    \"uid\": \"$INDEX\",\n    \"primaryKey\":   \"id\",\n    \"ranks\": [ 1.50, 1e3 ],\n    \"filters\": {}\n  }",
            echo!["bodyText"]!.GetValue<string>());
        // Exported, the command carries the same text; imported again, the same layout.
        var definition = ToolLoader.FromNode(tool.Document.DeepClone(), "t").Definition;
        var exported = CurlExporter.Export((ApiStepDefinition)definition.Steps[0], new CurlExportOptions { Inputs = definition.Inputs });
        Assert.Contains("\n    \"primaryKey\":   \"id\",", exported, StringComparison.Ordinal);
        Assert.Equal((string?)step["bodyLayout"], (string?)Assert.Single(CurlImporter.Import(exported).Tools).Document["steps"]![0]!["bodyLayout"]);
        // A credential in the body is a secret in the layout too: the file never holds its value.
        var secret = Assert.Single(CurlImporter.Import("curl https://api.example.com/x -H 'Content-Type: application/json' -d '{\n  \"api_key\": \"sk_live_51HxYz0123456789abcdef\"\n}'").Tools);
        Assert.DoesNotContain("sk_live_51HxYz", secret.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"api_key\": \"{{secrets.", (string?)secret.Document["steps"]![0]!["bodyLayout"], StringComparison.Ordinal);
        // Compact JSON needs no layout.
        Assert.Null(Assert.Single(CurlImporter.Import("""curl https://api.example.com/x -H 'Content-Type: application/json' -d '{"a":1}'""").Tools).Document["steps"]![0]!["bodyLayout"]);
    }

    [Fact]
    public void CredentialShapedValues_BecomeSecrets_WithTheirValueKeptInMemoryOnly()
    {
        var result = CurlImporter.Import("curl 'https://api.example.com/v1/items?api_key=8f3kq93ldk2&key=status' -d password=hunter2 -d token=abc");
        var tool = Assert.Single(result.Tools);
        var disk = tool.Document.ToJsonString();
        Assert.DoesNotContain("8f3kq93ldk2", disk, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", disk, StringComparison.Ordinal);
        // key=status is data; it follows the secret into params so that the query keeps its order.
        Assert.Equal(["api_key", "key"], tool.Document["steps"]![0]!["params"]!.AsObject().Select(static p => p.Key));
        Assert.Contains("\"key\":\"status\"", disk, StringComparison.Ordinal);
        Assert.Contains("\"token\":\"abc\"", disk, StringComparison.Ordinal); // three letters are not a token
        Assert.Equal("8f3kq93ldk2", result.Secrets.Single(static s => s.Name.EndsWith("api_key", StringComparison.Ordinal)).Value);
        Assert.DoesNotContain("hunter2", result.Secrets.Single(static s => s.Name.EndsWith("password", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralCommands_AndCurlInAPipeline_BecomeOneToolEach()
    {
        var result = CurlImporter.Import("""
            curl https://api.example.com/first
            # a comment
            curl https://api.example.com/second \
              -H 'X-A: 1'
            echo '{"a":1}' | curl -X POST https://api.example.com/third -d @body.json | jq .
            """);
        Assert.Equal(["/first", "/second", "/third"], result.Tools.Select(static t => new Uri(t.Document["steps"]![0]!["url"]!.GetValue<string>()).AbsolutePath));
        Assert.Equal("1", result.Tools[1].Document["steps"]![0]!["headers"]!["X-A"]!.GetValue<string>());
        Assert.Contains(result.Warnings, static w => w.Message.Contains("jq .", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("curl --digest -u ann:pw https://api.example.com/x", "--digest")]
    [InlineData("curl --ntlm -u 'DOMAIN\\ann:pw' https://api.example.com/x", "--ntlm")]
    [InlineData("curl --aws-sigv4 'aws:amz:us-east-1:s3' -u KEY:SECRET https://s3.amazonaws.com/b", "--aws-sigv4")]
    [InlineData("curl -d @- https://api.example.com/x", "standard input")]
    public void SchemesTheStepCannotSend_AreRefusedByName(string command, string named)
    {
        var ex = Assert.Throws<ImportException>(() => CurlImporter.Import(command));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormValuesInQuotes_AreUnquoted_AndUploadsAppendTheFileName()
    {
        var file = Path.Combine(runner.Directory, "report.txt");
        await File.WriteAllTextAsync(file, "hello");
        var form = Assert.Single(CurlImporter.Import($"""curl https://api.example.com/f -F 'a="1;2"' -F 'file=@"{file}";type=text/plain'""").Tools);
        var echo = await runner.CaptureAtEchoAsync(form, new Dictionary<string, string>());
        var body = echo!["bodyText"]!.GetValue<string>();
        Assert.Contains("\r\n\r\n1;2\r\n", body, StringComparison.Ordinal);
        Assert.Contains("hello", body, StringComparison.Ordinal);
        var upload = Assert.Single(CurlImporter.Import("curl -T report.txt https://api.example.com/up/", new CurlImportOptions { BaseDirectory = runner.Directory }).Tools);
        echo = await runner.CaptureAtEchoAsync(upload, new Dictionary<string, string>());
        Assert.Equal("PUT", echo!["method"]!.GetValue<string>());
        Assert.Equal("/echo/up/report.txt", echo["path"]!.GetValue<string>());
        Assert.Equal("hello", echo["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void SecretCollisions_RenameOnlyWhatHoldsAnotherValue_InEveryTool()
    {
        var result = CurlImporter.Import("""
            curl https://api.example.com/a -H 'Authorization: Bearer tok-aaaaaaaaaaaaaaaa1'
            curl https://api.example.com/b -H 'Authorization: Bearer tok-aaaaaaaaaaaaaaaa1' -H 'X-Api-Key: <YOUR_API_KEY>'
            """);
        var held = new Dictionary<string, string> { ["example_token"] = "other", ["example_token_2"] = "other too", ["example_api_key"] = "mine" };
        var renames = SecretCollisions.Avoid(result, new DictionaryResolver(held));
        Assert.Equal([new SecretRename("example_token", "example_token_3")], renames);
        Assert.All(result.Tools, static t => Assert.Equal("{{secrets.example_token_3}}", t.Document["steps"]![0]!["auth"]!["token"]!.GetValue<string>()));
        Assert.Contains("{{secrets.example_api_key}}", result.Tools[1].Document.ToJsonString(), StringComparison.Ordinal); // a placeholder pasted: the stored key is meant
        Assert.Equal(["example_api_key", "example_token_3"], result.Secrets.Select(static s => s.Name).Order());
    }

    [Fact]
    public void TwoCommandsWithTwoTokens_ReadTwoSecrets_EachTheOnePastedWithIt()
    {
        var result = CurlImporter.Import("""
            curl https://api.example.com/admin -H 'Authorization: Bearer admin-token-AAAA1111'
            curl https://api.example.com/user -H 'Authorization: Bearer user-token-BBBB2222'
            curl https://api.example.com/again -H 'Authorization: Bearer admin-token-AAAA1111'
            """);
        var renames = SecretCollisions.Avoid(result, new DictionaryResolver([]));
        Assert.Equal([new SecretRename("example_token", "example_token_2", WithinImport: true)], renames);
        string Token(int i) => result.Tools[i].Document["steps"]![0]!["auth"]!["token"]!.GetValue<string>();
        Assert.Equal(["{{secrets.example_token}}", "{{secrets.example_token_2}}", "{{secrets.example_token}}"], [Token(0), Token(1), Token(2)]);
        Assert.Equal(["admin-token-AAAA1111", "user-token-BBBB2222"], result.Secrets.OrderBy(static s => s.Name).Select(static s => s.Value));
    }

    [Theory]
    [InlineData("curl https://api.github.com/user -H 'Authorization: Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a'", """{"type":"bearer","token":"{{secrets.github_token}}"}""", "", "authorization: Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("curl https://api.github.com/user --oauth2-bearer \"$GITHUB_TOKEN\"", """{"type":"bearer","token":"{{secrets.github_token}}"}""", "", "authorization: Bearer $GITHUB_TOKEN")]
    [InlineData("curl https://api.anthropic.com/v1/models -H 'x-api-key: sk-ant-api03-AAAAAAAAAAAAAAAAAAAA'", """{"type":"apiKey","name":"x-api-key","in":"header","value":"{{secrets.anthropic_api_key}}"}""", "", "x-api-key: sk-ant-api03-AAAAAAAAAAAAAAAAAAAA")]
    [InlineData("curl 'https://maps.googleapis.com/maps/api/geocode/json?address=Paris&key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'", """{"type":"apiKey","name":"key","in":"query","value":"{{secrets.googleapis_key}}"}""", "?address=Paris&key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", null)]
    [InlineData("curl https://jira.example.com/rest/api/2/myself -H 'Authorization: Basic YWRhQGFjbWUuaW86czNjcmV0IHB3'", """{"type":"basic","username":"ada@acme.io","password":"{{secrets.example_password}}"}""", "", "authorization: Basic YWRhQGFjbWUuaW86czNjcmV0IHB3")]
    [InlineData("curl https://api.example.com/x -H 'Authorization: Token abc123def456ghi'", null, "", "authorization: Token abc123def456ghi")]
    [InlineData("curl https://api.example.com/x -H 'Authorization: bearer abc123def456ghi'", null, "", "authorization: bearer abc123def456ghi")]
    public async Task Credentials_BecomeTheStepsAuth_AndSendWhatCurlSends(string command, string? auth, string query, string? header)
    {
        var result = CurlImporter.Import(command);
        var tool = Assert.Single(result.Tools);
        var step = tool.Document["steps"]![0]!;
        if (auth is null)
        {
            Assert.Null(step["auth"]);
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(auth), step["auth"]), step.ToJsonString());
            Assert.Null(step["headers"]?["Authorization"]);
        }
        var secrets = result.Secrets.Where(static s => s.Value is not null).ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret.Value!, tool.Document.ToJsonString(), StringComparison.Ordinal);
        }
        // Each secret holds the value the command gave (or $NAME for a shell variable): the request is the command's own.
        var echo = await runner.CaptureAtEchoAsync(tool, CorpusSecretValues(tool));
        Assert.Equal(query, echo!["queryString"]!.GetValue<string>());
        if (header is not null)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            Assert.Equal(header[(colon + 2)..], echo["headers"]![header[..colon]]?.GetValue<string>());
        }
    }

    private static Dictionary<string, string> CorpusSecretValues(ImportedTool tool) => Corpus.Corpora.SecretValues(tool);

    private sealed class DictionaryResolver(Dictionary<string, string> values) : Toolsmith.Core.Secrets.ISecretResolver
    {
        public bool TryGet(string name, out string value) => values.TryGetValue(name, out value!);

        public string WhereToSet(string name) => "here";
    }

    [Fact]
    public void Export_WritesAnEmptyHeader_AsCurlDoes()
    {
        var step = new ApiStepDefinition { Id = "s", Url = "https://api.example.com/x", Headers = { ["X-Empty"] = "" } };
        var command = CurlExporter.Export(step);
        Assert.Contains("-H 'X-Empty;'", command, StringComparison.Ordinal);
        var again = Assert.Single(CurlImporter.Import(command).Tools);
        Assert.Equal("", again.Document["steps"]![0]!["headers"]!["X-Empty"]!.GetValue<string>());
    }

    [Fact]
    public void Export_WritesAJoinedArrayAndAJsonValue_AsTheStepSendsThem()
    {
        var step = new ApiStepDefinition
        {
            Id = "s", Url = "https://api.example.com/pets",
            Params = new JsonObject
            {
                ["status"] = new JsonObject { ["values"] = new JsonArray("available", "pending"), ["join"] = "," },
                ["ids"] = new JsonObject { ["values"] = "{{ids}}", ["join"] = "|" },
                ["since"] = new JsonObject { ["json"] = new JsonObject { ["d"] = "2024-01-01" } },
            },
        };
        var command = CurlExporter.Export(step);
        Assert.Contains("status=available%2Cpending&ids={{ids}}&since=%7B%22d%22%3A%222024-01-01%22%7D", command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormKeptAsWritten_MakesOneSecret_HoldingTheValueAsWritten()
    {
        // Chrome's "Copy as cURL" of a login form: '+' for a space, so the form stays text; its password one secret.
        var result = CurlImporter.Import($"curl 'http://127.0.0.1:{runner.Api.Port}/echo/login' -H 'content-type: application/x-www-form-urlencoded' --data-raw 'username=alice&password=p%40ss+word&next=%2Fhome'");
        var tool = Assert.Single(result.Tools);
        var secret = Assert.Single(result.Secrets);
        Assert.Equal("p%40ss+word", secret.Value);
        Assert.Contains("percent-encoded", secret.Description, StringComparison.Ordinal);
        var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string> { [secret.Name] = secret.Value! });
        Assert.Equal("username=alice&password=p%40ss+word&next=%2Fhome", echo!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task AHeaderValueOutsideAscii_IsSentAsItsUtf8Bytes_AsCurlSendsIt()
    {
        var tool = Assert.Single(CurlImporter.Import($"curl -H 'X-Name: café' http://127.0.0.1:{runner.Api.Port}/echo/utf8").Tools);
        var step = ImportRunner.Single(await runner.RunAsync(tool));
        Assert.True(step.Ok, step.Diagnosis?.Explanation);
        Assert.Equal("café", (string?)runner.Api.LastEcho!["headers"]!["x-name"]);
    }

    [Fact]
    public async Task AnAuthorizationHeader_WinsOverOAuth2Bearer_AsCurlSendsIt()
    {
        // curl sends the command's own Authorization header; --oauth2-bearer's token is not sent.
        var result = CurlImporter.Import($"curl -H 'Authorization: Bearer hdr_token_1234567890' --oauth2-bearer flag_token_0987654321 http://127.0.0.1:{runner.Api.Port}/echo/twoauth");
        var tool = Assert.Single(result.Tools);
        Assert.Contains(result.Warnings, static w => w.Item == "--oauth2-bearer" && w.Message.StartsWith("is not used", StringComparison.Ordinal));
        var secret = Assert.Single(result.Secrets);
        Assert.Equal("hdr_token_1234567890", secret.Value);
        await runner.RunAsync(tool);
        Assert.Equal("Bearer " + ImportRunner.SecretValue(secret.Name), (string?)runner.Api.LastEcho!["headers"]!["authorization"]);
    }

    [Fact]
    public async Task AShellVariableUsedAsAJsonValueAndInsideQuotes_KeepsEachUsesType()
    {
        // The shell puts the text in: {"n": 7, "s": "7", "f": true}.
        var result = CurlImporter.Import($$"""curl http://127.0.0.1:{{runner.Api.Port}}/echo/num -H 'Content-Type: application/json' -d "{\"n\": $NUMV, \"s\": \"$NUMV\", \"f\": $FLAGV}" """);
        var tool = Assert.Single(result.Tools);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("both as a JSON value and inside quotes", StringComparison.Ordinal));
        await runner.RunAsync(tool, new JsonObject { ["numv"] = "7", ["flagv"] = "true" });
        Assert.Equal("""{"n": 7, "s": "7", "f": true}""", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
        Assert.Equal("application/json", (string?)runner.Api.LastEcho!["headers"]!["content-type"]);
    }

    [Fact]
    public async Task EmptyContentType_MeansNone_BothWays()
    {
        // curl's -H 'Content-Type:' removes the header curl would add for -d; a step's "Content-Type": "" sends none.
        var tool = Assert.Single(CurlImporter.Import($"curl http://127.0.0.1:{runner.Api.Port}/echo/raw -H 'Content-Type:' --data-binary 'plain words'").Tools);
        await runner.RunAsync(tool);
        Assert.Null(runner.Api.LastEcho!["headers"]!["content-type"]);
        Assert.Equal("plain words", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
        var step = new ApiStepDefinition { Id = "s", Method = RequestMethod.Post, Url = "https://api.example.com/x", Headers = { ["Content-Type"] = "" } };
        Assert.Contains("-H Content-Type:", CurlExporter.Export(step), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyUserAgent_MeansNone_BothWays()
    {
        // curl's -H 'User-Agent:' sends no User-Agent; a step's "User-Agent": "" keeps the engine from sending its own.
        var tool = Assert.Single(CurlImporter.Import($"curl http://127.0.0.1:{runner.Api.Port}/echo/ua -H 'User-Agent:'").Tools);
        await runner.RunAsync(tool);
        Assert.Null(runner.Api.LastEcho!["headers"]!["user-agent"]);
        var plain = Assert.Single(CurlImporter.Import($"curl http://127.0.0.1:{runner.Api.Port}/echo/ua").Tools);
        await runner.RunAsync(plain);
        Assert.NotNull(runner.Api.LastEcho!["headers"]!["user-agent"]);
        var step = new ApiStepDefinition { Id = "s", Url = "https://api.example.com/x", Headers = { ["User-Agent"] = "" } };
        Assert.Contains("-H User-Agent:", CurlExporter.Export(step), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWithData_SendsItsBody_AsCurlDoes()
    {
        // curl -X GET -d sends the data as the GET's body (Elasticsearch's _search); only -G moves it to the query.
        var tool = Assert.Single(CurlImporter.Import($"curl -X GET http://127.0.0.1:{runner.Api.Port}/echo/_search -H 'Content-Type: application/json' -d '{{\"query\":{{\"match_all\":{{}}}}}}'").Tools);
        await runner.RunAsync(tool);
        Assert.Equal("GET", runner.Api.LastEcho!["method"]!.GetValue<string>());
        Assert.Equal("""{"query":{"match_all":{}}}""", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
        Assert.Equal("", runner.Api.LastEcho!["queryString"]!.GetValue<string>());
    }

    [Fact]
    public async Task FormFieldFromAFile_SendsTheFilesText_AsAPlainField()
    {
        await ImportRunner.InFolderAsync(async folder =>
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "summary.txt"), "Quarter closed.");
            var result = CurlImporter.Import($"curl -F 'description=<summary.txt' http://127.0.0.1:{runner.Api.Port}/echo/reports", new CurlImportOptions { BaseDirectory = folder });
            await runner.RunAsync(Assert.Single(result.Tools));
            var body = runner.Api.LastEcho!["bodyText"]!.GetValue<string>();
            Assert.Matches("name=\"?description\"?\r\n\r\nQuarter closed\\.", body);
            Assert.DoesNotContain("filename=", body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task FilesTheCommandReads_ForHeadersAndUrlEncodedValues_AreReadAtImport()
    {
        await ImportRunner.InFolderAsync(async folder =>
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "headers.txt"), "X-Trace: from-file\r\nX-Team: core\n\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "query.txt"), "state:open \"needs review\"\n");
            var result = CurlImporter.Import($"curl -G -H @headers.txt http://127.0.0.1:{runner.Api.Port}/echo/search --data-urlencode q@query.txt --data-urlencode 'n=2'", new CurlImportOptions { BaseDirectory = folder });
            await runner.RunAsync(Assert.Single(result.Tools));
            var echo = runner.Api.LastEcho!;
            Assert.Equal("from-file", echo["headers"]!["x-trace"]!.GetValue<string>());
            Assert.Equal("core", echo["headers"]!["x-team"]!.GetValue<string>());
            // curl sends the whole file, its final line break too
            Assert.Equal("?q=state%3Aopen+%22needs+review%22%0A&n=2", echo["queryString"]!.GetValue<string>(), ignoreCase: true);
        });
    }

    [Fact]
    public async Task DataBinaryFileWithG_IsReadAtImport_IntoTheQuery_AsCurlSendsIt()
    {
        await ImportRunner.InFolderAsync(async folder =>
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "q.txt"), "a=1&b=2");
            var result = CurlImporter.Import($"curl -G http://127.0.0.1:{runner.Api.Port}/echo/g-file --data-binary @q.txt", new CurlImportOptions { BaseDirectory = folder });
            await runner.RunAsync(Assert.Single(result.Tools));
            Assert.Equal("GET", runner.Api.LastEcho!["method"]!.GetValue<string>());
            Assert.Equal("?a=1&b=2", runner.Api.LastEcho!["queryString"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task RefererAuto_SendsNoneOnTheFirstRequest_AndAFilenameGivesAFilePartItsType()
    {
        // curl -e ';auto' sets a Referer only on redirects; -F 'f=@a.txt;filename=photo.png' is typed from the name sent.
        await ImportRunner.InFolderAsync(async folder =>
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), "not a png");
            var result = CurlImporter.Import($"curl -e ';auto' -F 'avatar=@a.txt;filename=photo.png' http://127.0.0.1:{runner.Api.Port}/echo/form", new CurlImportOptions { BaseDirectory = folder });
            await runner.RunAsync(Assert.Single(result.Tools));
            var echo = runner.Api.LastEcho!;
            Assert.Null(echo["headers"]!["referer"]);
            Assert.Contains("filename=\"photo.png\"\r\nContent-Type: image/png", echo["bodyText"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            var spaced = CurlImporter.Import("curl 'http://127.0.0.1:1/sp ace?q=a b'");
            Assert.Contains(spaced.Warnings, static w => w.Message.Contains("which curl refuses", StringComparison.Ordinal));
        });
    }

    [Theory]
    [InlineData("curl -K request.cfg", "takes its options from request.cfg (-K)")]
    [InlineData("curl --variable %TOKEN --expand-header 'Authorization: Bearer {{TOKEN}}' https://api.example.com/me", "curl 8.3's variables")]
    [InlineData("fetch(\"https://api.example.com/me\", {\"method\": \"POST\"});", "JavaScript's fetch()")]
    public void WhatTheImportCannotRead_IsRefused_SayingWhatItIs(string command, string said)
    {
        var refused = Assert.Throws<ImportException>(() => CurlImporter.Import(command));
        Assert.Contains(said, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShellWordBeforeCurl_IsSkipped_AndRealCurlOptionsAreNamedAsNotSupported_NotAsUnknown()
    {
        var result = CurlImporter.Import("noglob curl --http2 --path-as-is --tlsv1.2 https://api.example.com/items");
        Assert.Equal("https://api.example.com/items", Assert.Single(result.Tools).Document["steps"]![0]!["url"]!.GetValue<string>());
        Assert.Equal(3, result.Warnings.Count(static w => w.Message.Contains("not supported by Toolsmith's API step", StringComparison.Ordinal)));
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("not a curl option", StringComparison.Ordinal));
    }

    [Fact]
    public void CookieHeader_ReplacesTheCookiesOfB_AsCurlSendsOnlyTheHeader()
    {
        var result = CurlImporter.Import("curl -b 'sid=s_1' -H 'Cookie: theme=dark' https://api.example.com/v1/me");
        var step = Assert.Single(result.Tools).Document["steps"]![0]!;
        var cookies = step["cookies"]?.AsObject().Select(static c => c.Key).ToList() ?? [];
        var header = step["headers"]?["Cookie"]?.GetValue<string>();
        Assert.DoesNotContain("sid", cookies);
        Assert.DoesNotContain("sid", header ?? "", StringComparison.Ordinal);
        Assert.Equal(["theme"], header is null ? cookies : [header.Split('=')[0]]);
        Assert.Contains(result.Warnings, static w => w.Item == "-b" && w.Message.Contains("sid", StringComparison.Ordinal) && !w.Message.Contains("s_1", StringComparison.Ordinal));
    }

    [Fact]
    public void UnquotedFormValue_EndsAtItsFirstSemicolon_AsCurlCutsIt()
    {
        var result = CurlImporter.Import("curl -F 'sql=select 1; select 2' -F 'note=\"a; b\"' https://api.example.com/v1/queries");
        var body = Assert.Single(result.Tools).Document["steps"]![0]!["body"]!;
        Assert.Equal("select 1", body["sql"]!.GetValue<string>());
        Assert.Equal("a; b", body["note"]!.GetValue<string>());
        Assert.Contains(result.Warnings, static w => w.Item == "-F sql" && w.Message.Contains("';'", StringComparison.Ordinal));
    }

    [Fact]
    public void SeveralUrls_BecomeOneToolEach_AndAWordThatIsNoUrl_MakesNone()
    {
        var two = CurlImporter.Import("curl -H 'Accept: application/json' https://api.example.com/v1/a https://api.example.com/v1/b");
        Assert.Equal(["https://api.example.com/v1/a", "https://api.example.com/v1/b"], two.Tools.Select(static t => t.Document["steps"]![0]!["url"]!.GetValue<string>()));
        Assert.All(two.Tools, static t => Assert.Equal("application/json", t.Document["steps"]![0]!["headers"]!["Accept"]!.GetValue<string>()));
        // A stray "\ " before -H makes curl read " -H" as a URL (and fail on it): one tool, and a warning.
        var stray = CurlImporter.Import("curl -X DELETE 'https://api.example.com/v1/items/1' \\ -H 'Authorization: Bearer {{token}}'");
        Assert.Single(stray.Tools);
        Assert.Contains(stray.Warnings, static w => w.Message.Contains("not one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FilesOutsideTheImportFolder_AreNotRead_AndNoValueReachesAWarning()
    {
        var root = Directory.CreateTempSubdirectory("toolsmith-curl-outside-").FullName;
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "project")).FullName;
            await File.WriteAllTextAsync(Path.Combine(root, "private.txt"), "X-Secret: sk_live_0123456789abcdefABCDEF\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "headers.txt"), "X-Ok: yes\nsk_live_notaheader0123456789\n");
            var options = new CurlImportOptions { BaseDirectory = folder };
            foreach (var command in (string[])[$"curl -H @{Path.Combine(root, "private.txt")} https://api.example.com/v1/a", "curl -H @../private.txt https://api.example.com/v1/a", "curl -G --data-urlencode q@../private.txt https://api.example.com/v1/a"])
            {
                var result = CurlImporter.Import(command, options);
                var document = Assert.Single(result.Tools).Document.ToJsonString();
                Assert.DoesNotContain("sk_live", document, StringComparison.Ordinal);
                Assert.DoesNotContain(result.Warnings, static w => (w.Item + w.Message).Contains("sk_live", StringComparison.Ordinal));
            }
            // A line of a header file that is no header is named by its number, never by its text.
            var inside = CurlImporter.Import("curl -H @headers.txt https://api.example.com/v1/a", options);
            Assert.Equal("yes", Assert.Single(inside.Tools).Document["steps"]![0]!["headers"]!["X-Ok"]!.GetValue<string>());
            Assert.Contains(inside.Warnings, static w => w.Item.EndsWith("line 2", StringComparison.Ordinal));
            Assert.DoesNotContain(inside.Warnings, static w => (w.Item + w.Message).Contains("sk_live", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Warnings_NeverRepeatACredential_FromAFormValueOrAStrayWord()
    {
        var form = CurlImporter.Import("curl -F 'password=hunter2;x' https://api.example.com/v1/login");
        Assert.DoesNotContain(form.Warnings, static w => (w.Item + w.Message).Contains("hunter2", StringComparison.Ordinal));
        var stray = CurlImporter.Import("curl https://api.example.com/v1/me 'Authorization: Bearer sk_live_0123456789abcdefXYZ'");
        Assert.Single(stray.Tools);
        Assert.DoesNotContain(stray.Warnings, static w => (w.Item + w.Message).Contains("sk_live", StringComparison.Ordinal));
        // A JWT has dots, but it is no host.
        var jwt = CurlImporter.Import("curl https://api.example.com/v1/me eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123");
        Assert.Single(jwt.Tools);
    }

    [Fact]
    public void RawUrlQuery_IsSentAsWritten_AndOnlyHexEscapesAreLowered()
    {
        var result = CurlImporter.Import("curl https://api.example.com/v1/deals --url-query '+q=100%OFF' --url-query 'n=a/b'");
        var step = Assert.Single(result.Tools).Document["steps"]![0]!;
        var text = step.ToJsonString();
        Assert.Contains("100%OFF", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_RedactsSecrets_AndNeverHoldsAValue()
    {
        var tool = Assert.Single(CurlImporter.Import(Cases["slack_post_message"].Command).Tools);
        var step = (ApiStepDefinition)ToolLoader.FromNode(tool.Document.DeepClone(), "t").Definition.Steps[0];
        var kept = CurlExporter.Export(step);
        var redacted = CurlExporter.Export(step, new CurlExportOptions { RedactSecrets = true });
        Assert.Contains("Authorization: Bearer {{secrets.slack_token}}", kept, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer •••", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("secrets.", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb", kept + redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_WritesOneOptionPerLine_ForBash()
    {
        var step = new ApiStepDefinition
        {
            Id = "s",
            Method = RequestMethod.Post,
            Url = "https://api.example.com/pages/{{pageId}}",
            Headers = { ["Authorization"] = "Bearer {{secrets.token}}" },
            Params = new JsonObject { ["limit"] = 25, ["tag"] = new JsonArray("a b", "c") },
            Body = JsonNode.Parse("""[{"key":"it's","value":1}]"""),
        };
        var command = CurlExporter.Export(step);
        Assert.Equal("""
            curl -X POST 'https://api.example.com/pages/{{pageId}}?limit=25&tag=a%20b&tag=c' \
              -H 'Authorization: Bearer {{secrets.token}}' \
              -H 'Content-Type: application/json' \
              --data-raw '[{"key":"it'\''s","value":1}]' \
              -L
            """.Replace("\r\n", "\n", StringComparison.Ordinal), command);
    }

    [Fact]
    public void Export_WritesTypedPlaceholdersBare_SoTheyImportBackTyped()
    {
        var tool = ToolLoader.Parse("""
            {"name":"t","inputs":{"count":{"type":"integer"},"name":{"type":"string"}},
             "steps":[{"id":"s","type":"api","method":"POST","url":"https://api.example.com/c","body":{"count":"{{count}}","name":"{{name}}"}}]}
            """, "t.tool.json");
        var command = CurlExporter.Export((ApiStepDefinition)tool.Definition.Steps[0], new CurlExportOptions { Inputs = tool.Definition.Inputs, MultiLine = false });
        Assert.Contains("""--data-raw '{"count":{{count}},"name":"{{name}}"}'""", command, StringComparison.Ordinal);
        var again = Assert.Single(CurlImporter.Import(command).Tools);
        Assert.Equal("number", again.Document["inputs"]!["count"]!["type"]!.GetValue<string>());
        Assert.Equal("string", again.Document["inputs"]!["name"]!["type"]!.GetValue<string>());
        Assert.Equal("""{"count":"{{count}}","name":"{{name}}"}""", again.Document["steps"]![0]!["body"]!.ToJsonString());
    }

    [Fact]
    public void NotACurlCommand_IsAnImportError()
    {
        var ex = Assert.Throws<ImportException>(() => CurlImporter.Import("wget https://example.com"));
        Assert.Contains("not a curl command", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ImportException>(() => CurlImporter.Import("curl 'https://example.com"));
        Assert.Throws<ImportException>(() => CurlImporter.Import("curl -s"));
    }

    [Theory]
    [InlineData("curl -X POST https://a.example.com/x -d 'a=1'", ShellDialect.Bash)]
    [InlineData("curl.exe -X POST https://a.example.com/x `\n -d 'a=1'", ShellDialect.PowerShell)]
    [InlineData("curl -X POST https://a.example.com/x ^\n -d \"a=1\"", ShellDialect.Cmd)]
    [InlineData("curl -H \"X-Key: %KEY%\" https://a.example.com/x", ShellDialect.Cmd)]
    [InlineData("curl -H \"X-Key: $env:KEY\" https://a.example.com/x", ShellDialect.PowerShell)]
    public void Shell_IsDetected(string command, ShellDialect expected) => Assert.Equal(expected, ShellWords.Detect(command));

    [Fact]
    public void Words_BashQuoting()
    {
        var words = ShellWords.Split("curl 'a b' \"c \\\"d\\\" $X\" e\\ f $'g\\th' \\\n  -v", ShellDialect.Bash, out var rest);
        Assert.Null(rest);
        Assert.Equal(["curl", "a b", "c \"d\" \u0001X\u0002", "e f", "g\th", "-v"], words);
    }

    [Theory]
    [InlineData("$'caf\\xc3\\xa9'", "café")] // UTF-8 bytes, as Chromium writes them
    [InlineData("$'caf\\xe9 \\xfc'", "café ü")] // one byte a character, as Firefox writes them: ISO-8859-1
    [InlineData("$'\\uD83C\\uDF89 ok'", "\U0001F389 ok")] // an emoji as Firefox writes it, two UTF-16 halves
    [InlineData("$'\\uD83C x'", "\uFFFD x")] // a half alone
    [InlineData("'\U0001F49D \U0001F389'", "\U0001F49D \U0001F389")] // emoji typed as they are stay
    [InlineData("$'\\U0011FFFF'", "\uFFFD")] // beyond Unicode
    [InlineData("$'a\\cAb\\ca\\c?'", "a\u0001b\u0001\u007f")] // bash's control characters: \cA and \ca are 0x01, \c? is DEL
    public void Words_AnsiCEscapes_GiveTheCharactersMeant(string word, string expected) =>
        Assert.Equal(["curl", expected], ShellWords.Split("curl " + word, ShellDialect.Bash, out _).Select(ShellWords.DecodeByteEscapes));

    [Fact]
    public void Words_CmdCaretsAndBackslashQuotes()
    {
        var words = ShellWords.Split("curl ^\"a^&b^\" \"x \\\"y\\\" z\" c:\\path\\ ^\r\n -d \"%V%\"", ShellDialect.Cmd, out _);
        Assert.Equal(["curl", "a&b", "x \"y\" z", "c:\\path\\", "-d", "\u0001V\u0002"], words);
    }

    [Fact]
    public void Words_PowerShellBackticksAndQuotes()
    {
        var words = ShellWords.Split("curl.exe 'it''s' \"a`\"b`\" $env:TOKEN\" `\n  -v", ShellDialect.PowerShell, out _);
        Assert.Equal(["curl.exe", "it's", "a\"b\" \u0001TOKEN\u0002", "-v"], words);
    }

    [Fact]
    public void ImportedDocument_LoadsAndNamesItsTool()
    {
        var result = CurlImporter.Import("curl https://api.stripe.com/v1/customers/cus_9s6XKzkNRiz8i3/sources -u sk_test_x:");
        Assert.True(result.Tools.Count == 1, string.Join("\n", result.Warnings));
        var tool = Assert.Single(result.Tools);
        Assert.Equal("stripe_get_customers_sources", tool.Name);
        Assert.Equal("stripe_get_customers_sources.tool.json", tool.FileName);
        var loaded = ToolLoader.FromNode(tool.Document.DeepClone(), tool.FileName);
        Assert.False(((ApiStepDefinition)loaded.Definition.Steps[0]).FollowRedirects);
        var auth = ((ApiStepDefinition)loaded.Definition.Steps[0]).Auth!;
        Assert.Equal(CredentialType.Basic, auth.Type);
        Assert.Equal("{{secrets.stripe_api_key}}", auth.Username);
        Assert.Equal("", auth.Password);
        Assert.False(((ApiStepDefinition)loaded.Definition.Steps[0]).Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public void DocsPlaceholdersInBraces_BecomeInputs_UnlessGlobbingIsOff()
    {
        var result = CurlImporter.Import("curl -X POST \"https://api.example.com/v2/apps/{app_id}/deployments/{deployment-id}/cancel?type={a,b}\"");
        var step = result.Tools.Single().Document["steps"]![0]!;
        Assert.Equal("https://api.example.com/v2/apps/{{app_id}}/deployments/{{deployment_id}}/cancel?type={a,b}", step["url"]!.GetValue<string>());
        Assert.Contains(result.Warnings, static w => w.Item == "{app_id}" && w.Message.Contains("input app_id", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Message.Contains("pattern", StringComparison.Ordinal)); // {a,b} is still a curl set

        var literal = CurlImporter.Import("curl -g https://api.example.com/v2/apps/{app_id}");
        Assert.Equal("https://api.example.com/v2/apps/{app_id}", literal.Tools.Single().Document["steps"]![0]!["url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("page_token")]
    [InlineData("nextPageToken")]
    [InlineData("continuation_token")]
    [InlineData("sync_token")]
    [InlineData("cursor")]
    public void PagingTokens_AreData_AndTheQueryKeepsItsOrder(string name)
    {
        var result = CurlImporter.Import($"curl 'https://api.example.com/v2/items?page=2&{name}=eyJvZmZzZXQiOjIwMCwic29ydCI6Im5hbWUifQ&per_page=1'");
        var step = result.Tools.Single().Document["steps"]![0]!;
        Assert.Empty(result.Secrets);
        Assert.Equal($"https://api.example.com/v2/items?page=2&{name}=eyJvZmZzZXQiOjIwMCwic29ydCI6Im5hbWUifQ&per_page=1", step["url"]!.GetValue<string>());
    }

    [Fact]
    public void ASecretInTheMiddleOfTheQuery_KeepsTheOrderOfTheParameters()
    {
        var result = CurlImporter.Import("curl 'https://api.example.com/v2/items?a=1&access_token=8f3kq93ldk2Xq&b=2&client_secret=s3cr3t-Value9&c=3'");
        var step = result.Tools.Single().Document["steps"]![0]!;
        Assert.Equal("https://api.example.com/v2/items?a=1", step["url"]!.GetValue<string>());
        Assert.Equal(["access_token", "b", "client_secret", "c"], step["params"]!.AsObject().Select(static p => p.Key));
        Assert.DoesNotContain("8f3kq93ldk2Xq", result.Tools[0].Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"name\": \"a\",\n  \"tags\": [1, 2],\n}", "line 4")] // a trailing comma, as docs often have
    [InlineData("{\"name\": \"a\" /* the name */}", "line 1")]
    [InlineData("{\"agent_uuid\": \"1\", \"agent_uuid\": \"2\"}", "agent_uuid")] // a member given twice
    public void AJsonBodyThatIsNotValidJson_IsSentAsWritten_WithAWarningSayingWhere(string body, string where)
    {
        var result = CurlImporter.Import($"curl https://api.example.com/x -H 'Content-Type: application/json' -d '{body}'");
        var step = result.Tools.Single().Document["steps"]![0]!;
        Assert.Equal(body, step["body"]!.GetValue<string>());
        Assert.Contains(result.Warnings, w => w.Message.Contains("not valid JSON", StringComparison.Ordinal) && w.Message.Contains(where, StringComparison.Ordinal));
    }

    [Fact]
    public void AnOptionLineAfterALineWithoutContinuation_IsReadAsPartOfTheCommand_WithAWarning()
    {
        var result = CurlImporter.Import("curl -X POST -H 'Content-Type: application/json' \\\n  \"https://api.example.com/v2/apps\"\n  -d '{\"name\":\"web\"}'");
        var step = result.Tools.Single().Document["steps"]![0]!;
        Assert.Equal("web", step["body"]!["name"]!.GetValue<string>());
        Assert.Contains(result.Warnings, static w => w.Item.StartsWith("-d", StringComparison.Ordinal) && w.Message.Contains("bash would run it", StringComparison.Ordinal));
        Assert.DoesNotContain(CurlImporter.Import("curl -X POST \\\n  https://api.example.com/x \\\n  -d a=1").Warnings, static w => w.Message.Contains("bash would run it", StringComparison.Ordinal));
    }

    [Fact]
    public void UserInfoInTheUrl_IsBasicAuth_AsCurlSendsIt_AndNeverWrittenInTheTool()
    {
        // curl sends https://USER:PASSWORD@host as Basic authentication; the password is a secret, not part of the URL.
        var result = CurlImporter.Import("curl 'https://admin:pa55-w0rd%21@broker.example.com:8161/api/status?x=1'");
        var tool = Assert.Single(result.Tools);
        var step = tool.Document["steps"]![0]!;
        Assert.Equal("https://broker.example.com:8161/api/status?x=1", step["url"]!.GetValue<string>());
        Assert.Equal("basic", step["auth"]!["type"]!.GetValue<string>());
        Assert.Equal("admin", step["auth"]!["username"]!.GetValue<string>());
        Assert.DoesNotContain("pa55-w0rd", tool.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(result.Secrets, static s => s.Value == "pa55-w0rd!");
        // -u wins over the URL's user information, as in curl.
        var explicitUser = CurlImporter.Import("curl -u other:pw https://admin:secret@broker.example.com/x").Tools[0].Document["steps"]![0]!;
        Assert.Equal("other", explicitUser["auth"]!["username"]!.GetValue<string>());
        Assert.Equal("https://broker.example.com/x", explicitUser["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task FormParts_TypedText_AndOneNameGivenSeveralFiles_GoOutAsCurlSendsThem()
    {
        // -F 'meta={…};type=application/json' is a text part with its own Content-Type; -F f=@a -F f=@b two file parts named f.
        var folder = Directory.CreateTempSubdirectory("toolsmith-curl-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), "AAA");
            await File.WriteAllTextAsync(Path.Combine(folder, "b.txt"), "BBB");
            var command = $"curl http://127.0.0.1:{runner.Api.Port}/echo/upload -F 'meta={{\"kind\":\"report\"}};type=application/json' -F f=@{folder}/a.txt -F f=@{folder}/b.txt";
            var tool = Assert.Single(CurlImporter.Import(command).Tools);
            Assert.DoesNotContain(CurlImporter.Import(command).Warnings, static w => w.Message.Contains("content type on a text field", StringComparison.Ordinal));
            await runner.RunAsync(tool);
            var sent = runner.Api.LastEcho!["bodyText"]!.GetValue<string>();
            Assert.Contains("name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"kind\":\"report\"}\r\n", sent, StringComparison.Ordinal);
            Assert.Contains("name=\"f\"; filename=\"a.txt\"", sent, StringComparison.Ordinal);
            Assert.Contains("name=\"f\"; filename=\"b.txt\"", sent, StringComparison.Ordinal);
            Assert.Contains("BBB", sent, StringComparison.Ordinal);
            // Exported again, the typed part keeps its type.
            var definition = ToolLoader.FromNode(tool.Document.DeepClone(), "t").Definition;
            var exported = CurlExporter.Export((ApiStepDefinition)definition.Steps[0]);
            Assert.Contains(";type=application/json", exported, StringComparison.Ordinal);
            Assert.Equal(tool.Document["steps"]![0]!["body"]!.ToJsonString(), Assert.Single(CurlImporter.Import(exported).Tools).Document["steps"]![0]!["body"]!.ToJsonString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
    [Fact]
    public async Task TheApisOwnTemplateBraces_InABody_AreSentAsWritten_NotMadeInputs()
    {
        // Meilisearch's embedder and chat settings: {{doc.title}}, {{..}} and {{text}} are its own template language,
        // which curl sends as written; none is a placeholder of the command.
        var command = $$$"""
            curl -X PATCH 'http://127.0.0.1:{{{runner.Api.Port}}}/echo/indexes/movies/settings' \
              -H 'Content-Type: application/json' \
              --data-binary '{
                "documentTemplate": "A movie titled {{doc.title}} released in {{ doc.release_date }}",
                "request": { "input": ["{{text}}", "{{..}}"] },
                "inline": "{{doc.overview|truncatewords: 20}}"
              }'
            """;
        var result = CurlImporter.Import(command);
        var tool = Assert.Single(result.Tools);
        Assert.Null(tool.Document["inputs"]?["text"]);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("the API's own template syntax", StringComparison.Ordinal));
        await runner.RunAsync(tool);
        var sent = JsonNode.Parse(runner.Api.LastEcho!["bodyText"]!.GetValue<string>())!;
        Assert.Equal("A movie titled {{doc.title}} released in {{ doc.release_date }}", sent["documentTemplate"]!.GetValue<string>());
        Assert.Equal("""["{{text}}","{{..}}"]""", sent["request"]!["input"]!.ToJsonString());
        Assert.Equal("{{doc.overview|truncatewords: 20}}", sent["inline"]!.GetValue<string>());
        // A command whose braces are all names keeps them as placeholders: {{token}} is an input.
        var placeholders = CurlImporter.Import("curl https://api.example.com/x -H 'Content-Type: application/json' -d '{\"q\":\"{{query}}\"}'");
        Assert.NotNull(Assert.Single(placeholders.Tools).Document["inputs"]?["query"]);
    }

    [Fact]
    public void ADocsPlaceholderInTheHost_BecomesAnInput()
    {
        // curl refuses a host with < >; the docs mean a value to fill in, as {name} does.
        var result = CurlImporter.Import("curl -X POST 'http://<your-domain-name>/dumps' -H 'Authorization: Bearer API_KEY'");
        var tool = Assert.Single(result.Tools);
        Assert.Equal("http://{{your_domain_name}}/dumps", tool.Document["steps"]![0]!["url"]!.GetValue<string>());
        Assert.NotNull(tool.Document["inputs"]?["your_domain_name"]);
        Assert.Contains(result.Warnings, static w => w.Item == "<your-domain-name>");
        var port = Assert.Single(CurlImporter.Import("curl 'http://<SOLR_HOST>:<SOLR_PORT>/solr/<CORE>/replication?command=details'").Tools);
        Assert.Equal("http://{{solr_host}}:{{solr_port}}/solr/<CORE>/replication?command=details", port.Document["steps"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public void AStrayQuoteAfterACompleteCommand_IsLeftOut_AndTheCommandImported()
    {
        // A JSON body's closing "}'" left below a command that ended: bash runs the curl, then fails on the rest.
        var result = CurlImporter.Import("curl \\\n  -X DELETE MEILISEARCH_URL/logs/stream \\\n  -H 'Authorization: Bearer API_KEY'\n}'");
        var tool = Assert.Single(result.Tools);
        Assert.Equal("DELETE", tool.Document["steps"]![0]!["method"]!.GetValue<string>());
        Assert.Contains(result.Warnings, static w => w.Item == "}'" && w.Message.Contains("left out", StringComparison.Ordinal));
        // A quote never closed in the command itself is still refused: curl sends nothing for it.
        Assert.Throws<ImportException>(() => CurlImporter.Import("curl -X GET 'https://api.example.com/tasks?limit=2 \\\n  -H 'Authorization: Bearer API_KEY'"));
    }
    [Fact]
    public async Task AFormWrittenOtherwiseThanTheStepWouldEscapeIt_IsSentAsWritten_ItsCredentialsStillSecrets()
    {
        // Kong's Admin API docs: curl sends -d bytes as written ("http://…", "paths[]=/", "+"), where a form's fields
        // would go out escaped again (%3A%2F%2F, %5B%5D, %20).
        var command = "curl -X POST https://api.example.com/plugins --data name=acme --data 'config.url=http://onprem:9004' --data 'paths[]=/x' -d 'q=a+b' -d client_secret=s3cr3t-Value9";
        var result = CurlImporter.Import(command);
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("s3cr3t-Value9", tool.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(result.Secrets);
        var echo = (await runner.CaptureAtEchoAsync(tool, result.Secrets.ToDictionary(static s => s.Name, static s => s.Value!)))!;
        Assert.Equal("name=acme&config.url=http://onprem:9004&paths[]=/x&q=a+b&client_secret=s3cr3t-Value9", echo["bodyText"]!.GetValue<string>());
        Assert.Equal("application/x-www-form-urlencoded", echo["contentType"]!.GetValue<string>());
        // A form the step's escaping gives back byte for byte stays a form of fields.
        var fields = Assert.Single(CurlImporter.Import("curl https://api.example.com/x -d name=acme -d 'note=a%20b'").Tools);
        Assert.Equal("form", fields.Document["steps"]![0]!["bodyType"]!.GetValue<string>());
    }
    [Fact]
    public void AnUnquotedAnglePlaceholder_IsReadAsText_NotARedirection()
    {
        // Kong's and OpenSearch's docs: bash reads <region> and <password> as redirections (curl sends nothing); the paste
        // means placeholders. The host's becomes an input, as a quoted one does.
        var result = CurlImporter.Import("curl -i -X POST https://<region>.api.konghq.com/v2/control-planes \\\n    -H \"Authorization: Bearer <your_KPAT>\" \\\n    --data \"name=CP1\"");
        var step = Assert.Single(result.Tools).Document["steps"]![0]!;
        Assert.Equal("https://{{region}}.api.konghq.com/v2/control-planes", step["url"]!.GetValue<string>());
        Assert.Equal("CP1", step["body"]!["name"]!.GetValue<string>());
        Assert.Contains(result.Warnings, static w => w.Item == "<region>" && w.Message.Contains("redirections", StringComparison.Ordinal));
        var user = Assert.Single(CurlImporter.Import("curl -XGET https://localhost:9200/_cat/nodes?v -u admin:<custom-admin-password> --insecure").Tools).Document["steps"]![0]!;
        Assert.Equal("https://localhost:9200/_cat/nodes?v", user["url"]!.GetValue<string>());
        Assert.Equal("admin", user["auth"]!["username"]!.GetValue<string>());
        // "< file" with a space is still a redirection: the command reads its body from standard input, that file.
        var redirected = Assert.Single(CurlImporter.Import("curl https://api.example.com/x -d @- < body.json").Tools).Document["steps"]![0]!;
        Assert.Equal("body.json", redirected["body"]!["file"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("curl -X POST https://api.example.com/v1/docs -H 'Content-Type: application/json' --data-binary @- <<'EOF'\n{\"title\": \"$HOME\",\n  \"n\": 1}\nEOF", "{\"title\": \"$HOME\",\n  \"n\": 1}\n")]
    [InlineData("curl -X POST https://api.example.com/v1/docs -H 'Content-Type: application/json' -d @- << EOF\n{\"a\": 1,\n \"b\": \"x\\$y\"}\nEOF", "{\"a\": 1, \"b\": \"x$y\"}")]
    [InlineData("curl https://api.example.com/v1/docs -H 'Content-Type: text/plain' --data-binary @- <<-END\n\tone\n\t\ttwo\n\tEND", "one\ntwo\n")]
    [InlineData("curl https://api.example.com/v1/docs -H 'Content-Type: text/plain' --data-binary @- <<< 'a line'", "a line\n")]
    [InlineData("echo '{\"ping\":true}' | curl -H 'Content-Type: application/json' -d @- https://api.example.com/v1/docs", "{\"ping\":true}")]
    [InlineData("echo -n 'a b' | curl -H 'Content-Type: text/plain' --data-binary @- https://api.example.com/v1/docs", "a b")]
    [InlineData("printf '%s\\n' 'x=1' | curl -H 'Content-Type: text/plain' --data-binary @- https://api.example.com/v1/docs", "x=1\n")]
    [InlineData("cat <<EOF | curl -H 'Content-Type: text/plain' --data-binary @- https://api.example.com/v1/docs\nhello\nEOF", "hello\n")]
    [InlineData("curl -X PUT https://api.example.com/v1/docs -T - <<< 'uploaded'", "uploaded\n")]
    [InlineData("<<< 'first' curl -H 'Content-Type: text/plain' --data-binary @- https://api.example.com/v1/docs", "first\n")]
    public async Task StandardInputTheCommandIsGiven_IsItsBody(string command, string sent)
    {
        // A here-document, a here-string, or echo/printf/cat before a pipe: the paste says what curl reads on standard
        // input, so the step sends it, as curl does (-d removes line breaks, --data-binary and -T keep them).
        var result = CurlImporter.Import(command);
        var tool = Assert.Single(result.Tools);
        var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>(), []);
        Assert.Equal(sent, echo!["bodyText"]!.GetValue<string>());
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("only curl commands", StringComparison.Ordinal));
    }

    [Fact]
    public void AHereDocumentWithoutQuotes_ExpandsVariables_AndOneInQuotesIsText()
    {
        var result = CurlImporter.Import("curl https://api.example.com/v1/keys -H 'Content-Type: application/json' -d @- <<EOF\n{\"api_key\": \"$API_KEY\", \"name\": \"<<EOF\"}\nEOF\ncurl https://api.example.com/v1/next -H 'X-Note: <<EOF'");
        Assert.Equal(2, result.Tools.Count);
        var body = result.Tools[0].Document["steps"]![0]!["body"]!;
        Assert.Equal("{{secrets.api_key}}", body["api_key"]!.GetValue<string>());
        Assert.Equal("<<EOF", body["name"]!.GetValue<string>());
        Assert.Equal("<<EOF", result.Tools[1].Document["steps"]![0]!["headers"]!["X-Note"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("curl -d @- https://api.example.com/x")]
    [InlineData("jq -n '{a:1}' | curl -d @- https://api.example.com/x")]
    [InlineData("curl -d @- https://api.example.com/x | jq .")]
    public void StandardInputThePasteDoesNotGive_IsRefused(string command)
    {
        var ex = Assert.Throws<ImportException>(() => CurlImporter.Import(command));
        Assert.Contains("standard input", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MangledCommands_AreImportedOrRefusedWithAMessage_NeverACrash()
    {
        // Real commands of the corpora, cut and spliced with the shell's redirections, pipes, quotes and here-documents
        // at random places (a fixed seed): each is imported or refused with an ImportException, nothing else.
        var commands = Directory.GetFiles(Corpus.Corpora.Folder("curl-options"), "*.sh")
            .Concat(Directory.GetFiles(Path.Combine(Corpus.Corpora.Folder("curlconverter"), "curl_commands"), "*.sh"))
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        string[] pieces = ["<<EOF\n", "<<'X'", "<<-", "<<<", " < ", " | ", "\nEOF\n", "'", "\"", "\\\n", "$(", "`", "echo ", "cat <<E |", "@-", " -d @- ", "\n", "^", "%"];
        var random = new Random(45);
        var tried = 0;
        foreach (var command in commands)
        {
            for (var n = 0; n < 6; n++)
            {
                var mangled = command;
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    var at = random.Next(mangled.Length + 1);
                    mangled = random.Next(3) == 0 ? mangled[..at] : mangled[..at] + pieces[random.Next(pieces.Length)] + mangled[at..];
                }
                try
                {
                    CurlImporter.Import(mangled, new CurlImportOptions { BaseDirectory = runner.Directory });
                }
                catch (ImportException)
                {
                    // refused, with a message
                }
                catch (Exception ex)
                {
                    Assert.Fail($"{ex.GetType().Name} on: {mangled}\n{ex}");
                }
                tried++;
            }
        }
        Assert.True(tried > 1000, $"only {tried} commands were tried");
    }

    [Theory]
    [InlineData("token", "the token for api.github.com (from the Authorization header)")]
    [InlineData("Bearer", "the bearer token for api.github.com (from the Authorization header)")]
    public void AnAuthorizationSchemesSecret_SaysItsSchemeOnce(string scheme, string description) =>
        Assert.Equal(description, Assert.Single(CurlImporter.Import($"curl -H 'Authorization: {scheme} ghp_16C7e42F292c6912E7710c838347Ae178B4a' https://api.github.com/user").Secrets).Description);
}
