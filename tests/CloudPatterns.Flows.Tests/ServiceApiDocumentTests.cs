namespace CloudPatterns.Flows.Tests;

/// <summary>
/// Each service's own OpenAPI document (/openapi/v1.json), as the gateway reads it through its sidecar: the endpoints
/// users reach, with their bodies, answers and problems, and none of the internal ones.
/// </summary>
public sealed class ServiceApiDocumentTests(SharedSystem shared) : IClassFixture<SharedSystem>
{
    /// <summary>Every operation each service documents. Internal endpoints (other apps' calls, subscriptions, Dapr's, health) are not here.</summary>
    private static readonly Dictionary<string, string[]> s_public = new()
    {
        [AppIds.ProductService] =
        [
            "GET /products", "POST /products", "GET /products/{sku}", "PUT /products/{sku}", "POST /products/{sku}/images",
            "GET /products/{sku}/images/{uploadId}/{width}", "GET /products/{sku}/stock", "PUT /products/{sku}/stock",
        ],
        [AppIds.OrderService] =
        [
            "GET /admin/dead-letters", "GET /admin/dead-letters/{messageId}", "POST /admin/dead-letters/{messageId}/replay",
            "POST /admin/orders/{orderId}/retry", "POST /admin/orders/{orderId}/terminate", "GET /admin/orders/stuck",
            "GET /customers/{customerId}/orders", "POST /orders", "GET /orders/{orderId}", "POST /orders/{orderId}/cancel",
        ],
        [AppIds.PaymentService] = ["GET /payments/{paymentId}", "POST /payments/{paymentId}/refund", "GET /provider/status"],
        [AppIds.ShippingService] = ["GET /orders/{orderId}/shipment", "GET /shipments/{shipmentId}", "GET /shipping/quote"],
        [AppIds.NotificationService] = ["GET /customers/{customerId}/notification-preferences", "PUT /customers/{customerId}/notification-preferences"],
        [AppIds.AnalyticsService] = ["GET /analytics/summary"],
    };

