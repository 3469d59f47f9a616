using System.ComponentModel.DataAnnotations;
using CloudPatterns.Contracts.Payments;

namespace CloudPatterns.OrderService.Intake;

/// <summary>
/// A card token from the payment provider's client-side tokenisation. A card number is refused here, at the edge,
/// so it never reaches order-store, an event, a log line or the workflow's input.
/// </summary>
public sealed record PaymentMethodInput(
    [property: Required, RegularExpression("^card$", ErrorMessage = "The Type field must be 'card'.")] string Type,
    [property: Required, StringLength(100, MinimumLength = 4)] string Token) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PaymentMethod.LooksLikeCardNumber(Token))
        {
            yield return new ValidationResult(
                "The Token field looks like a card number; send the token the payment provider issued for the card, never the number.", [nameof(Token)]);
        }
    }
}
