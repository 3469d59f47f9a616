namespace CloudPatterns.ShippingService.Tests;

/// <summary>A topic has one route in an app: a second subscription to it fails at start-up, not on the first delivery.</summary>
public sealed class SubscriptionTests
{
    [Fact]
    public async Task ASecondHandlerForATopicTheServiceTakesStopsItFromStarting()
    {
        await using var app = new DaprAppFactory<ShippingServiceApp>(new DaprTestFabric(), AppIds.ShippingService,
            builder => builder.ConfigureTestServices(services => services.AddSubscription<OrderConfirmed, IgnoreOrderConfirmed>()));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(app.StartAsync);

        Assert.Contains($"subscribes to {OrderConfirmed.Topic} twice (DispatchOnOrderConfirmed and {nameof(IgnoreOrderConfirmed)})", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MappingTheSubscriptionsAgainThrows()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSubscription<OrderConfirmed, IgnoreOrderConfirmed>();
        await using var app = builder.Build();
        app.MapSubscriptions();

        var failure = Assert.Throws<InvalidOperationException>(() => app.MapSubscriptions());

        Assert.Contains("MapSubscriptions was called twice", failure.Message, StringComparison.Ordinal);
    }

    private sealed class IgnoreOrderConfirmed : IIntegrationEventHandler<OrderConfirmed>
    {
        public Task<EventOutcome> HandleAsync(OrderConfirmed integrationEvent, CancellationToken cancellationToken) => Task.FromResult(EventOutcome.Success);
    }
}
