namespace CloudPatterns.Infrastructure.Tests;

/// <summary>tools/KeyVaultSecrets against an in-memory vault: what it creates, what it never touches, what it never prints.</summary>
public sealed class KeyVaultSecretsTests : IDisposable
{
    private readonly InMemoryVault _vault = new();
    private readonly StringWriter _log = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task AMissingGeneratedSecretIsCreatedRandomAndNeverPrinted()
    {
        var outcomes = await Run(new PlannedSecret("jwt-signing-key", SecretSource.Generate));

        Assert.Equal(SecretOutcome.Generated, outcomes["jwt-signing-key"]);
        var value = _vault.Values["jwt-signing-key"];
        Assert.Equal(64, value.Length);
        Assert.DoesNotContain(value, _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExistingSecretIsNeverOverwrittenEvenWhenAValueIsSupplied()
    {
        _vault.Values["payment-provider-api-key"] = "issued-by-the-provider";
        _environment["CLOUDPATTERNS_SECRET_PAYMENT_PROVIDER_API_KEY"] = "something-else";

        var outcomes = await Run(new PlannedSecret("payment-provider-api-key", SecretSource.Generate));

        Assert.Equal(SecretOutcome.Kept, outcomes["payment-provider-api-key"]);
        Assert.Equal("issued-by-the-provider", _vault.Values["payment-provider-api-key"]);
    }

    [Fact]
    public async Task AProvidersKeyComesFromTheEnvironmentOrIsReportedMissing()
    {
        var missing = await Run(new PlannedSecret("sendgrid-api-key", SecretSource.Environment));
        Assert.Equal(SecretOutcome.Missing, missing["sendgrid-api-key"]);
        Assert.False(_vault.Values.ContainsKey("sendgrid-api-key"));
        Assert.Contains("CLOUDPATTERNS_SECRET_SENDGRID_API_KEY", _log.ToString(), StringComparison.Ordinal);

        _environment["CLOUDPATTERNS_SECRET_SENDGRID_API_KEY"] = "SG.real";
        var set = await Run(new PlannedSecret("sendgrid-api-key", SecretSource.Environment));
        Assert.Equal(SecretOutcome.SetFromEnvironment, set["sendgrid-api-key"]);
        Assert.Equal("SG.real", _vault.Values["sendgrid-api-key"]);
        Assert.DoesNotContain("SG.real", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlaceholderStandsInUntilARealValueReplacesIt()
    {
        var secret = new PlannedSecret("twilio-auth-token", SecretSource.Environment, Placeholder: true);

        Assert.Equal(SecretOutcome.Placeholder, (await Run(secret))["twilio-auth-token"]);
        Assert.Equal(SecretOutcome.Placeholder, (await Run(secret))["twilio-auth-token"]);
        Assert.Equal(PlannedSecret.PlaceholderContentType, _vault.ContentTypes["twilio-auth-token"]);

        _environment["CLOUDPATTERNS_SECRET_TWILIO_AUTH_TOKEN"] = "real-token";
        Assert.Equal(SecretOutcome.SetFromEnvironment, (await Run(secret))["twilio-auth-token"]);
        Assert.Equal("real-token", _vault.Values["twilio-auth-token"]);
        Assert.Equal(SecretOutcome.Kept, (await Run(secret))["twilio-auth-token"]);
    }

    [Fact]
    public async Task ASoftDeletedSecretIsRecoveredNotReplaced()
    {
        _vault.Deleted["jwt-signing-key"] = "the-old-key";

        var outcomes = await Run(new PlannedSecret("jwt-signing-key", SecretSource.Generate));

        Assert.Equal(SecretOutcome.Recovered, outcomes["jwt-signing-key"]);
        Assert.Equal("the-old-key", _vault.Values["jwt-signing-key"]);
    }

    [Fact]
    public void ThePlanInTheRepositoryLoads()
    {
        var plan = SecretsPlan.Load(Path.Combine(Testing.Components.RepositoryPaths.Root, "infra", "secrets.json"));

        Assert.Contains(plan.Secrets, s => s.Name == "payment-provider-api-key" && s.Source == SecretSource.Generate);
        Assert.All(plan.Secrets.Where(s => s.Source == SecretSource.Environment), s => Assert.True(s.Placeholder, $"{s.Name}: a provider's key without a placeholder would stop notification-service from starting"));
    }

    private Task<IReadOnlyDictionary<string, SecretOutcome>> Run(params PlannedSecret[] secrets) =>
        new SecretProvisioner(_vault, name => _environment.GetValueOrDefault(name), _log).EnsureAsync(new SecretsPlan(secrets), CancellationToken.None);

    /// <summary>A vault in memory, through the client's virtual members (the Azure SDK's way of being faked).</summary>
    private sealed class InMemoryVault : SecretClient
    {
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> ContentTypes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Deleted { get; } = new(StringComparer.Ordinal);

        public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null, CancellationToken cancellationToken = default) =>
            GetSecretAsync(name, version, null, cancellationToken);

        public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version, SecretContentType? outContentType, CancellationToken cancellationToken = default)
        {
            if (!Values.TryGetValue(name, out var value))
            {
                throw new RequestFailedException(404, $"{name} not found");
            }

            var secret = new KeyVaultSecret(name, value);
            secret.Properties.ContentType = ContentTypes.GetValueOrDefault(name);
            return Task.FromResult(Response.FromValue(secret, new EmptyResponse()));
        }

        public override Task<Response<KeyVaultSecret>> SetSecretAsync(KeyVaultSecret secret, CancellationToken cancellationToken = default)
        {
            if (Deleted.ContainsKey(secret.Name))
            {
                throw new RequestFailedException(409, $"{secret.Name} is deleted but recoverable");
            }

            Values[secret.Name] = secret.Value;
            ContentTypes[secret.Name] = secret.Properties.ContentType;
            return Task.FromResult(Response.FromValue(secret, new EmptyResponse()));
        }

        public override Task<RecoverDeletedSecretOperation> StartRecoverDeletedSecretAsync(string name, CancellationToken cancellationToken = default)
        {
            Values[name] = Deleted[name];
            Deleted.Remove(name);
            return Task.FromResult<RecoverDeletedSecretOperation>(new DoneRecovery());
        }
    }

    private sealed class DoneRecovery : RecoverDeletedSecretOperation
    {
        public override bool HasCompleted => true;

        public override ValueTask<Response<SecretProperties>> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Response.FromValue(new SecretProperties("recovered"), (Response)new EmptyResponse()));
    }

    private sealed class EmptyResponse : Response
    {
        public override int Status => 200;

        public override string ReasonPhrase => "OK";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = string.Empty;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
