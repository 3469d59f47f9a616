namespace CloudPatterns.Contracts.Payments;

/// <summary>
/// POST /payments on payment-service. The order id is the idempotency key: repeating the request returns
/// the first result and never charges twice.
/// </summary>
public sealed record ChargeRequest(string OrderId, Money Amount, PaymentMethod Method, string? CustomerId = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(OrderId) || OrderId.Length > 100)
        {
            yield return Problem("is required (up to 100 characters)", nameof(OrderId));
        }

        if (Amount is null)
        {
            yield return Problem("is required", nameof(Amount));
        }
        else
        {
            if (Amount.Amount is <= 0 or > 1_000_000)
            {
                yield return Problem("must be more than 0 and at most 1,000,000", nameof(Amount), nameof(Money.Amount));
            }
            else if (Currencies.IsSupported(Amount.Currency) && !Currencies.IsWholeMinorUnits(Amount.Amount, Amount.Currency))
            {
                yield return Problem("must be in whole minor units of the currency (at most 2 decimal places)", nameof(Amount), nameof(Money.Amount));
            }

            if (!Currencies.IsSupported(Amount.Currency))
            {
                yield return Problem($"must be one of {Currencies.Listed}", nameof(Amount), nameof(Money.Currency));
            }
        }

        if (Method is null)
        {
            yield return Problem("is required", nameof(Method));
            yield break;
        }

        if (Method.Type != PaymentMethod.Card)
        {
            yield return Problem("must be 'card'", nameof(Method), nameof(PaymentMethod.Type));
        }

        if (string.IsNullOrWhiteSpace(Method.Token) || Method.Token.Length > 100)
        {
            yield return Problem("is required (a provider token, never a card number)", nameof(Method), nameof(PaymentMethod.Token));
        }
        else if (PaymentMethod.LooksLikeCardNumber(Method.Token))
        {
            yield return Problem("looks like a card number; send the provider's token instead", nameof(Method), nameof(PaymentMethod.Token));
        }
    }

    private static ValidationResult Problem(string message, params string[] path) => new(message, [string.Join('.', path)]);
}

/// <summary>
/// POST /orders/{orderId}/payment/refund on payment-service: the order workflow's compensation gives back what
/// the order's payment captured (Amount null), once; Reason says why. <see cref="OrderTotal"/>, when the order's charge
/// went unanswered: what it asked for, so that a charge that never reached payment-service is closed as never taken.
/// Admins refund through POST /payments/{paymentId}/refund with payment-service's own RefundInput.
/// </summary>
public sealed record RefundRequest(decimal? Amount, string Reason, Money? OrderTotal = null);
