using Shipgate.Config;
using Shipgate.Release;

namespace Shipgate.Tests.Release;

[Trait("Category", "Integration")]
public sealed class ConfirmationWordTests
{
    [Fact]
    public void Never_draws_an_excluded_word()
    {
        string[] words = ["A", "B", "C"];
        for (var i = 0; i < 3; i++)
        {
            var word = ConfirmationWord.Choose(words, ["A", null, "B"], n => i % n);
            Assert.Equal("C", word);
        }
    }

    [Fact]
    public void Draws_every_remaining_word_with_the_index_it_is_given()
    {
        string[] words = ["A", "B", "C", "D"];
        var drawn = Enumerable.Range(0, 3).Select(i => ConfirmationWord.Choose(words, ["B"], _ => i)).ToList();
        Assert.Equal(["A", "C", "D"], drawn);
    }

    [Fact]
    public void A_list_exhausted_by_the_exclusions_is_a_usage_error() =>
        Assert.Equal(ExitCode.Usage, Assert.Throws<UsageException>(() => ConfirmationWord.Choose(["A"], ["A"])).Code);

    [Fact]
    public void The_cryptographic_draw_covers_the_list_and_respects_exclusions()
    {
        var seen = Enumerable.Range(0, 400).Select(_ => ConfirmationWord.Choose(ShipgateConfig.SeedWords, ["GO", "SHIP"])).ToHashSet();
        Assert.DoesNotContain("GO", seen);
        Assert.DoesNotContain("SHIP", seen);
        Assert.Equal(13, seen.Count);
    }

    [Fact]
    public void The_last_word_is_remembered_per_repository()
    {
        using var folder = new Support.TempFolder();
        var memory = new WordMemory(folder.Path, "acme/svc");
        Assert.Null(memory.LastShown());
        Assert.True(memory.TryRemember("SHIP", out _));
        Assert.Equal("SHIP", new WordMemory(folder.Path, "acme/svc").LastShown());
        Assert.Null(new WordMemory(folder.Path, "acme/other").LastShown());
    }

    [Fact]
    public void The_state_folder_follows_XDG_STATE_HOME_else_home()
    {
        Assert.Equal("/x/state/shipgate", WordMemory.StateFolder(n => n == "XDG_STATE_HOME" ? "/x/state" : null));
        Assert.Equal("/home/rita/.local/state/shipgate", WordMemory.StateFolder(n => n == "HOME" ? "/home/rita" : null));
    }
}
