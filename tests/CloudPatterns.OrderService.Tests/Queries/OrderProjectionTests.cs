namespace CloudPatterns.OrderService.Tests.Queries;

/// <summary>
/// How each event changes an order's summary, on its own: events arrive in any order and more than once, so what one
/// event knows must not be lost to another that knows less. (OrderQueryTests shows the same through the API.)
/// </summary>
public sealed class OrderProjectionTests
{
    private static readonly DateTimeOffset s_at = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Money s_ten = new(10m, "USD");

    [Fact]
    public void TheSubmittedLinesAreTakenOnlyIfNoLaterEventBroughtLinesFirst()
    {
        var submitted = new OrderSubmitted(Guid.NewGuid(), s_at, "o-1", "ada", "USD", [new OrderLine("LAMP", 2)]);
        var created = new OrderCreated(Guid.NewGuid(), s_at.AddSeconds(1), "o-1", "ada", [new OrderLine("LAMP", 1)], s_ten);

        var inOrder = OrderProjection.Apply(OrderProjection.Apply(Empty(), submitted), created);
        var createdFirst = OrderProjection.Apply(OrderProjection.Apply(Empty(), created), submitted);
        var submittedOnly = OrderProjection.Apply(Empty(), submitted);

        Assert.Equal([new OrderLine("LAMP", 1)], inOrder.Lines);
        Assert.Equal([new OrderLine("LAMP", 1)], createdFirst.Lines);
        Assert.Equal([new OrderLine("LAMP", 2)], submittedOnly.Lines);
        Assert.Equal(s_at, createdFirst.SubmittedAt);
    }

    [Fact]
    public void AConfirmationOrCancellationNamesThePaymentWhenItKnowsOneAndKeepsTheKnownOneWhenItDoesNot()
    {
        var paid = Empty() with { PaymentId = "pay_1" };

        var confirmedWithout = OrderProjection.Apply(paid, Confirmed(paymentId: null));
        var confirmedWith = OrderProjection.Apply(paid, Confirmed(paymentId: "pay_2"));
        var cancelledWithout = OrderProjection.Apply(paid, Cancelled(paymentId: null));
        var cancelledWith = OrderProjection.Apply(paid, Cancelled(paymentId: "pay_2"));

        Assert.Equal(["pay_1", "pay_2", "pay_1", "pay_2"], new[] { confirmedWithout, confirmedWith, cancelledWithout, cancelledWith }.Select(s => s.PaymentId));
    }

    [Fact]
    public void ACancellationAfterTheRefundWentThroughDoesNotOweItAgain()
    {
        var refunded = Empty() with { PaymentId = "pay_1", Refund = RefundStatus.Refunded, Refunded = s_ten };

        var cancelled = OrderProjection.Apply(refunded, Cancelled(paymentId: "pay_1"));

        Assert.Equal(RefundStatus.Refunded, cancelled.Refund);
        Assert.False(cancelled.IsUnsettled);
    }

    [Fact]
    public void APaymentEventKeepsThePaymentTheOrderAlreadyNamesAndNamesOneItDoesNot()
    {
        var refund = new PaymentRefunded(Guid.NewGuid(), s_at, "o-1", "pay_other", "re_1", s_ten, new Money(0m, "USD"));
        var failed = new PaymentFailed(Guid.NewGuid(), s_at, "o-1", "pay_other", s_ten, "declined");

        Assert.Equal("pay_1", OrderProjection.Apply(Empty() with { PaymentId = "pay_1" }, refund).PaymentId);
        Assert.Equal("pay_1", OrderProjection.Apply(Empty() with { PaymentId = "pay_1" }, failed).PaymentId);
        Assert.Equal("pay_other", OrderProjection.Apply(Empty(), failed).PaymentId);
    }

    [Fact]
    public void TheCustomerFirstNamedStaysAndTheLatestTimeIsKept()
    {
        var summary = Empty() with { CustomerId = "ada", UpdatedAt = s_at.AddMinutes(5) };

        var later = OrderProjection.Apply(summary, Cancelled(paymentId: null, customerId: "grace"));

        Assert.Equal("ada", later.CustomerId);
        Assert.Equal(s_at.AddMinutes(5), later.UpdatedAt); // the cancellation happened earlier, and arrived late
    }

    [Fact]
    public void TheLast64EventIdsAreRemembered()
    {
        var ids = Enumerable.Range(0, 70).Select(_ => Guid.NewGuid()).ToList();

        var summary = ids.Aggregate(Empty(), (s, id) => OrderProjection.Apply(s, new OrderProgressed(id, s_at, "o-1", "ada", OrderStatus.Validating)));

        Assert.Equal(ids.Skip(6), summary.AppliedEvents);
    }

    [Fact]
    public void AnEventThatIsNotAboutAnOrderIsRefusedNamingItsType()
    {
        var reserved = new InventoryReserved(Guid.NewGuid(), s_at, "o-1", [new OrderLine("LAMP", 1)], s_at.AddMinutes(15));

        var refusal = Assert.Throws<ArgumentOutOfRangeException>(() => OrderProjection.Apply(Empty(), reserved));

        Assert.Equal("integrationEvent", refusal.ParamName);
        Assert.Equal("InventoryReserved", refusal.ActualValue);
        Assert.StartsWith("Not an order event.", refusal.Message, StringComparison.Ordinal);
    }

    private static OrderSummary Empty() => OrderSummary.Empty("o-1", s_at);

    private static OrderConfirmed Confirmed(string? paymentId) =>
        new(Guid.NewGuid(), s_at, "o-1", "ada", [new PricedOrderLine("LAMP", "Lamp", 1, s_ten)], s_ten, paymentId);

    private static OrderCancelled Cancelled(string? paymentId, string customerId = "ada") =>
        new(Guid.NewGuid(), s_at, "o-1", customerId, "changed my mind", [new OrderLine("LAMP", 1)], paymentId);
}
