using System.Net;
using CloudPatterns.Contracts.Payments;
using CloudPatterns.ServiceDefaults.Json;
using CloudPatterns.Workflows.OrderProcessing.Ports;

namespace CloudPatterns.OrderService.Clients;

/// <summary>
/// payment-service through Dapr service invocation. 5xx, 408, 429 and no answer at all mean "try again
/// later" (<see cref="PaymentUnavailableException"/>); other 4xx mean the request itself was refused.
/// </summary>
public sealed class PaymentServiceClient(HttpClient http) : IPaymentGateway
{
    public async Task<PaymentResponse> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken) =>
        await SendAsync(() => http.PostAsJsonAsync("payments", request, JsonDefaults.Options, cancellationToken), cancellationToken);

    public async Task<PaymentResponse> RefundAsync(string paymentId, RefundRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
        await SendAsync(() =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, $"payments/{Uri.EscapeDataString(paymentId)}/refund")
            {
                Content = JsonContent.Create(request, options: JsonDefaults.Options),
            };
            message.Headers.Add("Idempotency-Key", idempotencyKey);
            return http.SendAsync(message, cancellationToken);
        }, cancellationToken);

    private static async Task<PaymentResponse> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
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

            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new PaymentUnavailableException($"payment-service answered {(int)response.StatusCode}: {detail}");
            }

            throw new PaymentRefusedException($"payment-service answered {(int)response.StatusCode}: {detail}");
        }
    }
}
