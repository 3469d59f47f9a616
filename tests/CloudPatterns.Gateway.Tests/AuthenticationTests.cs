namespace CloudPatterns.Gateway.Tests;

/// <summary>The guide's custom authorizer: every bad token is refused with 401 saying why, and never reaches a service.</summary>
public sealed class AuthenticationTests
{
    public static TheoryData<string, string> BadTokens => new()
    {
        { "malformed", "The token is malformed." },
        { "bad-signature", "The token's signature is missing or invalid." },
        { "expired", "The token has expired." },
        { "not-yet-valid", "The token is not valid yet." },
        { "wrong-issuer", "The token's issuer is not trusted." },
        { "wrong-audience", "The token is not for this API (audience)." },
        { "alg-none", "The token is not signed." },
        { "rs256-own-key", "The token's signing algorithm is not accepted." },
        { "hs512-right-key", "The token's signing algorithm is not accepted." },
        { "no-expiry", "The token has no expiry." },
        { "a-century-long", "The token lives longer than this API accepts." },
        { "issued-long-ago", "The token lives longer than this API accepts." },
        { "expiry-far-off-without-start", "The token lives longer than this API accepts." },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadTokenIs401WithTheReasonAndNeverReachesAService(string kind, string reason)
    {
        await using var host = await GatewayHost.StartAsync();
        var token = await BadTokenAsync(host, kind);
        using var client = host.Public(token);

        using var response = await client.GetAsync("/api/orders/o-1");

        AssertUnauthorizedUnforwarded(host, response, $"Bearer error=\"invalid_token\", error_description=\"{reason}\"");
    }

    [Fact]
    public async Task NoTokenIs401AskingForOne()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public();

        using var response = await client.PostAsync("/api/orders", new StringContent("{}", Encoding.UTF8, "application/json"));

        AssertUnauthorizedUnforwarded(host, response, "Bearer error_description=\"A bearer token is required.\"");
        Assert.Contains("A bearer token is required.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyReadingTheCatalogIsOpenToAnonymousCallers()
    {
        await using var host = await GatewayHost.StartAsync();
        using var anonymous = host.Public();

        using var read = await anonymous.GetAsync("/api/products/LAMP-DESK-LED");
        using var write = await anonymous.PutAsync("/api/products/LAMP-DESK-LED", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var quote = await anonymous.GetAsync("/api/shipping/quote?weightKg=1&zone=eu");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, quote.StatusCode);
    }

    /// <summary>The routes only an admin may take, by the method each is called with.</summary>
    public static TheoryData<string, string> AdminRoutes => TheoryGroups.Of(
        ("PUT", ["/api/products/LAMP-DESK-LED"]),
        ("POST", ["/api/payments/pay_1/refund"]),
        ("GET", ["/api/analytics/summary", "/api/admin/dead-letters", "/api/provider/status"]));

    [Theory, MemberData(nameof(AdminRoutes))]
    public async Task AdminRoutesRefuseACustomerWith403AndAdmitAnAdmin(string method, string path)
    {
        await using var host = await GatewayHost.StartAsync();
        using var customer = host.Public(host.Fabric.Tokens.Customer("ada"));
        using var admin = host.Public(host.Fabric.Tokens.Admin());

        using var refused = await customer.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var reachedBefore = host.Forwarded.Count;
        using var admitted = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, reachedBefore);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    [Theory]
    [InlineData("ada", new string[0])]
    [InlineData("ada", new[] { "superuser" })]
    [InlineData("", new[] { "customer" })]
    public async Task AValidTokenWithoutAUserOrAKnownRoleIsDenied(string userId, string[] roles)
    {
        await using var host = await GatewayHost.StartAsync();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = host.Fabric.Tokens.Settings.Issuer,
            Audience = host.Fabric.Tokens.Settings.Audience,
            Subject = new ClaimsIdentity(roles.Select(r => new Claim("roles", r)).Concat(userId.Length > 0 ? [new Claim("sub", userId)] : [])),
            Expires = host.Fabric.Time.GetUtcNow().AddHours(1).UtcDateTime,
            NotBefore = host.Fabric.Time.GetUtcNow().UtcDateTime,
            SigningCredentials = new SigningCredentials(SecretStoreSigningKeys.Key(host.Fabric.Tokens.SigningKey), SecurityAlgorithms.HmacSha256),
        });
        using var client = host.Public(token);

        using var response = await client.GetAsync("/api/orders/o-1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Forwarded);
    }

    [Fact]
    public async Task ATokenLivingTheLongestLifetimeTheGatewayMintsIsAccepted()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(host.Fabric.Tokens.For("ada", TimeSpan.FromHours(24), UserClaims.CustomerRole));

        using var response = await client.GetAsync("/api/orders/o-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("mallory", UserClaims.CustomerRole, false)]
    [InlineData(null, null, false)]
    [InlineData(null, null, true)]
    public async Task ClaimsOfTheAppsOwnTypesInATokenAreNeverTrusted(string? subject, string? role, bool otherCase)
    {
        await using var host = await GatewayHost.StartAsync();
        string Type(string type) => otherCase ? type.ToUpperInvariant() : type;
        var claims = new List<Claim> { new(Type(UserClaims.UserId), "test-admin"), new(Type(UserClaims.Role), UserClaims.AdminRole) };
        claims.AddRange(subject is null ? [] : [new Claim("sub", subject)]);
        claims.AddRange(role is null ? [] : [new Claim("roles", role)]);
        using var client = host.Public(Signed(host, claims));

        using var response = await client.GetAsync("/api/analytics/summary");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Forwarded);
    }

    /// <summary>A 401 that challenges with <paramref name="challenge"/> (WWW-Authenticate), for a request that reached no service.</summary>
    private static void AssertUnauthorizedUnforwarded(GatewayHost host, HttpResponseMessage response, string challenge)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(challenge, response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(host.Forwarded);
    }

    /// <summary>A token signed with the right key, carrying exactly these claims.</summary>
    internal static string Signed(GatewayHost host, IEnumerable<Claim> claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = host.Fabric.Tokens.Settings.Issuer,
        Audience = host.Fabric.Tokens.Settings.Audience,
        Subject = new ClaimsIdentity(claims),
        Expires = host.Fabric.Time.GetUtcNow().AddHours(1).UtcDateTime,
        NotBefore = host.Fabric.Time.GetUtcNow().UtcDateTime,
        IssuedAt = host.Fabric.Time.GetUtcNow().UtcDateTime,
        SigningCredentials = new SigningCredentials(SecretStoreSigningKeys.Key(host.Fabric.Tokens.SigningKey), SecurityAlgorithms.HmacSha256),
    });

