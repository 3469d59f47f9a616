namespace CloudPatterns.OrderService.Tests.Workflow;

/// <summary>The event order-service publishes for each status it records goes where the lifecycle table says.</summary>
public sealed class OrderLifecycleTests
{
    [Theory]
    [InlineData(OrderStatus.Validating)]
    [InlineData(OrderStatus.ReservingInventory)]
    [InlineData(OrderStatus.ProcessingPayment)]
    [InlineData(OrderStatus.Confirmed)]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.PaymentFailed)]
    [InlineData(OrderStatus.Cancelled)]
    public async Task EachStatusIsAnnouncedOnTheTopicTheLifecycleNames(OrderStatus status)
    {
        var fabric = new DaprTestFabric();
        var now = DateTimeOffset.UnixEpoch;
        var order = new OrderRecord("order-1", "ada", "USD", [new OrderLine("LAMP-DESK-LED", 1)], new PaymentMethod("card", "tok_visa"), status, now, now, "fingerprint",
            StatusReason: "reason", PricedLines: [new PricedOrderLine("LAMP-DESK-LED", "Lamp", 1, new Money(10m, "USD"))], Total: new Money(10m, "USD"));

        await OrderEvents.PublishAsync(new EventPublisher(fabric.ClientFor(AppIds.OrderService)), order, status, Guid.NewGuid(), now, default);

        Assert.Equal(OrderLifecycle.AnnouncedOn(status), Assert.Single(fabric.PubSub.Published).Topic);
    }

    [Fact]
    public void OnlyTheForwardPathIsProgressAndNothingLeavesAnEnding()
    {
        Assert.Equal([OrderStatus.Validating, OrderStatus.ReservingInventory, OrderStatus.ProcessingPayment, OrderStatus.Confirmed],
            Enum.GetValues<OrderStatus>().Where(OrderLifecycle.IsProgress));
        Assert.All([OrderStatus.Rejected, OrderStatus.PaymentFailed, OrderStatus.Cancelled, OrderStatus.Shipped],
            ending => Assert.DoesNotContain(Enum.GetValues<OrderStatus>(), next => OrderLifecycle.CanMove(ending, next)));
        Assert.True(OrderLifecycle.HasPassed(OrderStatus.Confirmed, OrderStatus.Validating));
        Assert.False(OrderLifecycle.HasPassed(OrderStatus.Rejected, OrderStatus.Validating));
        Assert.Equal(OrderStatus.Cancelled, OrderLifecycle.Later(OrderStatus.Cancelled, OrderStatus.Confirmed));
    }
}
