using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.OrderService.Intake;

public sealed record OrderLineInput(
    [property: Required, StringLength(40, MinimumLength = 3)] string Sku,
    [property: Range(1, 1000)] int Quantity);
