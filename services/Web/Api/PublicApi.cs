namespace CloudPatterns.Web.Api;

/// <summary>
/// The public API (the gateway's /api) as the site uses it: a typed HttpClient whose base address is
/// <c>Web:ApiBaseUrl</c>, carrying the signed-in user's token (<see cref="AccessTokenHandler"/>). The site reaches no
/// service and no Dapr API any other way, so it runs against any environment the gateway runs in. Every call answers
/// an <see cref="ApiResult{T}"/>: a refusal is data to show, not an exception.
/// </summary>
public sealed class PublicApi(HttpClient http)
{
    public Task<ApiResult<ProductPage>> ProductsAsync(
        int page, int pageSize, string? category, string? search, CancellationToken cancellationToken, bool includeInactive = false) =>
        GetAsync<ProductPage>(
            $"products?page={page}&pageSize={pageSize}{Query("category", category)}{Query("search", search)}{(includeInactive ? "&includeInactive=true" : "")}",
            cancellationToken);

    public Task<ApiResult<Product>> ProductAsync(string sku, CancellationToken cancellationToken) =>
        GetAsync<Product>($"products/{Escape(sku)}", cancellationToken);

    public Task<ApiResult<StockLevel>> StockAsync(string sku, CancellationToken cancellationToken) =>
        GetAsync<StockLevel>($"products/{Escape(sku)}/stock", cancellationToken);

    /// <summary>PUT /api/products/{sku} (admins): replaces the product's details if it is still as read with <paramref name="etag"/> (else 412).</summary>
    public Task<ApiResult<Product>> UpdateProductAsync(string sku, ProductChange change, string etag, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"products/{Escape(sku)}") { Content = JsonContent.Create(change, options: JsonDefaults.Options) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return SendAsync<Product>(request, cancellationToken);
    }

    /// <summary>PUT /api/products/{sku}/stock (admins): sets the units on hand (no ETag: the last write wins; 409 below the reserved units).</summary>
    public Task<ApiResult<StockLevel>> SetStockAsync(string sku, int onHand, CancellationToken cancellationToken) =>
        SendAsync<StockLevel>(new HttpRequestMessage(HttpMethod.Put, $"products/{Escape(sku)}/stock")
        {
            Content = JsonContent.Create(new { onHand }, options: JsonDefaults.Options),
        }, cancellationToken);

    /// <summary>POST /api/products/{sku}/images (admins): the image's bytes as the body; 202 with the upload, whose variants come later.</summary>
    public Task<ApiResult<ProductImage>> UploadImageAsync(string sku, Stream image, string? contentType, CancellationToken cancellationToken)
    {
        var content = new StreamContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue(string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType);
        return SendAsync<ProductImage>(new HttpRequestMessage(HttpMethod.Post, $"products/{Escape(sku)}/images") { Content = content }, cancellationToken);
    }

