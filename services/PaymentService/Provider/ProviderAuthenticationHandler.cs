using System.Net.Http.Headers;

namespace CloudPatterns.PaymentService.Provider;

/// <summary>Adds the provider's API key to every request, outside the retries so each attempt carries it.</summary>
public sealed class ProviderAuthenticationHandler(ProviderApiKey apiKey) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await apiKey.GetAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
