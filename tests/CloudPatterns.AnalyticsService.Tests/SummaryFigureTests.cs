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
        var ordersByStatus = await OrdersByStatusOnceTheFirstIsConfirmedAsync("o-1");

        Assert.Equal(new Dictionary<string, int> { ["Confirmed"] = 1 }, ordersByStatus);
    }

    [Fact]
    public async Task AStatusOneOfTwoOrdersLeftStillCountsTheOther()
    {
        var ordersByStatus = await OrdersByStatusOnceTheFirstIsConfirmedAsync("o-1", "o-2");

        Assert.Equal(new Dictionary<string, int> { ["Confirmed"] = 1, ["ReservingInventory"] = 1 }, ordersByStatus);
    }

    /// <summary>The orders per status after the orders were created and recorded, and then the first of them confirmed.</summary>
    private static async Task<IReadOnlyDictionary<string, int>> OrdersByStatusOnceTheFirstIsConfirmedAsync(params string[] orderIds)
    {
        await using var host = await AnalyticsHost.StartAsync();

        foreach (var orderId in orderIds)
        {
            await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created(orderId));
        }

        await host.Fabric.WaitForQuietAsync();
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed(orderIds[0]));
        await host.Fabric.WaitForQuietAsync();
        return (await host.SummaryAsync()).OrdersByStatus;
    }
}
