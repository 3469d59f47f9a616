namespace CloudPatterns.Contracts.Events;

/// <summary>The provider captured the order's payment. Only the card's last four digits ever leave payment-service.</summary>
[IntegrationEvent(PaymentCompleted.Topic, "cloudpatterns.payments.completed.v1")]
public sealed record PaymentCompleted(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Id] string PaymentId, [property: Money(Positive = true)] Money Amount,
    [property: Digits(4)] string? CardLast4 = null,
    [property: Id(Required = false)] string? CustomerId = null)
    : IIntegrationEvent
{
    public const string Topic = "payments.completed";

    public string CorrelationId => OrderId;
}
