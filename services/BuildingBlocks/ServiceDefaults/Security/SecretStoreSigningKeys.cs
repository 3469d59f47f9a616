using System.Text;
using Dapr.Client;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CloudPatterns.ServiceDefaults.Security;

/// <summary>
/// The local signing key, read from the Dapr secret store on first use (the sidecar may not be up when the
/// app starts) and kept. JwtBearer asks its configuration manager for keys asynchronously on every
/// validation, which is the one async hook it has; a refresh request (after a key mismatch) reads it again.
/// </summary>
public sealed class SecretStoreSigningKeys(DaprClient dapr, IOptions<UserAuthenticationOptions> options) : IConfigurationManager<OpenIdConnectConfiguration>
{
    private Task<OpenIdConnectConfiguration>? _loading;

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var loading = Volatile.Read(ref _loading);
        if (loading is null || loading.IsFaulted || loading.IsCanceled)
        {
            // One read for all concurrent callers; a failed read (sidecar not up yet) is tried again next time.
            var fresh = LoadAsync();
            loading = Interlocked.CompareExchange(ref _loading, fresh, loading) == loading ? fresh : Volatile.Read(ref _loading)!;
        }

        return loading.WaitAsync(cancel);
    }

    public void RequestRefresh() => Volatile.Write(ref _loading, null);

    private async Task<OpenIdConnectConfiguration> LoadAsync()
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
}
