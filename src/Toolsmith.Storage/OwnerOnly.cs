namespace Toolsmith.Storage;

/// <summary>
/// The data folder holds the database (secrets encrypted, runs, tools) and the keys that decrypt them: it and the database
/// files are made readable by their owner only (0700 / 0600), whatever the process's umask.
/// </summary>
public static class OwnerOnly
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) with mode 0700; an existing folder is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, Folder);
        }
    }

    /// <summary>Creates <paramref name="path"/> empty with mode 0600 when missing; sets 0600 on it when it exists.</summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (!System.IO.File.Exists(path))
        {
            try
            {
                using var _ = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = File });
                return;
            }
            catch (IOException) when (System.IO.File.Exists(path))
            {
                // Another process made it first: tighten it below.
            }
        }
        Tighten(path);
    }

    /// <summary>Sets mode 0600 on <paramref name="path"/> when it exists and is more open.</summary>
    public static void Tighten(string path)
    {
        if (OperatingSystem.IsWindows() || !System.IO.File.Exists(path))
        {
            return;
        }
        try
        {
            if ((System.IO.File.GetUnixFileMode(path) & ~File) != 0)
            {
                System.IO.File.SetUnixFileMode(path, File);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to change (another user's file we may read): leave it.
        }
    }
}
