using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.OrderService.Intake;

public sealed record CancelOrderRequest([property: StringLength(500)] string? Reason);
