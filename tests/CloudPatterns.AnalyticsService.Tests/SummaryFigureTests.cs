namespace CloudPatterns.AnalyticsService.Tests;

/// <summary>Figures at their edges: what mutation testing showed no other summary test pinned down.</summary>
public sealed class SummaryFigureTests
{
    [Fact]
    public async Task OneFailedPaymentInTwoIsAFailureRateOfOneHalf()
    {
        await using var host = await AnalyticsHost.StartAsync();

        await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentCompleted("o-1"));
        await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentFailed("o-2"));
        await host.Fabric.WaitForQuietAsync();

        Assert.Equal(0.5, (await host.SummaryAsync()).PaymentFailureRate);
    }

    [Fact]
    public async Task TheLastEventIsTheLatestOneEvenWhenAnOlderEventArrivesAfterIt()
    {
        await using var host = await AnalyticsHost.StartAsync();
        var later = AnalyticsHost.Day1.AddHours(2);

        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed("o-1", at: later));
        await host.Fabric.WaitForQuietAsync();
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-2"));
        await host.Fabric.WaitForQuietAsync();

        Assert.Equal(later, (await host.SummaryAsync()).LastEventAt);
    }

    [Fact]
    public async Task AStatusNoOrderIsInAnyLongerIsNotListed()
    {
        await using var host = await AnalyticsHost.StartAsync();

        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-1"));
        await host.Fabric.WaitForQuietAsync();
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed("o-1"));
        await host.Fabric.WaitForQuietAsync();

        Assert.Equal(new Dictionary<string, int> { ["Confirmed"] = 1 }, (await host.SummaryAsync()).OrdersByStatus);
    }

    [Fact]
    public async Task AStatusOneOfTwoOrdersLeftStillCountsTheOther()
    {
        await using var host = await AnalyticsHost.StartAsync();

        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-1"));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-2"));
        await host.Fabric.WaitForQuietAsync();
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed("o-1"));
        await host.Fabric.WaitForQuietAsync();

        Assert.Equal(new Dictionary<string, int> { ["Confirmed"] = 1, ["ReservingInventory"] = 1 }, (await host.SummaryAsync()).OrdersByStatus);
    }
}
