using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Shipgate.Release;

/// <summary>
/// Remembers the last word shown on this machine, per repository, under the user's state folder
/// (XDG_STATE_HOME, else ~/.local/state/shipgate).
/// </summary>
internal sealed class WordMemory(string stateFolder, string repositoryKey)
{
    public static string StateFolder(Func<string, string?> environment)
    {
        var xdg = environment("XDG_STATE_HOME");
        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "state") : xdg, "shipgate");
    }

    private string FilePath => Path.Combine(stateFolder, "last-word",
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repositoryKey)))[..24]);

    public string? LastShown()
    {
        try
        {
            return File.Exists(FilePath) ? File.ReadAllText(FilePath).Trim() : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Saves the word; false with the reason instead of throwing, since a release must not fail for it.</summary>
    public bool TryRemember(string word, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = FilePath + ".tmp";
            File.WriteAllText(temporary, word + "\n");
            File.Move(temporary, FilePath, overwrite: true);
            problem = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"could not remember the confirmation word in {stateFolder}: {e.Message}";
            return false;
        }
    }
}
