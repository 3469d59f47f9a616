using System.ComponentModel.DataAnnotations;
using CloudPatterns.ServiceDefaults.Validation;

namespace CloudPatterns.OrderService.Intake;

/// <summary>POST /orders. Only the shape is checked here; prices, stock and payment are the workflow's business.</summary>
public sealed record SubmitOrderRequest(
    [property: Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "The CustomerId field must be 1 to 64 letters, digits, dots, dashes or underscores.")]
    string CustomerId,
    [property: Required, SupportedCurrency] string Currency,
    [property: Required, MinLength(1), MaxLength(SubmitOrderRequest.MaxLines)] IReadOnlyList<OrderLineInput> Lines,
    [property: Required] PaymentMethodInput Payment)
{
    public const int MaxLines = 100;
}
