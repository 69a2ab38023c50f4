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
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(piece, buffer.Length)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(piece, count));
    }

    private static async Task<LogRecords<(string[] Fields, string Tail)>> ReadAsync(string output, int piece, int fields = 2)
    {
        var log = new LogRecords<(string[] Fields, string Tail)>(Marker, fields, (f, tail) => (f, tail));
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

    [Theory]
    [InlineData("2026-02-04T15:30:45+01:00")]
    [InlineData("2026-02-04T15:30:45-05:30")]
    [InlineData("2024-02-29T23:59:59+14:00")]
    [InlineData("1970-01-01T00:00:00+00:00")]
    [InlineData("2106-02-07T06:28:16-12:00")]
    public void Git_dates_read_by_hand_equal_the_parsers(string iso) =>
        Assert.Equal(DateTimeOffset.ParseExact(iso, "yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            GitRepository.Instant(iso));

    [Theory]
    [InlineData("2023-02-29T10:00:00+00:00")]
    [InlineData("2026-13-01T10:00:00+00:00")]
    [InlineData("2026-01-01T24:00:00+00:00")]
    [InlineData("2026-01-01T10:00:00+14:30")]
    public void Dates_that_are_not_real_are_refused_as_the_parser_refuses_them(string iso) =>
        Assert.Throws<FormatException>(() => GitRepository.Instant(iso));
}
