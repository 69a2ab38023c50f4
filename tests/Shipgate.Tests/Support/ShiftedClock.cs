namespace Shipgate.Tests.Support;

/// <summary>The system clock moved by a fixed amount: "two days later" without waiting two days.</summary>
internal sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
}
