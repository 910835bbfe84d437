using System.Globalization;
using MudBlazor;

namespace Toolsmith.Server.Web.Services;

/// <summary>How results read in the web builder: sizes, times, status colours.</summary>
public static class Formatting
{
    /// <summary>One unit system everywhere in the web builder, binary: "512 B", "1.2 KiB", "3.4 MiB", "1.05 GiB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB"),
    };

    /// <summary>"41 ms", "2.35 s".</summary>
    public static string Duration(double milliseconds) => milliseconds < 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000:0.##} s");

    /// <summary>Green for 2xx, blue for 3xx, orange for 4xx, red for 5xx and for no response.</summary>
    public static Color StatusColor(int? status) => status switch
    {
        >= 200 and < 300 => Color.Success,
        >= 300 and < 400 => Color.Info,
        >= 400 and < 500 => Color.Warning,
        _ => Color.Error,
    };

    /// <summary>The colour of a run status.</summary>
    public static Color RunColor(string status) => status switch
    {
        "succeeded" => Color.Success,
        "failed" => Color.Error,
        "running" => Color.Info,
        _ => Color.Warning,
    };

    /// <summary>A time in the viewer's terms: "2025-01-31 14:02:07" (UTC).</summary>
    public static string Time(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";
}
