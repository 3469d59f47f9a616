namespace CloudPatterns.ProductService.Inventory;

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
