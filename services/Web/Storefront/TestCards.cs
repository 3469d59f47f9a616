namespace CloudPatterns.Web.Storefront;

/// <summary>
/// The payment simulator's test cards, as tokens: a real shop's page would tokenise the card with the provider's
/// script, so no card number ever reaches the shop. These tokens are what that step would hand over.
/// </summary>
public static class TestCards
{
    public static readonly IReadOnlyList<(string Token, string Label)> All =
    [
        ("tok_visa", "Visa ending 4242 (approved)"),
        ("tok_mastercard", "Mastercard ending 4444 (approved)"),
        ("tok_declined", "Visa ending 0002 (declined)"),
        ("tok_insufficient_funds", "Visa ending 9995 (insufficient funds)"),
        ("tok_expired_card", "Visa ending 0069 (expired)"),
    ];

    public static bool IsKnown(string? token) => All.Any(c => c.Token == token);
}
