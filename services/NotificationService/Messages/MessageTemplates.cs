namespace CloudPatterns.NotificationService.Messages;

/// <summary>The words of every notification, one template per kind. Plain text, so every mail and SMS binding can carry it.</summary>
public sealed class MessageTemplates
{
    private const string Signature = "CloudPatterns customer care";

    public Message OrderConfirmed(OrderConfirmed confirmed)
    {
        var lines = confirmed.Lines.Select(l => $"  {l.Quantity} x {l.Name} ({l.Sku})  {l.LineTotal}");
        return Compose(
            $"Your order {Short(confirmed.OrderId)} is confirmed",
            confirmed.CustomerId,
            $"Thank you for your order {confirmed.OrderId}. We have taken your payment of {confirmed.Total} and set your items aside:",
            [.. lines, string.Empty, "We will write again when it ships."],
            $"CloudPatterns: order {Short(confirmed.OrderId)} confirmed, {confirmed.Total}.");
    }

    public Message OutOfStock(string orderId, string customerId, IReadOnlyList<StockShortage>? shortages)
    {
        IEnumerable<string> detail = shortages is { Count: > 0 }
            ? shortages.Select(s => string.Create(CultureInfo.InvariantCulture, $"  {s.Sku}: you asked for {s.Requested}, we have {s.Available}"))
            : ["  Some of the items you ordered are no longer in stock."];
        return Compose(
            $"Your order {Short(orderId)} could not be fulfilled",
            customerId,
            $"We are sorry: we could not reserve everything in your order {orderId}, so we have not charged you.",
            [.. detail, string.Empty, "You are welcome to order again with fewer items."],
            $"CloudPatterns: order {Short(orderId)} is out of stock; you were not charged.");
    }

    public Message PaymentFailed(string orderId, string customerId, string? reason) =>
        Compose(
            $"Payment for your order {Short(orderId)} did not go through",
            customerId,
            $"We could not take the payment for your order {orderId}" + (reason is null ? "." : $" ({reason})."),
            ["Nothing was charged and the order is closed. Please order again with another payment method."],
            $"CloudPatterns: payment for order {Short(orderId)} failed; nothing was charged.");

    /// <summary>No charge attempt got an answer: the charge may have gone through, and then it is refunded (its own message follows).</summary>
    public Message PaymentUnanswered(string orderId, string customerId) =>
        Compose(
            $"Payment for your order {Short(orderId)} could not be completed",
            customerId,
            $"Our payment provider did not answer while we took the payment for your order {orderId}, so the order is closed.",
            ["If your card was charged all the same, the full amount is refunded, and we will write when it is. Please order again."],
            $"CloudPatterns: order {Short(orderId)} could not be paid; anything charged is refunded.");

    public Message OrderRejected(string orderId, string customerId, string reason)
    {
        var why = reason switch
        {
            RejectionReasons.Invalid => "it contained items or details we could not accept",
            RejectionReasons.InventoryTimeout => "we could not confirm stock for it in time",
            _ => $"of a problem ({reason})",
        };
        return Compose(
            $"Your order {Short(orderId)} could not be accepted",
            customerId,
            $"We could not accept your order {orderId} because {why}.",
            ["Nothing was charged. Please try again, or contact us if it keeps happening."],
            $"CloudPatterns: order {Short(orderId)} could not be accepted; nothing was charged.");
    }

    public Message OrderCancelled(OrderCancelled cancelled) =>
        Compose(
            $"Your order {Short(cancelled.OrderId)} is cancelled",
            cancelled.CustomerId,
            $"Your order {cancelled.OrderId} is cancelled, as you asked.",
            ["Any payment taken for it is refunded to the card you used."],
            $"CloudPatterns: order {Short(cancelled.OrderId)} cancelled.");

    public Message Shipped(ShipmentDispatched dispatched, string customerId) =>
        Compose(
            $"Your order {Short(dispatched.OrderId)} is on its way",
            customerId,
            $"Your order {dispatched.OrderId} has left our warehouse with {dispatched.Carrier}.",
            [$"Tracking number: {dispatched.TrackingNumber}"],
            $"CloudPatterns: order {Short(dispatched.OrderId)} shipped with {dispatched.Carrier}, tracking {dispatched.TrackingNumber}.");

    public Message Refunded(PaymentRefunded refunded, string customerId) =>
        Compose(
            $"Your refund for order {Short(refunded.OrderId)}",
            customerId,
            $"We have refunded {refunded.Amount} for your order {refunded.OrderId} to the card you paid with.",
            [refunded.Remaining.Amount > 0 ? $"{refunded.Remaining} of the payment stays charged." : "Nothing of the payment stays charged."],
            $"CloudPatterns: {refunded.Amount} refunded for order {Short(refunded.OrderId)}.");

    /// <summary>Order ids are GUIDs; the first block is enough to recognise one in a subject line.</summary>
    private static string Short(string orderId) => orderId.Length > 8 ? orderId[..8] : orderId;

    private static Message Compose(string subject, string customerId, string opening, IEnumerable<string> details, string shortText)
    {
        var body = new StringBuilder()
            .AppendLine(subject)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Hello {customerId},")
            .AppendLine()
            .AppendLine(opening);
        foreach (var line in details)
        {
            body.AppendLine(line);
        }

        body.AppendLine().AppendLine(Signature);
        return new Message(subject, body.ToString(), shortText);
    }
}
