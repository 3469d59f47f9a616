namespace CloudPatterns.OrderService.Clients;

/// <summary>
/// payment-service through Dapr service invocation. 5xx, 408, 429 and no answer at all mean "try again
/// later" (<see cref="PaymentUnavailableException"/>); other 4xx mean the request itself was refused.
/// </summary>
public sealed class PaymentServiceClient(HttpClient http) : IPaymentGateway
{
    public async Task<PaymentResponse> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken) =>
        (await SendAsync(() => http.PostAsJsonAsync("payments", request, JsonDefaults.Options, cancellationToken), cancellationToken))!;

    public async Task<bool> RefundOrderAsync(string orderId, string reason, CancellationToken cancellationToken)
    {
        var payment = await SendAsync(
            () => http.PostAsJsonAsync($"orders/{Uri.EscapeDataString(orderId)}/payment/refund", new RefundRequest(null, reason), JsonDefaults.Options, cancellationToken),
            cancellationToken,
            notFoundIsNothing: true);
        return payment is { Refunded.Amount: > 0 };
    }

    /// <summary>The answer; null for a 404 when <paramref name="notFoundIsNothing"/> (there is nothing to act on).</summary>
    private static async Task<PaymentResponse?> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken, bool notFoundIsNothing = false)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw new PaymentUnavailableException("payment-service did not answer", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<PaymentResponse>(JsonDefaults.Options, cancellationToken))!;
            }

            if (notFoundIsNothing && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new PaymentUnavailableException($"payment-service answered {(int)response.StatusCode}: {detail}");
            }

            throw new PaymentRefusedException($"payment-service answered {(int)response.StatusCode}: {detail}");
        }
    }
}
