using System.Text;

namespace Shipgate.Git;

/// <summary>
/// The records of a <c>git log</c> run, read from its output while git writes it: each record is cut out at the marked
/// delimiters as soon as it is complete, only its fields are turned into text, and it is made into the caller's
/// <typeparamref name="T"/> right away, so 20,000 commits are parsed alongside git rather than after it, without the whole
/// output ever being one string. Delimiters are ASCII, so a cut never falls inside a UTF-8 character.
/// </summary>
/// <param name="read">Makes one record of its fields and what follows them (the file list of --name-only / --name-status).</param>
internal sealed class LogRecords<T>(string marker, int fieldCount, Func<string[], string, T> read)
{
    private readonly byte[] _recordStart = Encoding.ASCII.GetBytes($"\x1e{marker}\x1f");
    private readonly byte[] _fieldEnd = Encoding.ASCII.GetBytes($"\x1f{marker}\x1f");
    private readonly List<T> _records = [];
    private string? _unreadable;

    /// <summary>One per commit, in git's order.</summary>
    public List<T> Records => _unreadable is null ? _records : throw new GitException(_unreadable);

    /// <summary>
    /// Reads the whole stream (git must never block on a full pipe), cutting records out as they complete. The reads block,
    /// on a thread of their own: git writes its log a few kilobytes at a time, and an asynchronous read per piece costs a
    /// hand-over between threads each time (thousands for a long log), which took CPU from git itself.
    /// </summary>
    public Task ReadAsync(Stream stream, CancellationToken ct) =>
        Task.Factory.StartNew(() => Read(stream, ct), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Read(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        var length = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            var read = stream.Read(buffer.AsSpan(length));
            if (read == 0) break;
            length += read;
            var used = Cut(buffer.AsSpan(0, length), final: false);
            buffer.AsSpan(used, length - used).CopyTo(buffer);
            length -= used;
        }
        Cut(buffer.AsSpan(0, length), final: true);
    }

    /// <summary>Adds the complete records at the start of <paramref name="output"/>; returns how many bytes they took.</summary>
    private int Cut(ReadOnlySpan<byte> output, bool final)
    {
        var position = 0;
        while (position < output.Length)
        {
            // Text before the first delimiter is a record too: it fails the field count, as it should.
            var start = output[position..].StartsWith(_recordStart) ? position + _recordStart.Length : position;
            var next = output[start..].IndexOf(_recordStart);
            if (next < 0 && !final) break;
            var end = next < 0 ? output.Length : start + next;
            if (end > start) Add(output[start..end]);
            position = end;
        }
        return position;
    }

    private void Add(ReadOnlySpan<byte> record)
    {
        var fields = new string[fieldCount];
        var count = 0;
        while (true)
        {
            var end = record.IndexOf(_fieldEnd);
            if (end < 0) break;
            if (count < fieldCount) fields[count] = Encoding.UTF8.GetString(record[..end]);
            count++;
            record = record[(end + _fieldEnd.Length)..];
        }
        if (count != fieldCount)
            _unreadable ??= $"git log printed a record that could not be read ({count} fields instead of {fieldCount}).";
        else if (_unreadable is null)
            _records.Add(read(fields, Encoding.UTF8.GetString(record)));
    }
}