    public Task<ApiResult<OrderAccepted>> PlaceOrderAsync(SubmitOrder order, string idempotencyKey, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = JsonContent.Create(order, options: JsonDefaults.Options) };
        request.Headers.Add(IdempotencyKeys.Header, idempotencyKey);
        return SendAsync<OrderAccepted>(request, cancellationToken);
    }

    public Task<ApiResult<OrderView>> OrderAsync(string orderId, CancellationToken cancellationToken) =>
        GetAsync<OrderView>($"orders/{Escape(orderId)}", cancellationToken);

    public Task<ApiResult<OrderAccepted>> CancelOrderAsync(string orderId, CancellationToken cancellationToken) =>
        PostAsync<OrderAccepted>($"orders/{Escape(orderId)}/cancel", new { reason = "cancelled on the order page" }, cancellationToken);

    public Task<ApiResult<ShipmentView>> ShipmentAsync(string orderId, CancellationToken cancellationToken) =>
        GetAsync<ShipmentView>($"orders/{Escape(orderId)}/shipment", cancellationToken);

    public Task<ApiResult<CustomerOrderPage>> CustomerOrdersAsync(string customerId, int page, CancellationToken cancellationToken) =>
        GetAsync<CustomerOrderPage>($"customers/{Escape(customerId)}/orders?page={page}&pageSize=20", cancellationToken);

    public Task<ApiResult<NotificationPreferences>> PreferencesAsync(string customerId, CancellationToken cancellationToken) =>
        GetAsync<NotificationPreferences>($"customers/{Escape(customerId)}/notification-preferences", cancellationToken);

    public Task<ApiResult<NotificationPreferences>> SavePreferencesAsync(string customerId, NotificationPreferences preferences, CancellationToken cancellationToken) =>
        SendAsync<NotificationPreferences>(new HttpRequestMessage(HttpMethod.Put, $"customers/{Escape(customerId)}/notification-preferences")
        {
            Content = JsonContent.Create(new { preferences.Email, preferences.Phone, preferences.SmsOptIn }, options: JsonDefaults.Options),
        }, cancellationToken);

    /// <summary>A page of the dead letters, newest first (page 1: the last kept).</summary>
    public Task<ApiResult<IReadOnlyList<DeadLetter>>> DeadLettersAsync(int page, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<DeadLetter>>($"admin/dead-letters?page={page}", cancellationToken);

    public Task<ApiResult<DeadLetter>> ReplayDeadLetterAsync(string messageId, CancellationToken cancellationToken) =>
        PostAsync<DeadLetter>($"admin/dead-letters/{Escape(messageId)}/replay", null, cancellationToken);

    public Task<ApiResult<IReadOnlyList<StuckOrder>>> StuckOrdersAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<StuckOrder>>("admin/orders/stuck", cancellationToken);

    public Task<ApiResult<ProviderStatus>> ProviderStatusAsync(CancellationToken cancellationToken) =>
        GetAsync<ProviderStatus>("provider/status", cancellationToken);

    public Task<ApiResult<IReadOnlyList<CanarySplit>>> CanaryAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<CanarySplit>>("admin/canary", cancellationToken);

    public Task<ApiResult<AnalyticsSummary>> AnalyticsAsync(CancellationToken cancellationToken) =>
        GetAsync<AnalyticsSummary>("analytics/summary", cancellationToken);

    /// <summary>POST /dev/token beside the API (the gateway's root, not /api): only under `dapr run`, only from the gateway's machine.</summary>
    public Task<ApiResult<DevelopmentToken>> DevelopmentTokenAsync(string userId, string role, CancellationToken cancellationToken) =>
        PostAsync<DevelopmentToken>("../dev/token", new { userId, roles = new[] { role }, lifetimeMinutes = 8 * 60 }, cancellationToken);

    private Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    private Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: JsonDefaults.Options) }, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                return ApiProblem.Unreachable(ex.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ApiProblem.Unreachable("The API did not answer in time.");
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    return await ProblemReader.ReadAsync(response, cancellationToken);
                }

                var value = await response.Content.ReadFromJsonAsync<T>(JsonDefaults.Options, cancellationToken);
                return value is null
                    ? new ApiProblem(HttpStatusCode.BadGateway, "The API answered without a body.", null, new Dictionary<string, string[]>())
                    : new ApiResult<T>(value, null, response.Headers.ETag?.Tag);
            }
        }
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string Query(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"&{name}={Uri.EscapeDataString(value.Trim())}");
}

/// <summary>POST /dev/token's answer.</summary>
public sealed record DevelopmentToken(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>Reads a refusal: RFC 9457 problem details when the API sent them, the status code otherwise.</summary>
internal static class ProblemReader
{
    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var fallback = Title(response.StatusCode);
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = document.RootElement;
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Array))
                {
                    errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? string.Empty)];
                }
            }

            return new ApiProblem(response.StatusCode, Text(root, "title") ?? fallback, Text(root, "detail"), errors);
        }
        catch (JsonException)
        {
            return new ApiProblem(response.StatusCode, fallback, null, new Dictionary<string, string[]>());
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Title(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Please sign in again: the API did not accept your sign-in.",
        HttpStatusCode.Forbidden => "Your account may not do this.",
        HttpStatusCode.NotFound => "Not found.",
        HttpStatusCode.RequestEntityTooLarge => "The upload is too large.",
        HttpStatusCode.TooManyRequests => "Too many requests: please wait a moment.",
        _ => $"The API answered {(int)status}.",
    };
}
