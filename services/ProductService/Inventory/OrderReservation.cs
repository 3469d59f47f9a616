namespace CloudPatterns.ProductService.Inventory;

/// <summary>
/// What product-service decided for one order, across all its lines. It makes every order event
/// idempotent: a redelivered event finds the decision already made and republishes the same outcome
/// event (same event id), instead of deciding again.
/// </summary>
public sealed record OrderReservation(
    string OrderId,
    OrderReservationStatus Status,
    IReadOnlyList<OrderLine> Lines,
    IReadOnlyList<StockShortage> Shortages,
    DateTimeOffset HeldUntil,
    Guid OutcomeEventId,
    DateTimeOffset DecidedAt,
    DateTimeOffset UpdatedAt,
    string? CustomerId = null);

public enum OrderReservationStatus
{
    /// <summary>Every line is held.</summary>
    Reserved,

    /// <summary>At least one line was short; nothing is held.</summary>
    Insufficient,

    /// <summary>The order was confirmed: its holds became permanent decrements.</summary>
    Committed,

    /// <summary>The order was rejected or cancelled: nothing is held, and nothing will be.</summary>
    Released,
}
