namespace Shipgate.Git;

/// <summary>
/// A private index file for plumbing commits, in a folder of its own under the temp folder whose
/// owner file is held (an exclusive lock) while the index is in use. The folder is deleted when done;
/// one a killed run left behind is no longer held, and the next run deletes it.
/// </summary>
internal sealed class ScratchIndex : IDisposable
{
    private const string Prefix = "shipgate-index-";

    /// <summary>A folder touched this recently may be one a starting run has made but not yet locked: left alone.</summary>
    private static readonly TimeSpan Settled = TimeSpan.FromMinutes(1);

    private readonly FileStream _owner;

    private ScratchIndex(string folder, FileStream owner)
    {
        Folder = folder;
        _owner = owner;
    }

    public string Folder { get; }

    /// <summary>The index file git is pointed at (GIT_INDEX_FILE); git makes it, and its .lock beside it.</summary>
    public string IndexFile => Path.Combine(Folder, "index");

    /// <summary>A new scratch index under <paramref name="root"/>, after removing what killed runs left there.</summary>
    public static ScratchIndex Create(string root)
    {
        RemoveLeftovers(root, DateTime.UtcNow);
        var folder = Path.Combine(root, Prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var owner = new FileStream(Path.Combine(folder, "owner"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new ScratchIndex(folder, owner);
    }

    public void Dispose()
    {
        _owner.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Deletes the scratch folders no live run holds (and the bare index files of older Shipgate
    /// versions), once settled. A folder whose owner file is locked belongs to a run at work.
    /// </summary>
    public static void RemoveLeftovers(string root, DateTime nowUtc)
    {
        if (!Directory.Exists(root)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, Prefix + "*"))
        {
            try
            {
                if (nowUtc - Directory.GetLastWriteTimeUtc(entry) < Settled) continue;
                if (!Directory.Exists(entry))
                {
                    File.Delete(entry);
                    continue;
                }
                var owner = Path.Combine(entry, "owner");
                if (File.Exists(owner))
                    using (new FileStream(owner, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                Directory.Delete(entry, recursive: true);
            }
            catch (IOException) { } // held by a run at work, or gone meanwhile
            catch (UnauthorizedAccessException) { } // another user's
        }
    }
}
