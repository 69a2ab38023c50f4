namespace Shipgate.Tests.Support;

/// <summary>
/// How long a test waits at most for what should happen: a bound on a hang, never a measure, so generous that only a
/// broken product meets it (and then the test fails instead of hanging).
/// </summary>
internal static class Bounds
{
    public static readonly TimeSpan Hang = TimeSpan.FromMinutes(5);

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Hang);

    public static Task Bounded(this Task task) => task.WaitAsync(Hang);

    public static Task<T> Bounded<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Hang);
}
