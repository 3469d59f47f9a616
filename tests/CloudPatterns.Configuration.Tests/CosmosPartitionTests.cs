namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// On components/azure, every store that writes records together finds them again: Cosmos DB runs a transaction
/// in the partition its metadata names and a plain read in the one its metadata names (else the key's), and the
/// fabric keeps partitions for state.azure.cosmosdb as Cosmos DB does. A store that forgot to name its partition on
/// a read or a write would find nothing here.
/// </summary>
public sealed class CosmosPartitionTests
{
    private static readonly DateTimeOffset s_now = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly DaprTestFabric _fabric = new(ComponentRegistry.FromRepository("azure"));

    [Fact]
    public async Task CatalogProductsAndTheirIndexAreFoundAfterTheyAreWrittenTogether()
    {
        var catalog = new CatalogStore(_fabric.ClientFor(AppIds.ProductService));
        var product = new Product("MUG-1", "Mug", "", "kitchen", new Money(5m, "USD"), true, s_now, s_now);

        Assert.True(await catalog.TryCreateAsync(product, default));
        var (stored, etag) = await catalog.GetAsync("MUG-1", default);

        Assert.Equal(product, stored);
        Assert.Contains((await catalog.GetIndexAsync(default)).Products, p => p.Sku == "MUG-1");
        var renamed = await catalog.UpdateAsync("MUG-1", (current, currentETag) => currentETag == etag
            ? UpdateDecision<Product>.Write(current! with { Name = "Big mug" })
            : UpdateDecision<Product>.Refuse("changed"), default);
        Assert.Equal(UpdateOutcome.Written, renamed.Outcome);
    }

    [Fact]
    public async Task PaymentsAndReservationsAreFoundAfterTheirTransactions()
    {
        var payments = new PaymentStore(_fabric.ClientFor(AppIds.PaymentService));
        var reservations = new ReservationStore(_fabric.ClientFor(AppIds.ProductService));
        var payment = new PaymentRecord("pay_1", "order-1", "ada", new Money(5m, "USD"), "tok_visa", Guid.NewGuid(), s_now, s_now);
        var reservation = new OrderReservation("order-1", OrderReservationStatus.Reserved, [new OrderLine("MUG-1", 1)], [], s_now, Guid.NewGuid(), s_now, s_now);

        Assert.Equal(UpdateOutcome.Written, (await payments.UpdateAsync("pay_1", _ => UpdateDecision<PaymentRecord>.Write(payment), default)).Outcome);
        Assert.True(await reservations.TrySaveAsync("order-1", reservation, etag: null, default));

        Assert.Equal(payment, (await payments.GetAsync("pay_1", default)).Record);
        Assert.Equal(OrderReservationStatus.Reserved, (await reservations.GetAsync("order-1", default)).Record?.Status);
    }

    [Fact]
    public async Task TheReadModelItsIndexAndTheDeadLettersAreFoundAfterTheirTransactions()
    {
        var dapr = _fabric.ClientFor(AppIds.OrderService);
        var queries = new QueryStore(dapr);
        var deadLetters = new DeadLetterStore(dapr);
        var summary = OrderSummary.Empty("order-1", s_now) with { CustomerId = "ada" };

        Assert.Equal(UpdateOutcome.Written, (await queries.UpdateOrderAsync("order-1", _ => UpdateDecision<OrderSummary>.Write(summary), default)).Outcome);
        await queries.TrackUnsettledAsync(summary, default);
        await deadLetters.UpsertAsync("msg-1", _ => new DeadLetter("msg-1", "orders.created", "pubsub", null, null, null, "{}", "bad", "product-service", s_now, s_now, 1, 0, null), default);

        var found = (await queries.GetOrderAsync("order-1", default)).Summary;
        Assert.NotNull(found);
        Assert.Equal("order-1", found.OrderId);
        Assert.Equal("ada", found.CustomerId);
        Assert.Single((await queries.GetCustomerAsync("ada", default)).List.Orders);
        Assert.Equal(["order-1"], await queries.UnsettledOrderIdsAsync(default));
        Assert.Equal("msg-1", Assert.Single(await deadLetters.ListAsync(page: 1, default)).MessageId);
    }

    [Fact]
    public async Task TheAnalyticsSummaryAndItsMarkersAreFoundAfterTheirTransactions()
    {
        var summaries = new SummaryStore(_fabric.ClientFor(AppIds.AnalyticsService));
        var created = new OrderCreated(Guid.NewGuid(), s_now, "order-1", "ada", [new OrderLine("MUG-1", 1)], new Money(5m, "USD"));

        Assert.True(await summaries.RecordOnceAsync(created, default));
        Assert.False(await summaries.RecordOnceAsync(created, default));

        Assert.Equal(1, (await summaries.GetAsync(default)).OrdersByStatus["ReservingInventory"]);
    }
}
