namespace CloudPatterns.Hosting.Http;

/// <summary>
/// The Idempotency-Key header, the same way in every service: the client's name for one request, so that the
/// request asked again (after a timeout, a lost answer) is carried out once.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    public const string Rule = "must be 1 to 100 printable characters";

    public static bool IsValid(string key) => key.Length is > 0 and <= 100 && !key.Any(char.IsControl);
}
