namespace CloudPatterns.Testing.Tests.Resiliency;

/// <summary>gobreaker's state machine, as daprd configures it from a circuitBreakers policy, on a fake clock.</summary>
public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TheBreakerOpensOnItsTripRefusesUntilTheTimeoutThenOneProbeClosesIt()
    {
        var breaker = new CircuitBreaker(new BreakerTemplate("store", 1, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), "consecutiveFailures >= 5"), _time);

        for (var i = 0; i < 5; i++)
        {
            Assert.True(breaker.TryEnter());
            breaker.Record(success: false);
        }

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.False(breaker.TryEnter());

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        Assert.True(breaker.TryEnter());
        Assert.False(breaker.TryEnter());
        breaker.Record(success: true);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public void AFailedProbeOpensItAgainAndASuccessInBetweenResetsTheRun()
    {
        var breaker = new CircuitBreaker(new BreakerTemplate("app", 1, TimeSpan.Zero, TimeSpan.FromSeconds(15), "consecutiveFailures >= 3"), _time);
        Fail(breaker, 2);
        breaker.TryEnter();
        breaker.Record(success: true);
        Fail(breaker, 2);
        Assert.Equal(BreakerState.Closed, breaker.State);

        Fail(breaker, 1);
        Assert.Equal(BreakerState.Open, breaker.State);
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        Fail(breaker, 1);

        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public void TheIntervalClearsTheCountsWhileClosed()
    {
        var breaker = new CircuitBreaker(new BreakerTemplate("store", 1, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), "totalFailures >= 3"), _time);
        Fail(breaker, 2);
        _time.Advance(TimeSpan.FromSeconds(61));
        Fail(breaker, 2);

        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public void ATripExpressionNamingAnUnknownCountNeverTrips()
    {
        // daprd cannot evaluate it and treats that as "do not trip" (pkg/resiliency/breaker/circuitbreaker.go).
        var breaker = new CircuitBreaker(new BreakerTemplate("typo", 1, TimeSpan.Zero, TimeSpan.FromSeconds(30), "consecutiveFailure >= 1"), _time);
        Fail(breaker, 20);

        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    private static void Fail(CircuitBreaker breaker, int times)
    {
        for (var i = 0; i < times; i++)
        {
            breaker.TryEnter();
            breaker.Record(success: false);
        }
    }
}
