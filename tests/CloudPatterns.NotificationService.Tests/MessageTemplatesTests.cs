namespace CloudPatterns.NotificationService.Tests;

/// <summary>
/// The words customers read, pinned: a change to any of them should be a decision, seen in review, not an accident.
/// One mail in full; for every kind, its subject and its SMS text.
/// </summary>
public sealed class MessageTemplatesTests
{
    private const string OrderId = "7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b";
    private static readonly DateTimeOffset s_at = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly MessageTemplates _templates = new();

    [Fact]
    public void AConfirmationMailListsEveryLineWithItsTotalAndIsSigned()
    {
        var confirmed = new OrderConfirmed(Guid.NewGuid(), s_at, OrderId, "ada",
            [new PricedOrderLine("LAMP-DESK-LED", "Desk lamp", 2, new Money(39.90m, "USD")), new PricedOrderLine("MUG-CLASSIC-350", "Mug", 1, new Money(9.50m, "USD"))],
            new Money(89.30m, "USD"), "pay_1");

        var message = _templates.OrderConfirmed(confirmed);

        Assert.Equal(
            """
            Your order 7f3c2a10 is confirmed

            Hello ada,

            Thank you for your order 7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b. We have taken your payment of 89.30 USD and set your items aside:
              2 x Desk lamp (LAMP-DESK-LED)  79.80 USD
              1 x Mug (MUG-CLASSIC-350)  9.50 USD

            We will write again when it ships.

            CloudPatterns customer care

            """.ReplaceLineEndings(Environment.NewLine),
            message.Body);
        Assert.Equal("CloudPatterns: order 7f3c2a10 confirmed, 89.30 USD.", message.ShortText);
    }

