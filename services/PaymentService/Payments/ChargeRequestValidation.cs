using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Payments;

namespace CloudPatterns.PaymentService.Payments;

/// <summary>Checks a charge request (a Contracts record, so it carries no attributes) and names each bad field.</summary>
public static class ChargeRequestValidation
{
    public static Dictionary<string, string[]> Problems(ChargeRequest request)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.OrderId) || request.OrderId.Length > 100)
        {
            problems["orderId"] = ["is required (up to 100 characters)"];
        }

        if (request.Amount is null)
        {
            problems["amount"] = ["is required"];
        }
        else
        {
            if (request.Amount.Amount is <= 0 or > 1_000_000)
            {
                problems["amount.amount"] = ["must be more than 0 and at most 1,000,000"];
            }
            else if (Currencies.IsSupported(request.Amount.Currency) && !Currencies.IsWholeMinorUnits(request.Amount.Amount, request.Amount.Currency))
            {
                problems["amount.amount"] = ["must be in whole minor units of the currency (at most 2 decimal places)"];
            }

            if (!Currencies.IsSupported(request.Amount.Currency))
            {
                problems["amount.currency"] = [$"must be one of {string.Join(", ", Currencies.Supported.Order())}"];
            }
        }

        if (request.Method is null)
        {
            problems["method"] = ["is required"];
        }
        else
        {
            if (request.Method.Type != PaymentMethod.Card)
            {
                problems["method.type"] = ["must be 'card'"];
            }

            if (string.IsNullOrWhiteSpace(request.Method.Token) || request.Method.Token.Length > 100)
            {
                problems["method.token"] = ["is required (a provider token, never a card number)"];
            }
            else if (PaymentMethod.LooksLikeCardNumber(request.Method.Token))
            {
                problems["method.token"] = ["looks like a card number; send the provider's token instead"];
            }
        }

        return problems;
    }
}
