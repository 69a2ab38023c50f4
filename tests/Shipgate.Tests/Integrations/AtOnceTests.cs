using Shipgate.Integrations;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Integrations;

/// <summary>Requests sent together: answers in the order asked, the first failure named, the rest cancelled.</summary>
public sealed class AtOnceTests
{
    [Fact]
    public async Task Results_come_in_the_order_asked_whatever_order_they_finish_in()
    {
        var gates = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource<int>()).ToList();
        var all = AtOnce.AllAsync([0, 1, 2], (i, _) => gates[i].Task, CancellationToken.None);

        gates[2].SetResult(20);
        gates[0].SetResult(0);
        gates[1].SetResult(10);

        var results = await all.Bounded();
        Assert.Equal([0, 10, 20], results);
    }

    [Fact]
    public async Task All_are_under_way_before_any_answers()
    {
        var started = 0;
        var release = new TaskCompletionSource();
        var all = AtOnce.AllAsync([1, 2, 3], async (i, _) =>
        {
            Interlocked.Increment(ref started);
            await release.Task;
            return i;
        }, CancellationToken.None);

        Assert.Equal(3, started);
        release.SetResult();
        var results = await all.Bounded();
        Assert.Equal([1, 2, 3], results);
    }

    [Fact]
    public async Task A_failure_cancels_the_calls_after_it_and_the_first_failure_in_order_is_the_one_thrown()
    {
        var earlierMayFail = new TaskCompletionSource();
        var laterCancelled = new TaskCompletionSource<bool>();
        var all = AtOnce.AllAsync([0, 1, 2], async (i, token) =>
        {
            switch (i)
            {
                case 0:
                    await earlierMayFail.Task.WaitAsync(token);
                    throw new ApiException("GitHub", "GET /repos/acme/demo/commits/x/status failed", 502);
                case 1:
                    await Task.Yield();
                    throw new ApiException("GitHub", "GET /repos/acme/demo/commits/x/check-runs failed", 403);
                default:
                    try
                    {
                        await Task.Delay(Timeout.Infinite, token);
                        return i;
                    }
                    catch (OperationCanceledException)
                    {
                        laterCancelled.SetResult(true);
                        throw;
                    }
            }
        }, CancellationToken.None);

        Assert.True(await laterCancelled.Task.Bounded());
        Assert.False(all.IsCompleted);
        earlierMayFail.SetResult();
        var error = await Assert.ThrowsAsync<ApiException>(() => all).Bounded();

        Assert.Equal(502, error.Status);
    }

    [Fact]
    public async Task A_failure_after_calls_that_succeed_is_the_one_thrown()
    {
        var all = AtOnce.BothAsync<int, int>(
            async _ =>
            {
                await Task.Yield();
                return 1;
            },
            async _ =>
            {
                await Task.Yield();
                throw new ApiException("GitHub", "GitHub refused GET /repos/acme/demo/pulls (403 Forbidden).", 403);
            },
            CancellationToken.None);

        var error = await Assert.ThrowsAsync<ApiException>(() => all).Bounded();

        Assert.Equal(403, error.Status);
    }

    [Fact]
    public async Task Ctrl_C_cancels_them_all()
    {
        using var interrupt = new CancellationTokenSource();
        var all = AtOnce.AllAsync([1, 2], async (i, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return i;
        }, interrupt.Token);

        await interrupt.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => all).Bounded();
    }
}
