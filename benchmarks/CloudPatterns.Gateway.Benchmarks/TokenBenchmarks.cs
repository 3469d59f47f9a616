namespace CloudPatterns.Gateway.Benchmarks;

/// <summary>
/// What a request with a bearer token costs the gateway (and every service) before it is forwarded, with the
/// options the Security block configures in Local mode: JwtBearer's per-request copy of the validation parameters
/// with the signing key, the validation itself (HS256, issuer, audience, the bounded lifetime), and the claims
/// transformation. docs/performance.md puts these beside the gateway's measured cost per request.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private readonly UserClaimsTransformation _claims = new();
    private TokenHandler _handler = null!;
    private TokenValidationParameters _parameters = null!;
    private SecurityKey _key = null!;
    private string _token = null!;
    private ClaimsPrincipal _principal = null!;

    [GlobalSetup]
    public void Setup()
    {
        const string signingKey = "dev-only-fake-jwt-signing-key-for-local-runs-do-not-use";
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddUserAuthentication(new ConfigurationBuilder().Build());
        var options = services.BuildServiceProvider().GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        _handler = options.TokenHandlers.Single();
        _parameters = options.TokenValidationParameters;
        _key = SecretStoreSigningKeys.Key(signingKey);
        _token = DevelopmentTokens.Create(signingKey, new UserAuthenticationOptions(), "ada", [UserClaims.CustomerRole], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var validated = Validate().GetAwaiter().GetResult();
        _principal = new ClaimsPrincipal(validated.ClaimsIdentity);
    }

    [Benchmark(Baseline = true, Description = "validate a local token (as JwtBearer does per request)")]
    public Task<TokenValidationResult> Validate()
    {
        var parameters = _parameters.Clone();
        parameters.IssuerSigningKeys = [_key];
        return _handler.ValidateTokenAsync(_token, parameters);
    }

    [Benchmark(Description = "claims transformation")]
    public Task<ClaimsPrincipal> Transform() => _claims.TransformAsync(_principal);
}