    private static async Task<string> BadTokenAsync(GatewayHost host, string kind)
    {
        var tokens = host.Fabric.Tokens;
        var now = host.Fabric.Time.GetUtcNow();
        var rightKey = SecretStoreSigningKeys.Key(tokens.SigningKey);
        string Sign(SecurityKey key, string algorithm, string? issuer = null, string? audience = null, DateTimeOffset? notBefore = null, bool expires = true, TimeSpan? lifetime = null)
        {
            var descriptor = new SecurityTokenDescriptor
            {
                Issuer = issuer ?? tokens.Settings.Issuer,
                Audience = audience ?? tokens.Settings.Audience,
                Subject = new ClaimsIdentity([new Claim("sub", "ada"), new Claim("roles", "customer")]),
                NotBefore = (notBefore ?? now).UtcDateTime,
                Expires = expires ? (notBefore ?? now).Add(lifetime ?? TimeSpan.FromHours(1)).UtcDateTime : null,
                IssuedAt = (notBefore ?? now).UtcDateTime,
                SigningCredentials = new SigningCredentials(key, algorithm),
            };
            return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = expires }.CreateToken(descriptor);
        }

        switch (kind)
        {
            case "malformed":
                return "not.a.jwt";
            case "bad-signature":
                return Sign(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-that-is-long-enough-to-sign-0001")) { KeyId = rightKey.KeyId }, SecurityAlgorithms.HmacSha256);
            case "expired":
                var expiring = tokens.For("ada", TimeSpan.FromMinutes(5), UserClaims.CustomerRole);
                await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(10));
                return expiring;
            case "not-yet-valid":
                return Sign(rightKey, SecurityAlgorithms.HmacSha256, notBefore: now.AddMinutes(10));
            case "wrong-issuer":
                return Sign(rightKey, SecurityAlgorithms.HmacSha256, issuer: "https://evil.example");
            case "wrong-audience":
                return Sign(rightKey, SecurityAlgorithms.HmacSha256, audience: "some-other-api");
            case "alg-none":
                var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
                var exp = now.AddHours(1).ToUnixTimeSeconds();
                var payload = Base64UrlEncoder.Encode($$"""{"sub":"ada","roles":"customer","iss":"{{tokens.Settings.Issuer}}","aud":"{{tokens.Settings.Audience}}","exp":{{exp}}}""");
                return $"{header}.{payload}.";
            case "rs256-own-key":
                using (var rsa = RSA.Create(2048))
                {
                    return Sign(new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = rightKey.KeyId }, SecurityAlgorithms.RsaSha256);
                }

            case "hs512-right-key":
                return Sign(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(tokens.SigningKey + tokens.SigningKey)) { KeyId = rightKey.KeyId }, SecurityAlgorithms.HmacSha512);
            case "no-expiry":
                return Sign(rightKey, SecurityAlgorithms.HmacSha256, expires: false);
            case "a-century-long":
                return Sign(rightKey, SecurityAlgorithms.HmacSha256, lifetime: TimeSpan.FromDays(36_500));
            case "issued-long-ago":
                return Sign(rightKey, SecurityAlgorithms.HmacSha256, notBefore: now.AddDays(-30), lifetime: TimeSpan.FromDays(31));
            case "expiry-far-off-without-start":
                var bare = Base64UrlEncoder.Encode($$"""{"sub":"ada","roles":"customer","iss":"{{tokens.Settings.Issuer}}","aud":"{{tokens.Settings.Audience}}","exp":{{now.AddDays(2).ToUnixTimeSeconds()}}}""");
                var signed = Base64UrlEncoder.Encode("""{"alg":"HS256","typ":"JWT","kid":"cloudpatterns-local"}""") + "." + bare;
                using (var hmac = new HMACSHA256(rightKey.Key))
                {
                    return signed + "." + Base64UrlEncoder.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(signed)));
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
