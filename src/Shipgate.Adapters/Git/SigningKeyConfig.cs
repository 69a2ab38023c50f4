namespace Shipgate.Git;

/// <summary>Which key git is set to sign with in a repository (gpg.format, user.signingkey), read from git config and the key's file.</summary>
internal static class SigningKeyConfig
{
    /// <summary>
    /// The SSH key git signs with here (gpg.format ssh and user.signingkey: a literal key, or a key file whose .pub is read),
    /// or null when git would not sign with an SSH key it names.
    /// </summary>
    public static async Task<byte[]?> ConfiguredAsync(GitCli git, CancellationToken ct)
    {
        var format = await git.TryRunAsync(["config", "--get", "gpg.format"], ct: ct);
        var key = await git.TryRunAsync(["config", "--get", "user.signingkey"], ct: ct);
        if (format.ExitCode != 0 || format.Text.Trim() != "ssh" || key.ExitCode != 0) return null;
        var value = key.Text.Trim();
        if (value.StartsWith("key::", StringComparison.Ordinal)) return SigningKey.FromPublicKeyLine(value["key::".Length..]);
        if (SigningKey.FromPublicKeyLine(value) is { } literal) return literal;
        if (value.StartsWith("~/", StringComparison.Ordinal))
            value = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), value[2..]);
        foreach (var file in new[] { value, value + ".pub" })
            if (File.Exists(file) && SigningKey.FromPublicKeyLine(await File.ReadAllTextAsync(file, ct)) is { } blob)
                return blob;
        return null;
    }

    /// <summary>True when git has a key to sign with: user.signingkey, or an ssh default-key command.</summary>
    public static async Task<bool> IsConfiguredAsync(GitCli git, CancellationToken ct)
    {
        var found = await git.TryRunAsync(["config", "--get-regexp", @"^(user\.signingkey|gpg\.ssh\.defaultkeycommand)$"], ct: ct);
        return found.ExitCode == 0 && found.Text.Split('\n').Any(line => line.Trim().Contains(' '));
    }
}
