using System.Text;
using Shipgate.Git;

namespace Shipgate.Tests.Git;

/// <summary>git log's records cut out of its output as it arrives, in pieces of any size.</summary>
public sealed class LogRecordsTests
{
    private const string Marker = "ABC123";
    private const string Start = "\u001e" + Marker + "\u001f";
    private const string End = "\u001f" + Marker + "\u001f";

    /// <summary>A stream that hands out a few bytes at a time, as a pipe may.</summary>
    private sealed class Trickle(byte[] bytes, int piece) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(piece, buffer.Length)], ct);
    }

    private static async Task<LogRecords> ReadAsync(string output, int piece, int fields = 2)
    {
        var log = new LogRecords(Marker, fields);
        await log.ReadAsync(new Trickle(Encoding.UTF8.GetBytes(output), piece), CancellationToken.None);
        return log;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100_000)]
    public async Task Records_come_out_whole_whatever_the_pieces(int piece)
    {
        var output = string.Concat(Enumerable.Range(1, 50).Select(i => $"{Start}sha{i}{End}Zoë ✓ {i}{End}\nfile{i}.txt\0"));

        var records = (await ReadAsync(output, piece)).Records;

        Assert.Equal(50, records.Count);
        Assert.Equal(["sha7", "Zoë ✓ 7"], records[6].Fields);
        Assert.Equal("\nfile7.txt\0", records[6].Tail);
    }

    [Fact]
    public async Task A_record_with_the_wrong_number_of_fields_or_text_before_the_first_is_unreadable()
    {
        var missing = await ReadAsync($"{Start}sha1{End}x{End}{Start}sha2{End}", 5);
        Assert.Contains("1 fields instead of 2", Assert.Throws<GitException>(() => missing.Records).Message);

        var junk = await ReadAsync($"junk{Start}sha1{End}x{End}", 5);
        Assert.Throws<GitException>(() => junk.Records);

        Assert.Empty((await ReadAsync("", 5)).Records);
    }
}
