namespace CloudPatterns.Gateway.Tests;

/// <summary>
/// The local signing key is read from the secret store and kept: a token naming a key we do not know may ask for
/// a reload, but at most once per Authentication:SigningKeyRefreshInterval, and a reload that fails keeps the key
/// that still works.
/// </summary>
public sealed class SigningKeyTests
{
    private const string SecretStore = "secretstore";
    private const string KeySecret = "jwt-signing-key";
    private const string RotatedKey = "a-rotated-signing-key-that-is-long-enough-000001";

    [Fact]
    public async Task AnUnknownKeyIdWhileTheSecretStoreIsDownLeavesSignedInCallersAlone()
    {
        await using var host = await GatewayHost.StartAsync();
        var (ada, anonymous) = await AdaAndAnUnknownKeyIdAsync(host);

        var key = TakeKeyOut(host);
        using var unknownKey = await anonymous.GetAsync("/api/orders/o-1");
        using var afterIt = await ada.GetAsync("/api/orders/o-1");
        host.Fabric.Secrets(SecretStore)[KeySecret] = key;

        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterIt.StatusCode);
    }

    [Fact]
    public async Task AReloadThatFailsKeepsTheKeyThatStillWorks()
    {
        await using var host = await GatewayHost.StartAsync();
        var (ada, anonymous) = await AdaAndAnUnknownKeyIdAsync(host, reloadDue: true);

        TakeKeyOut(host);
        await anonymous.GetAsync("/api/orders/o-1");
        var statuses = await GatewayHost.StatusesAsync(ada, "/api/orders/o-1", 3);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task ARotatedKeyIsPickedUpAtMostOncePerRefreshInterval()
    {
        await using var host = await GatewayHost.StartAsync();
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync("/api/orders/o-1")).StatusCode);

        host.Fabric.Secrets(SecretStore)[KeySecret] = RotatedKey;
        using var rotated = host.Public(SignedWith(host, RotatedKey, "rotated-key"));
        var withinInterval = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await rotated.GetAsync("/api/orders/o-1");
            withinInterval.Add(response.StatusCode);
        }

        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(5));
        using var asksForReload = await rotated.GetAsync("/api/orders/o-1");
        using var afterReload = await rotated.GetAsync("/api/orders/o-1");

        Assert.All(withinInterval, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.OK, afterReload.StatusCode);
    }

    /// <summary>A reload waits on a slow secret store in the background: signed-in callers are served with the key in hand meanwhile.</summary>
    [Fact]
    public async Task WhileAReloadWaitsOnASlowSecretStoreSignedInCallersAreServedAtOnce()
    {
        await using var host = await GatewayHost.StartAsync();
        var (ada, anonymous) = await AdaAndAnUnknownKeyIdAsync(host, reloadDue: true);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a safety net only: a request held by the reload would hang here

        HttpStatusCode unknownKey, duringTheReload;
        bool reloading;
        using (var hold = host.Fabric.HoldSecretReads())
        {
            unknownKey = (await anonymous.GetAsync("/api/orders/o-1", deadline.Token)).StatusCode;
            duringTheReload = (await ada.GetAsync("/api/orders/o-1", deadline.Token)).StatusCode;
            reloading = hold.Arrived.IsCompleted;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey);
        Assert.True(reloading, "the unknown key id asked for a reload, which waits on the store");
        Assert.Equal(HttpStatusCode.OK, duringTheReload);
    }

    /// <summary>The first read of the key, which requests do wait for, ends after SecretStoreSigningKeys.ReadTimeout: 503, to be asked again.</summary>
    [Fact]
    public async Task AFirstReadOfTheKeyThatTakesTooLongIsUnavailableAndTheNextReadServes()
    {
        await using var host = await GatewayHost.StartAsync();
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a safety net only: a read without a time limit would hang here

        bool answeredBeforeTheLimit;
        HttpStatusCode atTheLimit;
        using (var hold = host.Fabric.HoldSecretReads())
        {
            var waiting = ada.GetAsync("/api/orders/o-1", deadline.Token);
            await hold.Arrived.WaitAsync(deadline.Token);
            host.Fabric.Time.Advance(SecretStoreSigningKeys.ReadTimeout - TimeSpan.FromMilliseconds(1));
            answeredBeforeTheLimit = waiting.IsCompleted;
            host.Fabric.Time.Advance(TimeSpan.FromMilliseconds(1));
            // Answered at once on the fake clock; a limit kept on the wall clock would still be 10 real seconds away.
            await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(5), deadline.Token));
            Assert.True(waiting.IsCompleted, "the read's time limit runs on the app's TimeProvider");
            using var answer = await waiting;
            atTheLimit = answer.StatusCode;
        }

        using var afterwards = await ada.GetAsync("/api/orders/o-1", TestContext.Current.CancellationToken);
        Assert.False(answeredBeforeTheLimit);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, atTheLimit);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    /// <summary>
    /// Ada, served once with the key the gateway read, and a caller whose token names a key id it does not know (both
    /// clients go with the host). <paramref name="reloadDue"/>: the refresh interval has passed since the key was read,
    /// so the unknown id may ask for a reload.
    /// </summary>
    private static async Task<(HttpClient Ada, HttpClient UnknownKeyId)> AdaAndAnUnknownKeyIdAsync(GatewayHost host, bool reloadDue = false)
    {
        var ada = host.Public(host.Fabric.Tokens.Customer("ada"));
        var unknownKeyId = host.Public(SignedWith(host, RotatedKey, "another-key"));
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync("/api/orders/o-1")).StatusCode);
        if (reloadDue)
        {
            await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(6));
        }

        return (ada, unknownKeyId);
    }

    private static string TakeKeyOut(GatewayHost host)
    {
        var secrets = host.Fabric.Secrets(SecretStore);
        var key = secrets[KeySecret];
        secrets.Remove(KeySecret);
        return key;
    }

    private static string SignedWith(GatewayHost host, string key, string keyId)
    {
        var now = host.Fabric.Time.GetUtcNow();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = host.Fabric.Tokens.Settings.Issuer,
            Audience = host.Fabric.Tokens.Settings.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "someone"), new Claim("roles", UserClaims.CustomerRole)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddHours(1).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)) { KeyId = keyId }, SecurityAlgorithms.HmacSha256),
        });
    }
}
