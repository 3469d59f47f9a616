namespace CloudPatterns.EndToEnd.Scenarios;

/// <summary>What the gateway does at the edge: rate limits, bad tokens, the canary split.</summary>
public abstract partial class EndToEndScenarios
{
    [Fact]
    public async Task PastItsHourlyPaymentsBudgetACallerGets429WithRetryAfterAndOthersAreStillServed()
    {
        using var greedy = (await CustomerAsync("greedy")).Client;
        using var other = (await CustomerAsync("other")).Client;

        // Gateway:RateLimits:Families:payments: 100 an hour per caller (services/Gateway/appsettings.json).
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            using var allowed = await greedy.GetAsync($"/api/payments/pay_{Guid.NewGuid():N}");
            statuses.Add(allowed.StatusCode);
        }

        using var refused = await greedy.GetAsync("/api/payments/pay_1");
        using var othersCall = await other.GetAsync("/api/payments/pay_1");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"429 without a positive Retry-After: {refused.Headers.RetryAfter}");
        Assert.Contains("Too many requests.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, othersCall.StatusCode);
    }

    [Fact]
    public async Task AForgedOrExpiredTokenIs401SayingWhyWhileTheGenuineOneWorks()
    {
        var customerId = NewUser("mallory");
        var genuine = await TokenAsync(customerId, "customer");
        var developmentKey = Encoding.UTF8.GetBytes(
            JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Combine("components", "local", "secrets.dev.json")))!["jwt-signing-key"]!.GetValue<string>());

        // Forged: the genuine token, made to say admin, signed with a key the attacker made up.
        var forged = Resigned(genuine, RandomNumberGenerator.GetBytes(48), claims => claims["roles"] = "admin");
        // Expired: what the gateway would have minted two hours ago for an hour, signed with the real development key.
        var issued = Shop.Now.AddHours(-2).ToUnixTimeSeconds();
        var expired = Resigned(genuine, developmentKey, claims => (claims["iat"], claims["nbf"], claims["exp"]) = (issued, issued, issued + 3600));

        using var genuineClient = Shop.Gateway(genuine);
        using var forgedClient = Shop.Gateway(forged);
        using var expiredClient = Shop.Gateway(expired);
        using var withGenuine = await genuineClient.GetAsync($"/api/customers/{customerId}/orders");
        using var withForged = await forgedClient.GetAsync("/api/analytics/summary");
        using var withExpired = await expiredClient.GetAsync($"/api/customers/{customerId}/orders");

        Assert.Equal(HttpStatusCode.OK, withGenuine.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForged.StatusCode);
        Assert.Contains("The token's signature is missing or invalid.", withForged.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, withExpired.StatusCode);
        Assert.Contains("The token has expired.", withExpired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCanarySendsAboutOneCallerInFiveToProductServiceV2AndEachCallerStaysOnItsVersion()
    {
        const int callers = 200;
        var versions = new List<string>();
        for (var i = 0; i < callers; i++)
        {
            using var caller = (await CustomerAsync("shopper")).Client;
            var seen = new HashSet<string>();
            for (var call = 0; call < (i < 20 ? 3 : 1); call++)
            {
                using var response = await caller.GetAsync("/api/products/LAMP-DESK-LED");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                seen.Add(response.Headers.GetValues("x-canary").Single());
            }

            versions.Add(Assert.Single(seen));
        }

        using var asking = Shop.Gateway();
        asking.DefaultRequestHeaders.Add("x-canary", "true");
        using var asked = await asking.GetAsync("/api/products/LAMP-DESK-LED");

        // dapr.yaml: 20 % of callers, each by a hash of their user id; 200 callers land within about 3.5 standard deviations.
        Assert.InRange(versions.Count(v => v == "true"), callers * 10 / 100, callers * 30 / 100);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal("true", asked.Headers.GetValues("x-canary").Single());
    }

    /// <summary>A copy of a JWT with its claims changed and signed (HS256) with <paramref name="key"/>.</summary>
    private static string Resigned(string token, byte[] key, Action<JsonObject> change)
    {
        var parts = token.Split('.');
        var claims = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        change(claims);
        var unsigned = $"{parts[0]}.{Base64UrlEncoder.Encode(claims.ToJsonString())}";
        return $"{unsigned}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned)))}";
    }
}
