namespace CloudPatterns.Contracts.Events;

/// <summary>
/// The order moved to a step that has no event of its own (Validating, ProcessingPayment), so the read model
/// shows every status the write model takes, and a stuck order shows the step it is stuck in.
/// </summary>
[IntegrationEvent(OrderProgressed.Topic, "cloudpatterns.orders.progressed.v1")]
public sealed record OrderProgressed(Guid EventId, DateTimeOffset OccurredAt, string OrderId, string CustomerId, OrderStatus Status)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "orders.progressed";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Id(CustomerId, nameof(CustomerId))
        .When(Status is not (OrderStatus.Validating or OrderStatus.ProcessingPayment), nameof(Status), "must be Validating or ProcessingPayment")
        .Problems;
}