    public static TheoryData<string, string, string, string> EveryKind => new()
    {
        {
            "out of stock", "Your order 7f3c2a10 could not be fulfilled", "CloudPatterns: order 7f3c2a10 is out of stock; you were not charged.",
            "  POSTER-LIMITED: you asked for 3, we have 1"
        },
        {
            "payment failed", "Payment for your order 7f3c2a10 did not go through", "CloudPatterns: payment for order 7f3c2a10 failed; nothing was charged.",
            "We could not take the payment for your order 7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b (card declined)."
        },
        {
            "payment unanswered", "Payment for your order 7f3c2a10 could not be completed", "CloudPatterns: order 7f3c2a10 could not be paid; anything charged is refunded.",
            "the full amount is refunded"
        },
        {
            "rejected as invalid", "Your order 7f3c2a10 could not be accepted", "CloudPatterns: order 7f3c2a10 could not be accepted; nothing was charged.",
            "because it contained items or details we could not accept."
        },
        {
            "rejected in time", "Your order 7f3c2a10 could not be accepted", "CloudPatterns: order 7f3c2a10 could not be accepted; nothing was charged.",
            "because we could not confirm stock for it in time."
        },
        {
            "cancelled", "Your order 7f3c2a10 is cancelled", "CloudPatterns: order 7f3c2a10 cancelled.",
            "Any payment taken for it is refunded to the card you used."
        },
        {
            "shipped", "Your order 7f3c2a10 is on its way", "CloudPatterns: order 7f3c2a10 shipped with ParcelCo, tracking PA328284984675.",
            "Tracking number: PA328284984675"
        },
        {
            "refunded in part", "Your refund for order 7f3c2a10", "CloudPatterns: 5.00 USD refunded for order 7f3c2a10.",
            "74.80 USD of the payment stays charged."
        },
        {
            "refunded in full", "Your refund for order 7f3c2a10", "CloudPatterns: 79.80 USD refunded for order 7f3c2a10.",
            "Nothing of the payment stays charged."
        },
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void EachKindSaysWhatHappenedInItsSubjectItsTextAndItsMail(string kind, string subject, string shortText, string line)
    {
        var message = kind switch
        {
            "out of stock" => _templates.OutOfStock(OrderId, "ada", [new StockShortage("POSTER-LIMITED", 3, 1)]),
            "payment failed" => _templates.PaymentFailed(OrderId, "ada", "card declined"),
            "payment unanswered" => _templates.PaymentUnanswered(OrderId, "ada"),
            "rejected as invalid" => _templates.OrderRejected(OrderId, "ada", RejectionReasons.Invalid),
            "rejected in time" => _templates.OrderRejected(OrderId, "ada", RejectionReasons.InventoryTimeout),
            "cancelled" => _templates.OrderCancelled(new OrderCancelled(Guid.NewGuid(), s_at, OrderId, "ada", "changed my mind", [new OrderLine("MUG-CLASSIC-350", 1)])),
            "shipped" => _templates.Shipped(new ShipmentDispatched(Guid.NewGuid(), s_at, OrderId, "shp_1", "ParcelCo", "PA328284984675"), "ada"),
            "refunded in part" => _templates.Refunded(Refund(5m, 74.80m), "ada"),
            "refunded in full" => _templates.Refunded(Refund(79.80m, 0m), "ada"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.Equal(subject, message.Subject);
        Assert.Equal(shortText, message.ShortText);
        Assert.StartsWith(subject + Environment.NewLine + Environment.NewLine + "Hello ada,", message.Body, StringComparison.Ordinal);
        Assert.Contains(line, message.Body, StringComparison.Ordinal);
        Assert.EndsWith("CloudPatterns customer care" + Environment.NewLine, message.Body, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> EveryMailInFull => new()
    {
        {
            "out of stock", [
                "We are sorry: we could not reserve everything in your order 7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b, so we have not charged you.",
                "  POSTER-LIMITED: you asked for 3, we have 1", "", "You are welcome to order again with fewer items."]
        },
        {
            "out of stock, nothing named", [
                "We are sorry: we could not reserve everything in your order 7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b, so we have not charged you.",
                "  Some of the items you ordered are no longer in stock.", "", "You are welcome to order again with fewer items."]
        },
        {
            "payment failed", [
                "We could not take the payment for your order 7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b (card declined).",
                "Nothing was charged and the order is closed. Please order again with another payment method."]
        },
        {
            "payment failed, no reason", [
                "We could not take the payment for your order 7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b.",
                "Nothing was charged and the order is closed. Please order again with another payment method."]
        },
        {
            "payment unanswered", [
                "Our payment provider did not answer while we took the payment for your order 7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b, so the order is closed.",
                "If your card was charged all the same, the full amount is refunded, and we will write when it is. Please order again."]
        },
        {
            "rejected for another reason", [
                "We could not accept your order 7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b because of a problem (pricing-changed).",
                "Nothing was charged. Please try again, or contact us if it keeps happening."]
        },
        {
            "cancelled", ["Your order 7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b is cancelled, as you asked.", "Any payment taken for it is refunded to the card you used."]
        },
        {
            "shipped", ["Your order 7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b has left our warehouse with ParcelCo.", "Tracking number: PA328284984675"]
        },
    };

    /// <summary>Between the greeting and the signature: what happened, and what the customer can do now.</summary>
    [Theory]
    [MemberData(nameof(EveryMailInFull))]
    public void EachMailTellsWhatHappenedAndWhatComesNext(string kind, string[] lines)
    {
        var message = kind switch
        {
            "out of stock" => _templates.OutOfStock(OrderId, "ada", [new StockShortage("POSTER-LIMITED", 3, 1)]),
            "out of stock, nothing named" => _templates.OutOfStock(OrderId, "ada", []),
            "payment failed" => _templates.PaymentFailed(OrderId, "ada", "card declined"),
            "payment failed, no reason" => _templates.PaymentFailed(OrderId, "ada", null),
            "payment unanswered" => _templates.PaymentUnanswered(OrderId, "ada"),
            "rejected for another reason" => _templates.OrderRejected(OrderId, "ada", "pricing-changed"),
            "cancelled" => _templates.OrderCancelled(new OrderCancelled(Guid.NewGuid(), s_at, OrderId, "ada", "changed my mind", [new OrderLine("MUG-CLASSIC-350", 1)])),
            "shipped" => _templates.Shipped(new ShipmentDispatched(Guid.NewGuid(), s_at, OrderId, "shp_1", "ParcelCo", "PA328284984675"), "ada"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var expected = string.Join(Environment.NewLine, [message.Subject, "", "Hello ada,", "", .. lines, "", "CloudPatterns customer care", ""]);
        Assert.Equal(expected, message.Body);
    }

    [Fact]
    public void AShortOrderIdIsNotCutInTheSubject()
    {
        Assert.Equal("Your order order-7 is cancelled",
            _templates.OrderCancelled(new OrderCancelled(Guid.NewGuid(), s_at, "order-7", "ada", "changed my mind", [new OrderLine("MUG-CLASSIC-350", 1)])).Subject);
    }

    private static PaymentRefunded Refund(decimal amount, decimal remaining) =>
        new(Guid.NewGuid(), s_at, OrderId, "pay_1", "re_1", new Money(amount, "USD"), new Money(remaining, "USD"));
}
