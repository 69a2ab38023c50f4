using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Release;
using Shipgate.Release.Phases;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Release;

/// <summary>Phase 4: the word typed at the terminal, exactly, or nothing happens.</summary>
[Trait("Category", "Integration")]
public sealed class ConfirmationTests
{
    private static readonly string[] Words = ["ALPHA", "BRAVO", "CHARLIE"];

    private static (ReleaseContext Context, PhaseRun Run) Context(ReleaseScenario s)
    {
        var run = new PhaseRun(s, new ReleaseOptions());
        var policy = run.Context.Policy;
        return (run.Context with { Policy = policy with { Config = policy.Config with { ConfirmationWords = Words } } }, run);
    }

    private static Gathered Gathered(string? previousWord) =>
        new(new ReleasePlan("f", "t", [], 0, new DiffStat(0, 0, 0, []), [], [], [], []), [], [], null, previousWord);

    /// <summary>A terminal where the person types what <paramref name="answer"/> says on seeing the word.</summary>
    private sealed class Person(PhaseRun run, Func<string, string?> answer) : TextReader
    {
        public override string? ReadLine() => answer(Words.Single(w => run.Output.Contains($"type the word: {w}")));
    }

    [Fact]
    public async Task The_word_typed_exactly_is_recorded_with_its_channel()
    {
        using var s = new ReleaseScenario();
        var (context, run) = Context(s);

        var confirmation = await Confirmation.RunAsync(context, Gathered(null), new Person(run, word => word + "\r"), CancellationToken.None);

        Assert.Equal(confirmation.WordPresented, confirmation.WordEntered);
        Assert.Contains(confirmation.WordPresented, Words);
        Assert.Equal(ConfirmationChannel.Terminal, confirmation.Channel);
    }

    [Theory]
    [InlineData("ABORT", "Release aborted. Nothing was changed.")]
    [InlineData("lowercase", "you typed")]
    [InlineData(null, "no confirmation was typed (end of input)")]
    public async Task Anything_but_the_word_aborts(string? typed, string message)
    {
        using var s = new ReleaseScenario();
        var (context, run) = Context(s);
        Func<string, string?> answer = typed == "lowercase" ? word => word.ToLowerInvariant() : _ => typed;

        var aborted = await Assert.ThrowsAsync<ReleaseAbortedException>(() =>
            Confirmation.RunAsync(context, Gathered(null), new Person(run, answer), CancellationToken.None));

        Assert.Equal(ExitCode.Aborted, aborted.Code);
        Assert.Contains(message, aborted.Message);
    }

    [Theory]
    [InlineData("CH\u0410RLIE", "character 3: you typed U+0410 CYRILLIC CAPITAL LETTER A where CHARLIE has U+0041 LATIN CAPITAL LETTER A")]
    [InlineData("CHARLIE ", "character 8: you typed U+0020 SPACE, which CHARLIE does not have")]
    [InlineData("CH\u200BARLIE", "character 3: you typed U+200B ZERO WIDTH SPACE, which CHARLIE does not have")]
    [InlineData("CHARL\u0406E", "character 6: you typed U+0406 CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I where CHARLIE has U+0049 LATIN CAPITAL LETTER I")]
    public async Task A_word_that_differs_only_invisibly_is_refused_naming_each_difference_by_code_point(string typed, string named)
    {
        using var s = new ReleaseScenario();
        var (context, run) = Context(s);
        // ALPHA was the previous release's word and BRAVO the last shown here: CHARLIE is drawn.
        context.WordMemory.TryRemember("BRAVO", out _);

        var aborted = await Assert.ThrowsAsync<ReleaseAbortedException>(() =>
            Confirmation.RunAsync(context, Gathered("ALPHA"), new Person(run, _ => typed), CancellationToken.None));

        Assert.Equal(ExitCode.Aborted, aborted.Code);
        Assert.StartsWith("Release aborted: what you typed looks like CHARLIE but is not it:\n", aborted.Message);
        Assert.Contains("\n  " + named + "\n", aborted.Message);
        Assert.DoesNotContain("you typed \"", aborted.Message);
        Assert.EndsWith("Nothing was changed.", aborted.Message);
    }

    [Fact]
    public async Task The_previous_release_word_and_the_last_word_shown_here_are_never_drawn()
    {
        using var s = new ReleaseScenario();
        var (context, run) = Context(s);
        context.WordMemory.TryRemember("BRAVO", out _);

        var confirmation = await Confirmation.RunAsync(context, Gathered("ALPHA"), new Person(run, word => word), CancellationToken.None);

        Assert.Equal("CHARLIE", confirmation.WordPresented);
        Assert.Equal("CHARLIE", context.WordMemory.LastShown());
    }

    [Fact]
    public void Without_a_terminal_there_is_no_confirmation()
    {
        using var s = new ReleaseScenario();
        var (context, _) = Context(s);

        var refused = Assert.Throws<ShipgateException>(() => Confirmation.RequireTerminal(context));

        Assert.Equal(ExitCode.NoTerminal, refused.Code);
    }
}
