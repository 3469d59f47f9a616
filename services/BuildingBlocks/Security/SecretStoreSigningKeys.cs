namespace CloudPatterns.Security;

/// <summary>
/// The local signing key, read from the Dapr secret store on first use (the sidecar may not be up when the app
/// starts) and kept. JwtBearer asks for it on every validation, and asks for a reload when a token names a key we
/// do not hold - which any caller can provoke. So a reload happens at most once per
/// <see cref="UserAuthenticationOptions.SigningKeyRefreshInterval"/> (on the app's TimeProvider), runs in the
/// background while the key in hand goes on serving, and if it fails keeps that key: a slow or failing secret store
/// never holds or turns away valid tokens. A read is bounded by <see cref="ReadTimeout"/>.
/// </summary>
public sealed partial class SecretStoreSigningKeys(
    DaprClient dapr, IOptions<UserAuthenticationOptions> options, TimeProvider time, ILogger<SecretStoreSigningKeys> logger)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    /// <summary>How long a read of the key may take before it counts as failed (the secret store is unavailable).</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private OpenIdConnectConfiguration? _current;
    private Task<OpenIdConnectConfiguration>? _loading;
    private DateTimeOffset _lastRead = DateTimeOffset.MinValue;

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        TaskCompletionSource<OpenIdConnectConfiguration>? ours;
        Task<OpenIdConnectConfiguration> loading;
        lock (_gate)
        {
            // A key in hand is served at once, even while it is being read again; only the very first read is waited for.
            if (_current is { } current)
            {
                return Task.FromResult(current);
            }

            // Without a key yet, every request may start a read (nothing can be validated anyway); concurrent ones share it.
            ours = BeginLoad();
            loading = _loading!;
        }

        if (ours is not null)
        {
            _ = LoadAsync(ours);
        }

        return loading.WaitAsync(cancel);
    }

    /// <summary>JwtBearer's ask after a token named a key we do not hold: a read in the background, at most once per interval.</summary>
    public void RequestRefresh()
    {
        TaskCompletionSource<OpenIdConnectConfiguration>? ours = null;
        lock (_gate)
        {
            if (time.GetUtcNow() - _lastRead >= options.Value.SigningKeyRefreshInterval)
            {
                ours = BeginLoad();
            }
        }

        if (ours is not null)
        {
            _ = LoadAsync(ours);
        }
    }

    /// <summary>Under the gate: a read to start, unless one is under way.</summary>
    private TaskCompletionSource<OpenIdConnectConfiguration>? BeginLoad()
    {
        if (_loading is not null)
        {
            return null;
        }

        var ours = new TaskCompletionSource<OpenIdConnectConfiguration>(TaskCreationOptions.RunContinuationsAsynchronously);
        _loading = ours.Task;
        _lastRead = time.GetUtcNow();
        return ours;
    }

    private async Task LoadAsync(TaskCompletionSource<OpenIdConnectConfiguration> loading)
    {
        try
        {
            var configuration = await ReadAsync();
            lock (_gate)
            {
                _current = configuration;
                _loading = null;
            }

            loading.SetResult(configuration);
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the waiting requests must be answered and the next read allowed.
            OpenIdConnectConfiguration? kept;
            lock (_gate)
            {
                _loading = null;
                kept = _current;
            }

            if (kept is null)
            {
                loading.SetException(ex);
                return;
            }

            LogReloadFailed(logger, options.Value.SecretStore);
            loading.SetResult(kept);
        }
    }

    private async Task<OpenIdConnectConfiguration> ReadAsync()
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(ReadTimeout, time);
        Dictionary<string, string> secret;
        try
        {
            secret = await dapr.GetSecretAsync(settings.SecretStore, settings.SigningKeySecret, cancellationToken: timeout.Token);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new DaprException($"Reading '{settings.SigningKeySecret}' from '{settings.SecretStore}' took longer than {ReadTimeout.TotalSeconds} s.", ex);
        }

        if (!secret.TryGetValue(settings.SigningKeySecret, out var value) || Encoding.UTF8.GetByteCount(value) < 32)
        {
            throw new InvalidOperationException($"Secret '{settings.SigningKeySecret}' in '{settings.SecretStore}' must hold a signing key of at least 32 bytes.");
        }

        var configuration = new OpenIdConnectConfiguration { Issuer = settings.Issuer };
        configuration.SigningKeys.Add(Key(value));
        return configuration;
    }

    public static SymmetricSecurityKey Key(string secret) => new(Encoding.UTF8.GetBytes(secret)) { KeyId = "cloudpatterns-local" };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the token signing key from {SecretStore} failed; keeping the key already loaded")]
    private static partial void LogReloadFailed(ILogger logger, string secretStore);
}
