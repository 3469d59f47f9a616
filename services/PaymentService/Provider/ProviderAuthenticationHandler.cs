namespace CloudPatterns.PaymentService.Provider;

/// <summary>
/// Adds the provider's API key to every request, outside the retries so each attempt carries it. A key the provider
/// refuses (401, 403) is forgotten, so the next request reads the secret store again and a rotated key takes effect.
/// </summary>
public sealed class ProviderAuthenticationHandler(ProviderApiKey apiKey) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = await apiKey.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await base.SendAsync(request, cancellationToken);
        if (ProviderApiKey.IsRefusal(response.StatusCode))
        {
            apiKey.Refused(key);
        }

        return response;
    }
}