    [Fact]
    public async Task EachServiceDocumentsTheEndpointsUsersReachAndNoInternalOne()
    {
        var system = shared.System;

        foreach (var (appId, expected) in s_public)
        {
            var document = await DocumentAsync(system, appId);

            Assert.Equal($"{appId} API", document["info"]!["title"]!.GetValue<string>());
            Assert.Equal(expected.Order(StringComparer.Ordinal), Operations(document).Select(o => o.Name).Order(StringComparer.Ordinal));
        }

        // Endpoints that exist but are only for other apps (each answers its caller; none is in any document).
        var everyPath = string.Join(" ", (await Task.WhenAll(s_public.Keys.Select(appId => DocumentAsync(system, appId))))
            .SelectMany(d => Operations(d).Select(o => o.Name)));
        Assert.All(["/catalog/prices", "/inventory/", "POST /payments ", "/payment/refund", "/events/", "/dapr", "/health", "/alive", "/actors", "/openapi"],
            internalPath => Assert.DoesNotContain(internalPath, everyPath + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublicEndpointsDescribeTheirBodiesTheirAnswersAndTheProblemsTheyGive()
    {
        var system = shared.System;
        var products = await DocumentAsync(system, AppIds.ProductService);
        var orders = await DocumentAsync(system, AppIds.OrderService);
        var payments = await DocumentAsync(system, AppIds.PaymentService);

        var update = products["paths"]!["/products/{sku}"]!["put"]!;
        Assert.Equal("#/components/schemas/UpdateProductRequest", update["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Product", update["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["200", "400", "401", "403", "404", "412", "428", "503"], Codes(update));
        Assert.True(Parameter(update, "If-Match")["required"]!.GetValue<bool>());
        Assert.NotNull(update["security"]);
        Assert.Contains("sku", products["components"]!["schemas"]!["Product"]!["properties"]!.AsObject().Select(p => p.Key));

        var read = products["paths"]!["/products/{sku}"]!["get"]!;
        Assert.Equal(["200", "404", "503"], Codes(read));
        Assert.Null(read["security"]);

        // Rules declared on query parameters (the page and its size) are a 400 too.
        var list = products["paths"]!["/products"]!["get"]!;
        Assert.Equal(["200", "400", "503"], Codes(list));

        var upload = products["paths"]!["/products/{sku}/images"]!["post"]!;
        Assert.Equal(["image/jpeg", "image/png", "image/webp"], upload["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
        Assert.Equal("binary", upload["requestBody"]!["content"]!["image/png"]!["schema"]!["format"]!.GetValue<string>());
        Assert.Equal("The image is larger than the upload limit (10 MB).", upload["responses"]!["413"]!["description"]!.GetValue<string>());

        var submit = orders["paths"]!["/orders"]!["post"]!;
        Assert.Equal("#/components/schemas/SubmitOrderRequest", submit["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/OrderAccepted", submit["responses"]!["202"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["202", "400", "401", "403", "422", "503"], Codes(submit));
        Assert.Null(Parameter(submit, "Idempotency-Key")["required"]); // optional here: without it an order is a new one

        var providerStatus = payments["paths"]!["/provider/status"]!["get"]!;
        Assert.Equal("#/components/schemas/ProviderStatus", providerStatus["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());

        var refund = payments["paths"]!["/payments/{paymentId}/refund"]!["post"]!;
        Assert.Equal(["200", "400", "401", "403", "404", "409", "502", "503"], Codes(refund));
        Assert.True(Parameter(refund, "Idempotency-Key")["required"]!.GetValue<bool>());
        Assert.Contains("admin", refund["responses"]!["403"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Every error answer any service documents is a problem (RFC 9457) with a schema, and every protected operation says so.</summary>
    [Fact]
    public async Task EveryDocumentedErrorIsAProblemAndEveryProtectedOperationNeedsABearerToken()
    {
        var system = shared.System;

        var wrong = new List<string>();
        foreach (var appId in s_public.Keys)
        {
            var document = await DocumentAsync(system, appId);
            var schemas = document["components"]!["schemas"]!.AsObject();
            foreach (var (name, operation) in Operations(document))
            {
                foreach (var (code, response) in operation["responses"]!.AsObject().Where(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture) >= 400))
                {
                    var reference = response!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                    if (reference is not ("#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails")
                        || !schemas.ContainsKey(reference.Split('/')[^1]) || string.IsNullOrWhiteSpace(response["description"]?.GetValue<string>()))
                    {
                        wrong.Add($"{appId} {name} {code}: {response.ToJsonString()}");
                    }
                }

                var protectedOperation = operation["security"] is not null;
                var answers401 = operation["responses"]!["401"] is not null;
                if (protectedOperation != answers401)
                {
                    wrong.Add($"{appId} {name}: security {protectedOperation}, 401 documented {answers401}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    /// <summary>
    /// A query value of the wrong kind (a word for a number, a name no enum has) is a 400 naming the parameter and the value,
    /// on every GET any service documents. Where the Request Delegate Generator writes the binding, a malformed value is
    /// not reported as such (services/BuildingBlocks/Hosting/Http/RuntimeBinding.cs): the dead-letter list answered
    /// ?page=abc with "must be 1 or more".
    /// </summary>
    [Fact]
    public async Task EveryDocumentedQueryValueOfTheWrongKindIsABadRequestNamingIt()
    {
        var system = shared.System;
        var tried = new List<string>();
        var wrong = new List<string>();
        foreach (var appId in s_public.Keys)
        {
            var document = await DocumentAsync(system, appId);
            foreach (var (name, operation) in Operations(document).Where(o => o.Name.StartsWith("GET ", StringComparison.Ordinal)))
            {
                var typed = (operation["parameters"]?.AsArray() ?? [])
                    .Where(p => p!["in"]!.GetValue<string>() == "query" && TakesOnlySomeValues(document, p["schema"]))
                    .Select(p => p!["name"]!.GetValue<string>());
                foreach (var query in typed)
                {
                    var path = Regex.Replace(name["GET /".Length..], "{[^}]+}", "x");
                    using var client = system.As(appId, system.Fabric.Tokens.Admin(), AppIds.Gateway);
                    using var response = await client.GetAsync($"{path}?{query}=abc");
                    var body = await response.Content.ReadAsStringAsync();
                    tried.Add($"{appId} {name} ?{query}");
                    // The message says what was sent ("must be a whole number (got 'abc')"), not a rule the value was read as passing or failing.
                    if (response.StatusCode != HttpStatusCode.BadRequest || body.Length == 0
                        || JsonNode.Parse(body)?["errors"]?[query]?[0]?.GetValue<string>().Contains("'abc'", StringComparison.Ordinal) != true)
                    {
                        wrong.Add($"{appId} {name} ?{query}=abc: {(int)response.StatusCode} {body}");
                    }
                }
            }
        }

        Assert.Contains($"{AppIds.OrderService} GET /admin/dead-letters ?page", tried);
        Assert.Empty(wrong);
    }

    /// <summary>A number, a yes or no, or one of a list of names: a schema some words are not.</summary>
    private static bool TakesOnlySomeValues(JsonNode document, JsonNode? schema)
    {
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]];
        }

        var types = schema?["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        return schema?["enum"] is not null || types.Any(t => t is "integer" or "number" or "boolean");
    }

    [Fact]
    public async Task OnlyTheGatewayMayReadAServiceDocument()
    {
        var system = shared.System;

        using var fromGateway = await system.As(AppIds.OrderService, null, AppIds.Gateway).GetAsync("openapi/v1.json");
        using var fromAnotherApp = await system.As(AppIds.OrderService, null, AppIds.ShippingService).GetAsync("openapi/v1.json");
        using var fromAnAdmin = await system.As(AppIds.OrderService, system.Fabric.Tokens.Admin()).GetAsync("openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, fromGateway.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromAnotherApp.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromAnAdmin.StatusCode);
    }

    private static async Task<JsonNode> DocumentAsync(SystemHost system, string appId)
    {
        using var response = await system.As(appId, bearerToken: null, callerAppId: AppIds.Gateway).GetAsync("openapi/v1.json");
        Assert.True(response.IsSuccessStatusCode, $"{appId}: {(int)response.StatusCode}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => o.Key is "get" or "put" or "post" or "delete" or "patch" or "head")
            .Select(o => ($"{o.Key.ToUpperInvariant()} {path.Key}", o.Value!)));

    private static JsonNode Parameter(JsonNode operation, string name) =>
        operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!;

    private static string[] Codes(JsonNode operation) => [.. operation["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal)];
}
