namespace CloudPatterns.Contracts.Payments;

/// <summary>
/// How the customer pays: a card token issued by the payment provider's client-side tokenisation. Card
/// numbers never enter this system; the token is all order-service ever holds.
/// </summary>
public sealed record PaymentMethod(string Type, string Token)
{
    public const string Card = "card";

    /// <summary>
    /// Whether a token holds what could be a card number: 12 or more digits in a row, counting spaces, dashes and dots
    /// between them as nothing ("4111 1111 1111 1111", "tok_4111-1111-1111-1111"). Such a value is refused wherever
    /// it arrives, so no store, event, log or workflow ever holds one.
    /// </summary>
    public static bool LooksLikeCardNumber(string? token)
    {
        var run = 0;
        foreach (var c in token ?? string.Empty)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++run >= 12)
                {
                    return true;
                }
            }
            else if (c is not (' ' or '-' or '.'))
            {
                run = 0;
            }
        }

        return false;
    }
}
