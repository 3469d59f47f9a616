using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.Contracts.Events;

/// <summary>Paid and reserved: the reservation becomes a permanent decrement and the order can ship.</summary>
[IntegrationEvent(Topics.OrdersConfirmed, "cloudpatterns.orders.confirmed.v1")]
public sealed record OrderConfirmed(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string CustomerId, IReadOnlyList<PricedOrderLine> Lines, Money Total, string? PaymentId)
    : IIntegrationEvent, IValidatableObject
{
    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        EventValidation.Envelope(this)
            .Concat(EventValidation.Required(OrderId, nameof(OrderId)))
            .Concat(EventValidation.Required(CustomerId, nameof(CustomerId)))
            .Concat(EventValidation.Lines(Lines?.Select(l => new OrderLine(l.Sku, l.Quantity)).ToList()))
            .Concat(EventValidation.Amount(Total, nameof(Total)));
}
