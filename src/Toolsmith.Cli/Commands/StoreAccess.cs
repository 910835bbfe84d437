using System.Data.Common;
using Toolsmith.Storage;

namespace Toolsmith.Cli.Commands;

/// <summary>Opens the same store the server uses (<c>TOOLSMITH_DATA</c> / <c>TOOLSMITH_DB</c>), with errors in words.</summary>
internal static class StoreAccess
{
    public static async Task<IToolsmithStore> OpenAsync(CancellationToken cancellationToken)
    {
        StoreOptions options;
        try
        {
            options = StoreOptions.FromEnvironment();
        }
        catch (ArgumentException ex)
        {
            throw new StoreUnavailableException($"Could not open the store: {ex.Message}", ex);
        }
        try
        {
            return await ToolsmithStore.OpenAsync(options, cancellationToken, sweep: false).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            var where = options.IsPostgres ? "the PostgreSQL database in TOOLSMITH_DB" : $"the store in {options.DataDirectory} (set TOOLSMITH_DATA to move it)";
            throw new StoreUnavailableException($"Could not open {where}: {ex.Message}", ex);
        }
    }
}

/// <summary>The store could not be opened; the message says which and why.</summary>
internal sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
