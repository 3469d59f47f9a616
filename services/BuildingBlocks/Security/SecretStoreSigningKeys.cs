using System.Text;
using Dapr.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CloudPatterns.Security;

/// <summary>
/// The local signing key, read from the Dapr secret store on first use (the sidecar may not be up when the app
/// starts) and kept. JwtBearer asks for it on every validation, and asks for a reload when a token names a key we
/// do not hold - which any caller can provoke. So a reload happens at most once per
/// <see cref="UserAuthenticationOptions.SigningKeyRefreshInterval"/> (on the app's TimeProvider), and a reload that
/// fails keeps the key that works: a secret store blip never turns valid tokens away.
/// </summary>
public sealed partial class SecretStoreSigningKeys(
    DaprClient dapr, IOptions<UserAuthenticationOptions> options, TimeProvider time, ILogger<SecretStoreSigningKeys> logger)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    private readonly Lock _gate = new();
    private OpenIdConnectConfiguration? _current;
    private Task<OpenIdConnectConfiguration>? _loading;
    private DateTimeOffset _lastRead = DateTimeOffset.MinValue;
    private bool _reloadDue;

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        TaskCompletionSource<OpenIdConnectConfiguration>? ours = null;
        Task<OpenIdConnectConfiguration> loading;
        lock (_gate)
        {
            if (_current is { } current && !_reloadDue)
            {
                return Task.FromResult(current);
            }

            // One read for all concurrent callers. Without a key yet, every request may try (nothing can be validated anyway).
            if (_loading is null)
            {
                ours = new TaskCompletionSource<OpenIdConnectConfiguration>(TaskCreationOptions.RunContinuationsAsynchronously);
                _loading = ours.Task;
                _reloadDue = false;
                _lastRead = time.GetUtcNow();
            }

            loading = _loading;
        }

        if (ours is not null)
        {
            _ = LoadAsync(ours);
        }

        return loading.WaitAsync(cancel);
    }

    public void RequestRefresh()
    {
        lock (_gate)
        {
            if (time.GetUtcNow() - _lastRead >= options.Value.SigningKeyRefreshInterval)
            {
                _reloadDue = true;
            }
        }
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
        var secret = await dapr.GetSecretAsync(settings.SecretStore, settings.SigningKeySecret);
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
