namespace CloudPatterns.OrderService.Clients;

/// <summary>
/// payment-service through Dapr service invocation. 5xx, 408, 429 and no answer at all mean "try again
/// later" (<see cref="PaymentUnavailableException"/>); other 4xx mean the request itself was refused, in words a
/// customer may read (the problem's title and detail), while the answer itself goes to the log.
/// </summary>
public sealed partial class PaymentServiceClient(HttpClient http, ILogger<PaymentServiceClient> logger) : IPaymentGateway
{
    public async Task<PaymentResponse> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken) =>
        (await SendAsync(() => http.PostAsJsonAsync("payments", request, JsonDefaults.Options, cancellationToken), cancellationToken))!;

    public async Task<bool> RefundOrderAsync(string orderId, string reason, Money? orderTotal, CancellationToken cancellationToken)
    {
        var payment = await SendAsync(
            () => http.PostAsJsonAsync($"orders/{Uri.EscapeDataString(orderId)}/payment/refund", new RefundRequest(null, reason, orderTotal), JsonDefaults.Options, cancellationToken),
            cancellationToken,
            notFoundIsNothing: true);
        return payment is { Refunded.Amount: > 0 };
    }

    /// <summary>The answer; null for a 404 when <paramref name="notFoundIsNothing"/> (there is nothing to act on).</summary>
    private async Task<PaymentResponse?> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken, bool notFoundIsNothing = false)
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

            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new PaymentUnavailableException($"payment-service answered {(int)response.StatusCode}: {answer}");
            }

            LogRefused(logger, (int)response.StatusCode, answer);
            throw new PaymentRefusedException(ProblemWords(answer) ?? $"payment-service refused the request ({(int)response.StatusCode})");
        }
    }

    /// <summary>A problem's title and detail (words only); null when the answer is not a problem with a title.</summary>
    private static string? ProblemWords(string answer)
    {
        try
        {
            return JsonNode.Parse(answer) is JsonObject problem && Words(problem["title"]) is { } title
                ? Words(problem["detail"]) is { } detail ? $"{title} {detail}" : title
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Words(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "payment-service refused the request with {Status}: {Answer}")]
    private static partial void LogRefused(ILogger logger, int status, string answer);
}
