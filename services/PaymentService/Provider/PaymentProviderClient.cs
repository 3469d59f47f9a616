namespace CloudPatterns.PaymentService.Provider;

/// <summary>
/// The third-party payment provider, over plain HTTP (not through Dapr: it is not one of our apps). The
/// HttpClient's resilience pipeline bounds each call and breaks the circuit when the provider keeps failing;
/// a failure becomes <see cref="ProviderUnavailableException"/>, which the caller retries after Retry-After.
/// </summary>
public sealed class PaymentProviderClient(HttpClient http, IOptions<PaymentProviderOptions> options)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task<ProviderChargeResult> ChargeAsync(
        string idempotencyKey, decimal amount, string currency, string token, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("v1/charges", idempotencyKey, new { amount, currency, source = token, reference }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.PaymentRequired)
        {
            var charge = (await response.Content.ReadFromJsonAsync<Charge>(s_json, cancellationToken))!;
            return new ProviderChargeResult(charge.Status == "succeeded", charge.Id, charge.Last4, charge.DeclineCode);
        }

        // A charge with this key is still being worked on (a settle racing the workflow's own attempt): ask again later.
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new ProviderUnavailableException("The payment provider answered 409.", options.Value.RetryAfter);
        }

        throw Unexpected(response);
    }

    /// <summary>
    /// The provider's refund id. A refusal (any 4xx but our API key's and 409, a key still being worked on: a charge it does not know, more than is left of it) is the
    /// provider's final word on this request and throws <see cref="ProviderRejectedException"/> with its words.
    /// </summary>
    public async Task<string> RefundAsync(string idempotencyKey, string chargeId, decimal amount, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("v1/refunds", idempotencyKey, new { charge = chargeId, amount }, cancellationToken);

        // A refund with this key is still being worked on (another request finishing it): ask again later, not a refusal.
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new ProviderUnavailableException("The payment provider answered 409.", options.Value.RetryAfter);
        }

        if ((int)response.StatusCode is >= 400 and < 500)
        {
            var error = await response.Content.ReadFromJsonAsync<ProviderError>(s_json, cancellationToken);
            throw new ProviderRejectedException((int)response.StatusCode, error?.Error ?? error?.Title ?? "no reason given");
        }

        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<Refund>(s_json, cancellationToken))!.Id
            : throw Unexpected(response);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string idempotencyKey, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: s_json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ProviderUnavailableException("The payment provider keeps failing; payments are paused.", ex.RetryAfter ?? options.Value.BreakDuration, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ProviderUnavailableException("The payment provider did not answer.", options.Value.RetryAfter, ex);
        }

        if (ProviderApiKey.IsRefusal(response.StatusCode))
        {
            response.Dispose();
            throw new ProviderUnavailableException(
                "The payment provider refused our API key; it is read again from the secret store for the next request.", options.Value.RetryAfter);
        }

        if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            var retryAfter = response.Headers.RetryAfter?.Delta ?? options.Value.RetryAfter;
            response.Dispose();
            throw new ProviderUnavailableException($"The payment provider answered {(int)response.StatusCode}.", retryAfter);
        }

        return response;
    }

    private static InvalidOperationException Unexpected(HttpResponseMessage response) =>
        new($"The payment provider answered {(int)response.StatusCode} unexpectedly.");

    private sealed record Charge(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("last4")] string? Last4,
        [property: JsonPropertyName("declineCode")] string? DeclineCode);

    private sealed record Refund([property: JsonPropertyName("id")] string Id);

    private sealed record ProviderError([property: JsonPropertyName("error")] string? Error, [property: JsonPropertyName("title")] string? Title);
}

/// <summary>What the provider did with a charge: captured it (with its charge id) or declined it (with a code).</summary>
public sealed record ProviderChargeResult(bool Captured, string ChargeId, string? CardLast4, string? DeclineCode);

/// <summary>The provider cannot take payments now (it failed, timed out, or the breaker is open). Try after <see cref="RetryAfter"/>.</summary>
public sealed class ProviderUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The provider refused a request for good (a 4xx): asking again the same way will not help. Carries its words.</summary>
public sealed class ProviderRejectedException(int statusCode, string reason)
    : Exception($"The payment provider refused the request ({statusCode}): {reason}")
{
    public int StatusCode { get; } = statusCode;

    public string Reason { get; } = reason;
}
