namespace CloudPatterns.Contracts.Payments;

/// <summary>
/// How the customer pays: a card token issued by the payment provider's client-side tokenisation. Card
/// numbers never enter this system; the token is all order-service ever holds.
/// </summary>
public sealed record PaymentMethod(string Type, string Token)
{
    public const string Card = "card";
}
