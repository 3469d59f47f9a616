namespace CloudPatterns.Security;

/// <summary>
/// Token lifetime checked against the app's TimeProvider (so tests can expire a token by moving a fake
/// clock), throwing the same exceptions as the built-in check so the 401 can say what was wrong. A token may live
/// at most the given maximum: counted from its iat or nbf (whichever is earlier) to its exp, and from
/// now to its exp, so neither a far-off exp nor a start in the past or future stretches it.
/// </summary>
public static class TokenLifetime
{
    public static LifetimeValidator Validator(TimeProvider time, TimeSpan maxLifetime) => (notBefore, expires, token, parameters) =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } from && from > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = from };
        }

        if (expires.Value < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        var start = new[] { IssuedAt(token), notBefore }.Where(d => d is not null).Min() ?? now;
        if (expires.Value - start > maxLifetime || expires.Value - now > maxLifetime + parameters.ClockSkew)
        {
            throw new SecurityTokenInvalidLifetimeException("The token lives longer than this API accepts.") { NotBefore = notBefore, Expires = expires.Value };
        }

        return true;
    };

    private static DateTime? IssuedAt(SecurityToken token) =>
        token is JsonWebToken { IssuedAt: var issuedAt } && issuedAt != DateTime.MinValue ? issuedAt : null;
}
