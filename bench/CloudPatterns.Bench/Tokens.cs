namespace CloudPatterns.Bench;

/// <summary>
/// A local-mode user token as the gateway's development token endpoint mints it: HS256 with the development key
/// (the fake value in components/local/secrets.dev.json), issuer cloudpatterns-local, audience cloudpatterns-api.
/// </summary>
public static class Tokens
{
    public static string Customer(string userId, string signingKey)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(new { alg = "HS256", kid = "cloudpatterns-local", typ = "JWT" });
        var payload = Encode(new Dictionary<string, object>
        {
            ["sub"] = userId,
            ["roles"] = "customer",
            ["iss"] = "cloudpatterns-local",
            ["aud"] = "cloudpatterns-api",
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
        });
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Encode(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
