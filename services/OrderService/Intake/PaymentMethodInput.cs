using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.OrderService.Intake;

/// <summary>A card token from the payment provider's client-side tokenisation; card numbers are never accepted here.</summary>
public sealed record PaymentMethodInput(
    [property: Required, RegularExpression("^card$", ErrorMessage = "The Type field must be 'card'.")] string Type,
    [property: Required, StringLength(100, MinimumLength = 4)] string Token);
