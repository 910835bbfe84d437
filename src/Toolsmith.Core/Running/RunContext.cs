using System.Net;
using Toolsmith.Core.Secrets;
using Toolsmith.Core.Steps.Api;

namespace Toolsmith.Core.Running;

/// <summary>What the steps of one run share: its id, cookie jar, redactor, artifact folder and the engine's HTTP pipeline.</summary>
internal sealed class RunContext
{
    public RunContext(string runId, EngineOptions options, ApiStepExecutor executor, Redactor redactor)
    {
        RunId = runId;
        Options = options;
        Executor = executor;
        Redactor = redactor;
        ArtifactDirectory = Path.Combine(options.ArtifactDirectory, runId);
    }

    public string RunId { get; }

    public EngineOptions Options { get; }

    public ApiStepExecutor Executor { get; }

    public Redactor Redactor { get; }

    private CookieContainer? _cookies;

    /// <summary>One jar per run, scoped by domain and path as browsers do; made on first use (most runs never need one).</summary>
    public CookieContainer Cookies => LazyInitializer.EnsureInitialized(ref _cookies, static () => new CookieContainer { PerDomainCapacity = 100, Capacity = 1000 });

    /// <summary>The jar, or null while no cookie has been set or sent.</summary>
    public CookieContainer? CookiesIfAny => Volatile.Read(ref _cookies);

    public string ArtifactDirectory { get; }

    private System.Collections.Concurrent.ConcurrentDictionary<string, Task<Model.CredentialDefinition?>>? _credentials;

    /// <summary>A stored credential, read once per run (every element of a foreach shares the read).</summary>
    public Task<Model.CredentialDefinition?> StoredCredential(string name, Func<Task<Model.CredentialDefinition?>> read) =>
        LazyInitializer.EnsureInitialized(ref _credentials, static () => new(StringComparer.Ordinal)).GetOrAdd(name, _ => read());

    /// <summary>Receives progress of foreach steps, pages and batches.</summary>
    public IProgress<StepProgress>? Progress { get; init; }

    /// <summary>A preview's cap on pages per paginated step.</summary>
    public int? MaxPages { get; init; }
}
