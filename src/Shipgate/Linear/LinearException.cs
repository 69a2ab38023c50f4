using Shipgate.Integrations;

namespace Shipgate.Linear;

/// <summary>Linear refused or failed one request; other requests may still succeed (a ticket that cannot be commented on).</summary>
public sealed class LinearException(string message) : ShipgateException(ExitCode.Error, message);

/// <summary>Linear cannot be used at all: unreachable after retries, rate limited too long, or the key refused.</summary>
public sealed class LinearUnavailableException(string message) : TrackerUnavailableException(message);
