namespace CloudPatterns.Contracts.Events;

/// <summary>The payment was declined or could not be taken; <see cref="Reason"/> says which.</summary>
[IntegrationEvent(PaymentFailed.Topic, "cloudpatterns.payments.failed.v1")]
public sealed record PaymentFailed(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Id] string PaymentId, [property: Money(Positive = true)] Money Amount,
    [property: Text] string Reason, [property: Id(Required = false)] string? CustomerId = null)
    : IIntegrationEvent
{
    public const string Topic = "payments.failed";

    public string CorrelationId => OrderId;
}
