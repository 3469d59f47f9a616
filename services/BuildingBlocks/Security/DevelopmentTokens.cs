namespace CloudPatterns.Security;

/// <summary>Mints local-mode tokens (HS256, the development key): for the gateway's development-only token endpoint and for tests.</summary>
public static class DevelopmentTokens
{
    public static string Create(
        string signingKey, UserAuthenticationOptions settings, string userId, IEnumerable<string> roles, DateTimeOffset now, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new("sub", userId) };
        claims.AddRange(roles.Select(role => new Claim("roles", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(SecretStoreSigningKeys.Key(signingKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
