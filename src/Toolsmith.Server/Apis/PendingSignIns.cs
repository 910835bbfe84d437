using System.Collections.Concurrent;
using Toolsmith.Core.Credentials;

namespace Toolsmith.Server.Apis;

/// <summary>
/// Sign-ins the web builder started and the authorization server has not sent back yet, by their <c>state</c>: each is
/// good once and for ten minutes, so a callback without one of them (a forged link, a replay) is refused.
/// </summary>
internal sealed class PendingSignIns(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (OAuthAuthorization Authorization, DateTimeOffset Expires)> _pending = new(StringComparer.Ordinal);

    public void Add(OAuthAuthorization authorization)
    {
        var now = time.GetUtcNow();
        foreach (var (state, entry) in _pending)
        {
            if (entry.Expires <= now)
            {
                _pending.TryRemove(state, out _);
            }
        }
        _pending[authorization.State] = (authorization, now + Lifetime);
    }

    /// <summary>The sign-in a callback's state belongs to, taken out (a state is used once), or null.</summary>
    public OAuthAuthorization? Take(string? state) =>
        state is not null && _pending.TryRemove(state, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Authorization : null;
}
