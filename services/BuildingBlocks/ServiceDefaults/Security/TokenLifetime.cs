using Microsoft.IdentityModel.Tokens;

namespace CloudPatterns.ServiceDefaults.Security;

/// <summary>
/// Token lifetime checked against the app's TimeProvider (so tests can expire a token by moving a fake
/// clock), throwing the same exceptions as the built-in check so the 401 can say what was wrong.
/// </summary>
public static class TokenLifetime
{
    public static LifetimeValidator Validator(TimeProvider time) => (notBefore, expires, _, parameters) =>
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

        return true;
    };
}
