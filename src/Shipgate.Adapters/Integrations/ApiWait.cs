using System.Globalization;

namespace Shipgate.Integrations;

/// <summary>Why Shipgate is waiting on a service.</summary>
internal enum ApiWaitKind
{
    /// <summary>An attempt failed in a way worth trying again; the next starts after <see cref="ApiWait.Wait"/>.</summary>
    Retrying,

    /// <summary>An attempt has had no answer for <see cref="ApiWait.Wait"/> so far.</summary>
    SlowAnswer,
}

/// <summary>
/// One moment of waiting on GitHub or Linear, for the status line, so a release never waits in
/// silence: which service, which request, attempt n of m, why, and how long.
/// </summary>
/// <param name="Attempt">For a retry, the attempt about to be made; for a slow answer, the one under way.</param>
/// <param name="Request">What was asked, such as "GET /repos/acme/demo/pulls" or "ShipgateTickets"; never a secret.</param>
/// <param name="Wait">For a retry, the wait before the next attempt; for a slow answer, the time waited so far.</param>
/// <param name="Budget">The most the whole request may take; past it Shipgate gives up.</param>
internal sealed record ApiWait(ApiWaitKind Kind, string Service, string Request, int Attempt, int MaxAttempts, string Why, TimeSpan Wait, TimeSpan Budget)
{
    /// <summary>The status line, such as "GitHub: GET /user answered 502 Bad Gateway; attempt 2 of 5 in 1 s (gives up after 60 s in all)."</summary>
    public string Line => Kind == ApiWaitKind.Retrying
        ? $"{Service}: {Request}: {Why}; attempt {Attempt} of {MaxAttempts} in {Seconds(Wait)} (gives up after {Seconds(Budget)} in all)."
        : $"{Service}: {Request}: no answer yet after {Seconds(Wait)}, attempt {Attempt} of {MaxAttempts} (gives up after {Seconds(Budget)} in all).";

    /// <summary>"1 s", "0.5 s", "90 s": whole seconds unless the wait is shorter than ten.</summary>
    public static string Seconds(TimeSpan time) =>
        (time.TotalSeconds < 10 ? Math.Round(time.TotalSeconds, 1) : Math.Round(time.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + " s";
}
