namespace CloudPatterns.PaymentProviderSimulator;

/// <summary>The provider's side of tokenisation: tokens to card numbers. Well-known test tokens are built in.</summary>
public sealed class CardVault
{
    private readonly ConcurrentDictionary<string, string> _cards = new(StringComparer.Ordinal)
    {
        ["tok_visa"] = "4242424242424242",
        ["tok_mastercard"] = "5555555555554444",
        ["tok_declined"] = "4000000000000002",
        ["tok_insufficient_funds"] = "4000000000009995",
        ["tok_expired_card"] = "4000000000000069",
    };

    public string Tokenize(string cardNumber)
    {
        // Letters only: a token must never look like the card number it stands for (see PaymentMethod.LooksLikeCardNumber).
        var token = "tok_" + string.Concat(Guid.NewGuid().ToByteArray().Select(b => $"{(char)('a' + (b >> 4))}{(char)('a' + (b & 15))}"));
        _cards[token] = cardNumber;
        return token;
    }

    public bool TryResolve(string token, out string cardNumber) => _cards.TryGetValue(token, out cardNumber!);
}
