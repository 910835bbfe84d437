using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Providers;

/// <summary>
/// Slack Web API: HTTP 200 with <c>{"ok": false, "error": "code"}</c>. <c>missing_scope</c> comes with <c>needed</c> and
/// <c>provided</c>; <c>invalid_arguments</c> with <c>deprecated_argument</c> or <c>response_metadata.messages</c>; a few codes
/// need Slack's own advice (invite the bot, rotate the token).
/// </summary>
internal sealed class SlackRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body || JsonRead.Bool(body, "ok") != false || JsonRead.Str(body, "error") is not { } error)
        {
            return;
        }
        if (context.HostIs("slack.com") || body.ContainsKey("needed") || body.ContainsKey("response_metadata") || context.Header("X-Slack-Req-Id") is not null)
        {
            context.Provider = "Slack";
        }
        context.Message ??= error;
        context.AddNote($"The API answered \"ok\": false with the error code \"{error}\".");
        var needed = JsonRead.Strings(JsonRead.Get(body, "needed"), split: true);
        if (needed.Count > 0)
        {
            needed.ForEach(context.AddMissingScope);
            context.ScopesAreAlternatives = false;
            var provided = JsonRead.Strings(JsonRead.Get(body, "provided"), split: true);
            if (provided.Count > 0)
            {
                context.GrantedScopes = provided;
            }
            context.Propose(DiagnosisKinds.MissingScope, Evidence.Provider);
            context.Hint ??= "Add the scope under OAuth & Permissions in the Slack app's settings, reinstall the app to the workspace, and use the new token it gives.";
        }
        if (JsonRead.Str(body, "deprecated_argument") is { Length: > 0 } deprecated)
        {
            context.AddField(deprecated, FieldLocation.Unknown, "is deprecated for this app and must not be sent");
            context.Propose(DiagnosisKinds.InvalidValue, Evidence.Provider);
        }
        if (JsonRead.Get(body, "response_metadata") is JsonObject metadata)
        {
            foreach (var m in JsonRead.Strings(JsonRead.Get(metadata, "messages"), split: false))
            {
                context.AddText(m);
            }
        }
        var kind = error switch
        {
            "not_in_channel" or "channel_not_joined" => DiagnosisKinds.InsufficientPermission,
            "token_expired" => DiagnosisKinds.ExpiredCredentials,
            "not_authed" or "invalid_auth" or "account_inactive" or "token_revoked" => DiagnosisKinds.BadCredentials,
            "not_allowed_token_type" or "no_permission" or "restricted_action" or "ekm_access_denied" => DiagnosisKinds.InsufficientPermission,
            "ratelimited" or "rate_limited" => DiagnosisKinds.RateLimited,
            "msg_too_long" or "no_text" or "too_many_attachments" or "invalid_blocks" or "invalid_arguments" or "invalid_array_arg" => DiagnosisKinds.InvalidValue,
            "invalid_json" or "json_not_object" or "invalid_form_data" or "invalid_post_type" => DiagnosisKinds.MalformedBody,
            "request_timeout" => DiagnosisKinds.Timeout,
            "internal_error" or "fatal_error" or "service_unavailable" => DiagnosisKinds.ServerError,
            _ => null,
        };
        switch (error)
        {
            case "not_in_channel" or "channel_not_joined":
                context.Hint ??= "Invite the app's bot user to the channel (/invite @your-app), or add the channels:join scope and join it first.";
                break;
            case "not_allowed_token_type":
                context.Hint ??= "This method needs the other kind of token (a user token xoxp- instead of a bot token xoxb-, or the reverse).";
                break;
            case "token_expired":
                context.Hint ??= "The app uses token rotation: refresh the access token with the refresh token (oauth.v2.access, grant_type=refresh_token).";
                break;
            case "msg_too_long":
                context.AddField("text", FieldLocation.Unknown, "is too long");
                break;
            case "no_text":
                context.AddField("text", FieldLocation.Unknown, "is required (or blocks/attachments)");
                break;
        }
        if (kind is not null)
        {
            context.Propose(kind, Evidence.Provider);
        }
    }
}
