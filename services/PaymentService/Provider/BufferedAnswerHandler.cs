namespace CloudPatterns.PaymentService.Provider;

/// <summary>
/// Reads the provider's whole answer inside the resilience pipeline. HttpClient reads the body only after every
/// handler has returned, so without this the attempt timeout and the breaker would see the headers only: a provider
/// that sent them and then stalled would hold the call until the caller gave up, and never count as a failure.
/// </summary>
public sealed class BufferedAnswerHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
