namespace CloudPatterns.AnalyticsService.Tests;

public sealed class SummaryTests
{
    [Fact]
    public async Task TheSummaryAddsUpOrdersRevenuePaymentsAndShortages()
    {
        await using var host = await AnalyticsHost.StartAsync();
        var day2 = AnalyticsHost.Day1.AddDays(1);

        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-1"));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-2"));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed("o-1", 25m));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed("o-2", 10.50m));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed("o-3", 7m, at: day2));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed("o-4", 30m, "EUR"));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Rejected("o-5", RejectionReasons.OutOfStock));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Rejected("o-6", RejectionReasons.PaymentFailed));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Cancelled("o-7"));
        await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentCompleted("o-1"));
        await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentCompleted("o-2"));
        await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentCompleted("o-3"));
        await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentFailed("o-6"));
        await host.PublishAsync(AppIds.ProductService, AnalyticsHost.Insufficient("o-5", "POSTER-LIMITED", "LAMP-DESK-LED"));
        await host.PublishAsync(AppIds.ProductService, AnalyticsHost.Insufficient("o-8", "POSTER-LIMITED"));
        await host.Fabric.WaitForQuietAsync();

        var summary = await host.SummaryAsync();
        // Each order counted once, in its latest status: o-1 and o-2 were created, then confirmed.
        Assert.Equal(
            new Dictionary<string, int> { ["Cancelled"] = 1, ["Confirmed"] = 4, ["PaymentFailed"] = 1, ["Rejected"] = 1 },
            summary.OrdersByStatus);
        Assert.Equal(new Dictionary<string, decimal> { ["2025-06-01"] = 35.50m, ["2025-06-02"] = 7m }, summary.RevenueByCurrencyAndDay["USD"]);
        Assert.Equal(new Dictionary<string, decimal> { ["2025-06-01"] = 30m }, summary.RevenueByCurrencyAndDay["EUR"]);
        Assert.Equal(3, summary.PaymentsCompleted);
        Assert.Equal(1, summary.PaymentsFailed);
        Assert.Equal(0.25, summary.PaymentFailureRate);
        Assert.Equal(new Dictionary<string, int> { ["LAMP-DESK-LED"] = 1, ["POSTER-LIMITED"] = 2 }, summary.OutOfStockBySku);
        Assert.Equal(15, summary.EventsRecorded);
    }

    [Fact]
    public async Task OrdersPerStatusCountsEachOrderOnceInItsLatestStatusWhateverOrderItsEventsArriveIn()
    {
        await using var host = await AnalyticsHost.StartAsync();
        host.Fabric.PubSub.Options.ReorderDeliveries = true;

        using (host.Fabric.PubSub.HoldDeliveries())
        {
            // o-1 shipped, o-2 confirmed, o-3 still reserving stock, o-4 out of stock, o-5 cancelled while reserving.
            await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-1"));
            await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed("o-1", 10m));
            await host.PublishAsync(AppIds.ShippingService, AnalyticsHost.Dispatched("o-1"));
            await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-2"));
            await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed("o-2", 10m));
            await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-3"));
            await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-4"));
            await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Rejected("o-4", RejectionReasons.OutOfStock));
            await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-5"));
            await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Cancelled("o-5"));
        }

        await host.Fabric.WaitForQuietAsync();

        Assert.Equal(
            new Dictionary<string, int> { ["Cancelled"] = 1, ["Confirmed"] = 1, ["Rejected"] = 1, ["ReservingInventory"] = 1, ["Shipped"] = 1 },
            (await host.SummaryAsync()).OrdersByStatus);
    }

    [Fact]
    public async Task UnderDuplicateAndReorderedDeliveryEachEventCountsOnce()
    {
        await using var host = await AnalyticsHost.StartAsync();
        host.Fabric.PubSub.Options.DuplicateDelivery = true;
        host.Fabric.PubSub.Options.ReorderDeliveries = true;

        using (host.Fabric.PubSub.HoldDeliveries())
        {
            for (var i = 1; i <= 10; i++)
            {
                await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed($"o-{i}", 10m));
                if (i % 5 == 0)
                {
                    await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentFailed($"o-{i}"));
                }
                else
                {
                    await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentCompleted($"o-{i}"));
                }
            }
        }

        await host.Fabric.WaitForQuietAsync();

        var summary = await host.SummaryAsync();
        Assert.Equal(40, host.RoutesTaken().Count);
        Assert.Equal(20, summary.EventsRecorded);
        Assert.Equal(100m, summary.RevenueByCurrencyAndDay["USD"]["2025-06-01"]);
        Assert.Equal(0.2, summary.PaymentFailureRate);
    }

    [Fact]
    public async Task TwentyEventsRecordedAtOnceAreAllCounted()
    {
        await using var host = await AnalyticsHost.StartAsync();

        // Each on its own thread: the in-memory store answers at once, so deliveries started in a loop would run one after another.
        var statuses = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(async () =>
        {
            using var request = CloudEvents.Post(CloudEvents.Envelope(AnalyticsHost.Confirmed($"o-{i}", 1m), source: AppIds.OrderService));
            request.RequestUri = new Uri(AnalyticsRoutes.Orders.TrimStart('/'), UriKind.Relative);
            using var response = await host.Client.SendAsync(request);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
        })));

        Assert.All(statuses, s => Assert.Equal("SUCCESS", s));
        Assert.Equal(20m, (await host.SummaryAsync()).RevenueByCurrencyAndDay["USD"]["2025-06-01"]);
    }

    [Fact]
    public async Task WhileTheStoreIsDownEventsAreRetriedAndNothingIsCountedTwice()
    {
        await using var host = await AnalyticsHost.StartAsync();
        var confirmed = AnalyticsHost.Confirmed("o-1");

        host.Store.Unavailable = true;
        var duringOutage = await DeliverAsync(host, confirmed);
        host.Store.Unavailable = false;
        var afterwards = await DeliverAsync(host, confirmed);
        var again = await DeliverAsync(host, confirmed);

        Assert.Equal("RETRY", duringOutage);
        Assert.Equal("SUCCESS", afterwards);
        Assert.Equal("SUCCESS", again);
        var summary = await host.SummaryAsync();
        Assert.Equal(1, summary.EventsRecorded);
        Assert.Equal(25m, summary.RevenueByCurrencyAndDay["USD"]["2025-06-01"]);
    }

    /// <summary>
    /// A dead letter can be replayed to its topic months later, and every subscriber gets it again (analytics too, when
    /// another subscriber was the one that dropped it): the event is still known, and counted once.
    /// </summary>
    [Fact]
    public async Task AnEventReplayedMonthsLaterIsStillKnownAndCountedOnce()
    {
        await using var host = await AnalyticsHost.StartAsync();
        var confirmed = AnalyticsHost.Confirmed("o-1");

        await DeliverAsync(host, confirmed);
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromDays(90));
        var replayed = await DeliverAsync(host, confirmed);

        Assert.Equal("SUCCESS", replayed);
        Assert.Equal(1, (await host.SummaryAsync()).EventsRecorded);
        Assert.Equal(1, host.Store.Snapshot().Keys.Count(k => k.Contains($"seen:{confirmed.EventId}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheSameFiguresAreExportedAsMetricsOncePerEvent()
    {
        await using var host = await AnalyticsHost.StartAsync();
        using var orders = Collect<long>(host, "cloudpatterns.analytics.orders");
        using var revenue = Collect<double>(host, "cloudpatterns.analytics.revenue");
        using var outOfStock = Collect<long>(host, "cloudpatterns.analytics.out_of_stock");
        using var excluded = Collect<long>(host, "cloudpatterns.analytics.excluded");
        var confirmed = AnalyticsHost.Confirmed("o-1", 25m);

        await DeliverAsync(host, confirmed);
        await DeliverAsync(host, confirmed);
        await host.PublishAsync(AppIds.ProductService, AnalyticsHost.Insufficient("o-2", "POSTER-LIMITED"));
        await host.PublishAsync(AppIds.ShippingService, AnalyticsHost.Confirmed("o-3"));
        await host.Fabric.WaitForQuietAsync();

        var order = Assert.Single(orders.GetMeasurementSnapshot());
        Assert.Equal("Confirmed", order.Tags["status"]);
        Assert.Equal(1L, order.Value);
        var amount = Assert.Single(revenue.GetMeasurementSnapshot());
        Assert.Equal("USD", amount.Tags["currency"]);
        Assert.Equal(25.0, amount.Value);
        Assert.Equal("POSTER-LIMITED", Assert.Single(outOfStock.GetMeasurementSnapshot()).Tags["sku"]);
        Assert.Single(excluded.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task PaymentsAreCountedByOutcomeAndEveryConfirmedOrdersValueIsRecorded()
    {
        await using var host = await AnalyticsHost.StartAsync();
        using var payments = Collect<long>(host, "cloudpatterns.analytics.payments");
        using var orderValue = Collect<double>(host, "cloudpatterns.analytics.order.value");

        await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentCompleted("o-1"));
        await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentCompleted("o-2"));
        await host.PublishAsync(AppIds.PaymentService, AnalyticsHost.PaymentFailed("o-3"));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Confirmed("o-1", 40m, "EUR"));
        await host.Fabric.WaitForQuietAsync();

        Assert.Equal(
            [("completed", 1L), ("completed", 1L), ("failed", 1L)],
            payments.GetMeasurementSnapshot().Select(m => ((string)m.Tags["outcome"]!, m.Value)).Order());
        var value = Assert.Single(orderValue.GetMeasurementSnapshot());
        Assert.Equal(40.0, value.Value);
        Assert.Equal("EUR", value.Tags["currency"]);
    }

    /// <summary>
    /// Dashboards and alerts are built on the instruments' names and units, and the description is what an operator reads
    /// beside each figure (a Prometheus HELP line, a dashboard's tooltip), so all three are pinned.
    /// </summary>
    [Fact]
    public async Task EachFigureIsPublishedUnderItsNameAndUnitWithWhatItCounts()
    {
        await using var host = await AnalyticsHost.StartAsync();
        (string Name, string Unit, string Description)[] expected =
        [
            ("cloudpatterns.analytics.orders", "{order}", "Orders entering each status (a count of transitions; the summary holds the current orders per status)"),
            ("cloudpatterns.analytics.revenue", "{currency}", "Revenue of confirmed orders, per currency"),
            ("cloudpatterns.analytics.order.value", "{currency}", "Value of each confirmed order"),
            ("cloudpatterns.analytics.payments", "{payment}", "Payments by outcome"),
            ("cloudpatterns.analytics.out_of_stock", "{shortage}", "Times a SKU was short for an order"),
            ("cloudpatterns.analytics.excluded", "{event}", "Events the pipeline's rules sent to the default route"),
        ];
        var collectors = expected.Select(e => Collect<double>(host, e.Name)).ToList();
        var counters = expected.Select(e => Collect<long>(host, e.Name)).ToList();

        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.Created("o-1"));
        await host.Fabric.WaitForQuietAsync();

        var published = collectors.Select(c => c.Instrument).Concat(counters.Select(c => c.Instrument)).OfType<Instrument>()
            .Select(i => (i.Name, i.Unit ?? string.Empty, i.Description ?? string.Empty)).Order().ToList();
        Assert.Equal(expected.Order(), published);
        collectors.ForEach(c => c.Dispose());
        counters.ForEach(c => c.Dispose());
    }

    /// <summary>A summary that keeps changing under the recorder (every write loses its race) is a failure Dapr redelivers, never an event acknowledged and left uncounted.</summary>
    [Fact]
    public async Task AnEventThatCannotBeRecordedIsRetriedNotAcknowledged()
    {
        await using var host = await AnalyticsHost.StartAsync();
        await DeliverAsync(host, AnalyticsHost.Confirmed("o-1"));
        var second = AnalyticsHost.Confirmed("o-2");

        string contended;
        using (host.Store.Contend("summary"))
        {
            contended = await DeliverAsync(host, second);
        }

        var redelivered = await DeliverAsync(host, second);

        Assert.Equal("RETRY", contended);
        Assert.Equal("SUCCESS", redelivered);
        Assert.Equal(2, (await host.SummaryAsync()).EventsRecorded);
    }

    [Fact]
    public async Task BeforeAnyEventTheSummaryIsEmpty()
    {
        await using var host = await AnalyticsHost.StartAsync();

        var summary = await host.SummaryAsync();

        Assert.Equal(0, summary.EventsRecorded);
        Assert.Null(summary.PaymentFailureRate);
        Assert.Empty(summary.OrdersByStatus);
    }

    private static async Task<string> DeliverAsync(AnalyticsHost host, Contracts.Events.OrderConfirmed confirmed)
    {
        using var request = CloudEvents.Post(CloudEvents.Envelope(confirmed, source: AppIds.OrderService));
        request.RequestUri = new Uri(AnalyticsRoutes.Orders.TrimStart('/'), UriKind.Relative);
        using var response = await host.Client.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
    }

    /// <summary>What analytics-service's meter records on one instrument, from now on.</summary>
    private static MetricCollector<T> Collect<T>(AnalyticsHost host, string instrument)
        where T : struct =>
        new(host.App.Services.GetRequiredService<IMeterFactory>(), AnalyticsMetrics.MeterName, instrument);
}
