namespace CloudPatterns.PaymentService.Provider;

/// <summary>
/// The provider's API key, read from the Dapr secret store (Key Vault or Secrets Manager in the cloud) on
/// first use and kept until the provider refuses it (the key was rotated): then it is read again. Two first calls
/// at once may both read it; that is harmless.
/// </summary>
public sealed class ProviderApiKey(DaprClient dapr, IOptions<PaymentProviderOptions> options)
{
    private volatile string? _key;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }

        var name = options.Value.ApiKeySecret;
        var secret = await dapr.GetSecretAsync(DaprComponents.SecretStore, name, cancellationToken: cancellationToken);
        return _key = secret.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Secret {name} has no value.");
    }

    /// <summary>The provider's answer to a key it does not take (a rotated one).</summary>
    public static bool IsRefusal(HttpStatusCode status) => status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    /// <summary>Forgets <paramref name="refused"/>, unless a newer key has been read since it was used.</summary>
    public void Refused(string refused) => Interlocked.CompareExchange(ref _key, null, refused);
}
