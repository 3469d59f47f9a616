namespace CloudPatterns.Gateway.Tests;

/// <summary>
/// The public API document (/openapi/v1.json) the gateway generates from its route table and the services' own
/// documents, read through its sidecar, and the browsable reference of it at /api-docs.
/// </summary>
public sealed partial class ApiDocumentTests
{
    [Fact]
    public async Task EachRoutesOperationsAppearAtTheirPublicPathsWithTheServicesSchemas()
    {
        await using var host = await StartInFrontOfRealServicesAsync();

        var document = await DocumentAsync(host);

        var paths = document["paths"]!.AsObject();
        Assert.Equal(new[]
        {
            "GET /api/admin/canary", "GET /api/admin/dead-letters", "GET /api/admin/dead-letters/{messageId}", "POST /api/admin/dead-letters/{messageId}/replay",
            "POST /api/admin/orders/{orderId}/retry", "POST /api/admin/orders/{orderId}/terminate", "GET /api/admin/orders/stuck",
            "GET /api/customers/{customerId}/orders", "POST /api/orders", "GET /api/orders/{orderId}", "POST /api/orders/{orderId}/cancel",
            "GET /api/products", "POST /api/products", "GET /api/products/{sku}", "PUT /api/products/{sku}", "POST /api/products/{sku}/images",
            "GET /api/products/{sku}/images/{uploadId}/{width}", "GET /api/products/{sku}/stock", "PUT /api/products/{sku}/stock",
        }.Order(StringComparer.Ordinal), Operations(document).Where(o => o.Operation["x-route-only"] is null).Select(o => o.Name).Order(StringComparer.Ordinal));

        var product = paths["/api/products/{sku}"]!["get"]!;
        Assert.Equal("#/components/schemas/Product", product["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(document["components"]!["schemas"]!["Product"]!["properties"]!["sku"]);
        Assert.Equal(["200", "404", "429", "503"], Codes(product));
        Assert.Null(product["security"]);
        Assert.Equal("products-read", product["x-gateway-route"]!.GetValue<string>());

        var order = paths["/api/orders"]!["post"]!;
        Assert.Equal("#/components/schemas/SubmitOrderRequest", order["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(document["components"]!["schemas"]!["SubmitOrderRequest"]);
        Assert.Equal(["202", "400", "401", "403", "413", "422", "429", "503"], Codes(order));
        Assert.Equal("Rate limit (orders) used up; see Retry-After.", order["responses"]!["429"]!["description"]!.GetValue<string>());
        Assert.Equal("""[{"Bearer":[]}]""", order["security"]!.ToJsonString());

        // The upload route allows 10 MB; product-service's own 413 says so, and the gateway does not overwrite it.
        var upload = paths["/api/products/{sku}/images"]!["post"]!;
        Assert.Equal("product-images", upload["x-gateway-route"]!.GetValue<string>());
        Assert.Contains("10 MB", upload["responses"]!["413"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("products-write", paths["/api/products/{sku}/stock"]!["put"]!["x-gateway-route"]!.GetValue<string>());

        // Every service part was read into the document whole, and every tag an operation is filed under is declared once.
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("could not be read into the public one", StringComparison.Ordinal));
        var declared = document["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(declared.Distinct(StringComparer.Ordinal), declared);
        Assert.All(Operations(document).SelectMany(o => o.Operation["tags"]!.AsArray()), tag => Assert.Contains(tag!.GetValue<string>(), declared));

        // Nothing only other apps may call, and nothing no route forwards.
        Assert.DoesNotContain(paths, p => p.Key.Contains("/catalog/", StringComparison.Ordinal) || p.Key.Contains("/inventory/", StringComparison.Ordinal)
            || p.Key.Contains("openapi", StringComparison.Ordinal) || p.Key.Contains("dapr", StringComparison.Ordinal) || !p.Key.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRoutesOfAServiceThatIsNotRunningAreDescribedFromTheRouteTableWithANote()
    {
        // Only product-service and order-service run: shipping-service (among others) cannot be asked for its document.
        await using var host = await StartInFrontOfRealServicesAsync();

        var document = await DocumentAsync(host);

        var shipment = document["paths"]!["/api/orders/{orderId}/shipment"]!["get"]!;
        Assert.True(shipment["x-route-only"]!.GetValue<bool>());
        Assert.Equal("order-shipment", shipment["x-gateway-route"]!.GetValue<string>());
        Assert.Contains("shipping-service could not be read", shipment["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["200", "401", "403", "429"], Codes(shipment));
        Assert.Contains("413", Codes(document["paths"]!["/api/payments/{paymentId}/refund"]!["post"]!));
        Assert.NotNull(document["paths"]!["/api/analytics/{rest}"]!["get"]);
        Assert.Contains("shipping-service", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("product-service", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARouteOnlyEntryNamesTheAppTheTokenTheParametersAndTheGatewaysOwnAnswers()
    {
        var fabric = new DaprTestFabric();
        // order-service answers with a document that lists nothing the dead-letters route forwards; no other app runs (the
        // sidecar answers 500 for an app it cannot reach).
        await DocumentApp.JoinAsync(fabric, AppIds.OrderService, DocumentApp.Describe("Orders", new Dictionary<string, string?> { ["GET /orders/{orderId}"] = null }));
        await using var host = await GatewayHost.StartInFrontOfAsync(fabric);

        var document = await DocumentAsync(host);

        var deadLetters = document["paths"]!["/api/admin/dead-letters/{rest}"]!;
        Assert.Equal("""[{"name":"rest","in":"path","required":true,"schema":{"type":"string"}}]""", deadLetters["parameters"]!.ToJsonString());
        var replay = deadLetters["post"]!;
        Assert.Equal("dead-letters", replay["operationId"]!.GetValue<string>());
        Assert.Equal("Forwarded to order-service; needs a token (admin)", replay["summary"]!.GetValue<string>());
        Assert.Equal(
            "The API document of order-service lists nothing this route forwards: this entry describes the route only. A path ending in {rest} forwards everything below it.",
            replay["description"]!.GetValue<string>());
        Assert.Equal(["order-service"], replay["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("""[{"Bearer":[]}]""", replay["security"]!.ToJsonString());
        Assert.Equal(
            [
                "200 What order-service answers (also its 4xx problem details).",
                "401 No token, or one that is not valid; WWW-Authenticate says why.",
                "403 The token lacks the role or the resource is another customer's.",
                "413 The body is larger than the gateway accepts on this route (1,048,576 bytes).",
                "429 Rate limit (general) used up; see Retry-After.",
            ],
            Answers(replay));
        Assert.Equal(["200", "401", "403", "429"], Codes(deadLetters["get"]!));

        // The upload route's own body limit; an anonymous route needs no token.
        Assert.Contains("413 The body is larger than the gateway accepts on this route (10,485,760 bytes).", Answers(document["paths"]!["/api/products/{sku}/images"]!["post"]!));
        var products = document["paths"]!["/api/products/{rest}"]!["get"]!;
        Assert.Equal("Forwarded to product-service", products["summary"]!.GetValue<string>());
        Assert.Null(products["security"]);
        Assert.Equal(["200 What product-service answers (also its 4xx problem details).", "429 Rate limit (catalog) used up; see Retry-After."], Answers(products));
        Assert.Equal("The API document of product-service could not be read just now (it answered 500): this entry describes the route only. A path ending in {rest} forwards everything below it.",
            products["description"]!.GetValue<string>());
        Assert.Equal("The API document of payment-service could not be read just now (it answered 500): this entry describes the route only.",
            document["paths"]!["/api/payments/{paymentId}"]!["get"]!["description"]!.GetValue<string>());

        // Each app is one tag, however many of its routes are described from the table.
        Assert.Single(document["tags"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "order-service");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
    }

    [Fact]
    public async Task TheDocumentSaysWhoseDocumentsCouldNotBeReadAndHowToGetAToken()
    {
        // Every app answers its document's path with something that is not an OpenAPI document; one route names no methods.
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:anything:ClusterId"] = DaprRoutes.SidecarCluster,
            ["ReverseProxy:Routes:anything:Match:Path"] = "/api/anything/{id}",
            ["ReverseProxy:Routes:anything:AuthorizationPolicy"] = "user",
            ["ReverseProxy:Routes:anything:Metadata:DaprAppId"] = AppIds.ShippingService,
            ["ReverseProxy:Routes:anything:Metadata:RateLimit"] = "general",
            ["ReverseProxy:Routes:anything:Transforms:0:PathRemovePrefix"] = "/api",
        });

        var document = await DocumentAsync(host);

        Assert.Equal("CloudPatterns public API", document["info"]!["title"]!.GetValue<string>());
        const string NotOpenApi = "it answered with something other than an OpenAPI 3 document";
        Assert.Equal(
            "Everything outside can reach, through the gateway, as each service describes it. Described from the route table only, because their documents could not be read just now: "
            + string.Join("; ", new[] { "analytics-service", "notification-service", "order-service", "payment-service", "product-service", "shipping-service" }.Select(app => $"{app} ({NotOpenApi})"))
            + ".",
            document["info"]!["description"]!.GetValue<string>());
        Assert.Equal(
            """{"type":"http","description":"Microsoft Entra ID in Azure; locally, a token from POST /dev/token.","scheme":"bearer","bearerFormat":"JWT"}""",
            document["components"]!["securitySchemes"]!["Bearer"]!.ToJsonString());
        Assert.Equal(["delete", "get", "parameters", "post", "put"], document["paths"]!["/api/anything/{id}"]!.AsObject().Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["200", "401", "403", "413", "429"], Codes(document["paths"]!["/api/anything/{id}"]!["put"]!));
        Assert.Equal(["200", "401", "403", "429"], Codes(document["paths"]!["/api/anything/{id}"]!["delete"]!));
    }

    [Fact]
    public async Task AFailedReadIsAskedAgainAfterTenSecondsAndADocumentIsKeptForAMinute()
    {
        var fabric = new DaprTestFabric();
        var products = await DocumentApp.JoinAsync(fabric, AppIds.ProductService,
            DocumentApp.Describe("Catalog", new Dictionary<string, string?> { ["GET /products/{sku}"] = null }));
        products.FailWith = HttpStatusCode.ServiceUnavailable;
        await using var host = await GatewayHost.StartInFrontOfAsync(fabric);

        var whileDown = await DocumentAsync(host);
        var stillCached = await DocumentAsync(host);
        products.FailWith = null;
        fabric.Time.Advance(TimeSpan.FromSeconds(9));
        var beforeTenSeconds = await DocumentAsync(host);
        fabric.Time.Advance(TimeSpan.FromSeconds(1));
        var afterTenSeconds = await DocumentAsync(host);
        var readsAfterRecovery = products.Reads;
        fabric.Time.Advance(TimeSpan.FromSeconds(59));
        await DocumentAsync(host);
        var readsWithinTheMinute = products.Reads;
        fabric.Time.Advance(TimeSpan.FromSeconds(1));
        await DocumentAsync(host);

        Assert.True(IsRouteOnly(whileDown, "/api/products/{rest}", "get"), "while down: described from the route table");
        Assert.Contains("answered 503", whileDown["paths"]!["/api/products/{rest}"]!["get"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(IsRouteOnly(stillCached, "/api/products/{rest}", "get") && IsRouteOnly(beforeTenSeconds, "/api/products/{rest}", "get"),
            "the failure is kept for ten seconds");
        Assert.NotNull(afterTenSeconds["paths"]!["/api/products/{sku}"]?["get"]);
        Assert.False(IsRouteOnly(afterTenSeconds, "/api/products/{rest}", "get"));
        Assert.Equal(2, readsAfterRecovery);
        Assert.Equal(2, readsWithinTheMinute);
        Assert.Equal(3, products.Reads);
        Assert.Single(host.Logs.Lines, line => line.Contains(
            "The API document of product-service could not be read (it answered 503); the public document describes its routes only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenEveryServicesDocumentIsReadTheDocumentSaysNothingOfFailures()
    {
        var fabric = new DaprTestFabric();
        foreach (var appId in GatewayHost.AllServices.Where(a => a != AppIds.Web))
        {
            await DocumentApp.JoinAsync(fabric, appId, DocumentApp.Describe(appId, new Dictionary<string, string?>()));
        }

        await using var host = await GatewayHost.StartInFrontOfAsync(fabric);

        var document = await DocumentAsync(host);

        Assert.Equal("Everything outside can reach, through the gateway, as each service describes it.", document["info"]!["description"]!.GetValue<string>());
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("could not be read", StringComparison.Ordinal));
        Assert.Contains("lists nothing this route forwards", document["paths"]!["/api/orders/{rest}"]!["get"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServiceThatDoesNotAnswerWithinFiveSecondsIsDescribedFromTheRouteTable()
    {
        var fabric = new DaprTestFabric();
        var products = await DocumentApp.JoinAsync(fabric, AppIds.ProductService,
            DocumentApp.Describe("Catalog", new Dictionary<string, string?> { ["GET /products/{sku}"] = null }));
        products.Hang = true;
        await using var host = await GatewayHost.StartInFrontOfAsync(fabric);
        using var client = host.Public();

        var reading = client.GetStringAsync("/openapi/v1.json");
        await products.ReadArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        fabric.Time.Advance(TimeSpan.FromSeconds(6));
        var document = JsonNode.Parse(await reading.WaitAsync(TimeSpan.FromSeconds(30)))!;

        Assert.Contains("did not answer within 5 s", document["paths"]!["/api/products/{rest}"]!["get"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not JSON", "it answered with something that is not JSON")]
    [InlineData("""{ "swagger": "2.0", "paths": {} }""", "it answered with something other than an OpenAPI 3 document")]
    [InlineData("""{ "openapi": "2.0", "paths": {} }""", "it answered with something other than an OpenAPI 3 document")]
    [InlineData("""{ "openapi": 3.1, "paths": {} }""", "it answered with something other than an OpenAPI 3 document")]
    [InlineData("""{ "openapi": "3.1.1" }""", "it answered with something other than an OpenAPI 3 document")]
    [InlineData("""{ "openapi": "3.1.1", "paths": [] }""", "it answered with something other than an OpenAPI 3 document")]
    [InlineData("""[]""", "it answered with something other than an OpenAPI 3 document")]
    public async Task AnAnswerThatIsNotAnOpenApi3DocumentIsNamedAndTheRoutesAreDescribedFromTheTable(string answer, string problem)
    {
        var fabric = new DaprTestFabric();
        var products = await DocumentApp.JoinAsync(fabric, AppIds.ProductService,
            DocumentApp.Describe("Catalog", new Dictionary<string, string?> { ["GET /products/{sku}"] = null }));
        products.AnswerWith = answer;
        await using var host = await GatewayHost.StartInFrontOfAsync(fabric);

        var document = await DocumentAsync(host);

        Assert.True(IsRouteOnly(document, "/api/products/{rest}", "get"));
        Assert.Null(document["paths"]!["/api/products/{sku}"]?["get"]);
        Assert.Contains($"product-service ({problem})", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOperationIsTheServicesWhoseRouteTakesItAndOnlyIfARouteTakesIt()
    {
        var fabric = new DaprTestFabric();
        // order-service claims a path the more specific order-shipment route sends to shipping-service; shipping-service
        // also documents a path no route forwards.
        await DocumentApp.JoinAsync(fabric, AppIds.OrderService, DocumentApp.Describe("Orders", new Dictionary<string, string?>
        {
            ["GET /orders/{orderId}"] = null,
            ["GET /orders/{orderId}/shipment"] = null,
        }));
        await DocumentApp.JoinAsync(fabric, AppIds.ShippingService, DocumentApp.Describe("Shipments", new Dictionary<string, string?>
        {
            ["GET /orders/{orderId}/shipment"] = null,
            ["GET /shipments/{shipmentId}"] = null,
            ["GET /shipping/quote"] = null,
        }));
        await using var host = await GatewayHost.StartInFrontOfAsync(fabric);

        var document = await DocumentAsync(host);

        var paths = document["paths"]!.AsObject();
        Assert.Equal(["Shipments"], paths["/api/orders/{orderId}/shipment"]!["get"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["Orders"], paths["/api/orders/{orderId}"]!["get"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.NotNull(paths["/api/shipping/quote"]?["get"]);
        Assert.Null(paths["/api/shipments/{shipmentId}"]);
        Assert.Null(paths["/api/orders/{orderId}"]!["post"]);
    }

    [Fact]
    public async Task SchemaNamesTwoServicesGiveDifferentSchemasArePrefixedWithTheirAppIds()
    {
        var fabric = new DaprTestFabric();
        var money = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["amount"] = new JsonObject { ["type"] = "number" } } };
        await DocumentApp.JoinAsync(fabric, AppIds.ProductService, DocumentApp.Describe("Catalog",
            new Dictionary<string, string?> { ["GET /products/{sku}"] = "Item", ["GET /products/{sku}/stock"] = "Money" },
            new JsonObject
            {
                ["Item"] = Object(("sku", new JsonObject { ["type"] = "string" }), ("price", Ref("Money"))),
                ["Money"] = money.DeepClone(),
            }));
        await DocumentApp.JoinAsync(fabric, AppIds.OrderService, DocumentApp.Describe("Orders",
            new Dictionary<string, string?> { ["GET /orders/{orderId}"] = "Order" },
            new JsonObject
            {
                // "Order" is the same text in both services, but the "Item" it refers to is not.
                ["Order"] = Object(("lines", new JsonObject { ["type"] = "array", ["items"] = Ref("Item") }), ("total", Ref("Money"))),
                ["Item"] = Object(("sku", new JsonObject { ["type"] = "string" }), ("quantity", new JsonObject { ["type"] = "integer" })),
                ["Money"] = money.DeepClone(),
                ["Unused"] = new JsonObject { ["type"] = "string" },
            }));
        await using var host = await GatewayHost.StartInFrontOfAsync(fabric);

        var document = await DocumentAsync(host);

        var schemas = document["components"]!["schemas"]!.AsObject();
        // CanarySplit is the gateway's own (GET /api/admin/canary).
        Assert.Equal(["CanarySplit", "Money", "Order", "order-service.Item", "product-service.Item"], schemas.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal("#/components/schemas/product-service.Item", Response(document, "/api/products/{sku}"));
        Assert.Equal("#/components/schemas/Money", Response(document, "/api/products/{sku}/stock"));
        Assert.Equal("#/components/schemas/Order", Response(document, "/api/orders/{orderId}"));
        Assert.Equal("#/components/schemas/order-service.Item", schemas["Order"]!["properties"]!["lines"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Money", schemas["product-service.Item"]!["properties"]!["price"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(schemas["order-service.Item"]!["properties"]!["quantity"]);
    }

    [Fact]
    public async Task TheApiReferencePageRunsOnlyItsOwnScriptsWhileEveryOtherAnswerKeepsTheStrictPolicy()
    {
        await using var host = await StartInFrontOfRealServicesAsync();
        using var client = host.Public();

        using var page = await client.GetAsync("/api-docs/");
        var html = await page.Content.ReadAsStringAsync();
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        using var product = await client.GetAsync("/api/products/LAMP-DESK-LED");
        using var document = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var nonce = NonceInPolicy().Match(policy);
        Assert.True(nonce.Success, policy);
        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.Contains($"nonce=\"{nonce.Groups["nonce"].Value}\"", script, StringComparison.Ordinal));
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>CloudPatterns public API</title>", html, StringComparison.Ordinal);

        foreach (var source in ScriptSource().Matches(html).Select(m => m.Groups["src"].Value))
        {
            using var script = await client.GetAsync(new Uri(page.RequestMessage!.RequestUri!, source));
            Assert.True(script.IsSuccessStatusCode, $"{source}: {(int)script.StatusCode}");
        }

        Assert.Equal(SecurityHeaders.StrictPolicy, product.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(SecurityHeaders.StrictPolicy, document.Headers.GetValues("Content-Security-Policy").Single());
        using var secondPage = await client.GetAsync("/api-docs/");
        Assert.NotEqual(policy, secondPage.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task AnApiDocumentSettingOutOfRangeStopsTheGatewayAtStartUp()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:ApiDocuments:Timeout"] = "00:05:00" }));

        Assert.Contains("Timeout", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiDocumentOptions", failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task<GatewayHost> StartInFrontOfRealServicesAsync()
    {
        var fabric = new DaprTestFabric();
        var products = await new DaprAppFactory<ProductServiceApp>(fabric, AppIds.ProductService).StartAsync();
        await products.Services.GetRequiredService<CatalogSeeder>().Seeded.WaitAsync(TimeSpan.FromSeconds(30));
        var orders = await new DaprAppFactory<OrderServiceApp>(fabric, AppIds.OrderService).StartAsync();
        return await GatewayHost.StartInFrontOfAsync(fabric, products, orders);
    }

    private static async Task<JsonNode> DocumentAsync(GatewayHost host)
    {
        using var client = host.Public();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => o.Key is "get" or "put" or "post" or "delete")
            .Select(o => ($"{o.Key.ToUpperInvariant()} {path.Key}", o.Value!)));

    /// <summary>An operation's answers as "code description", in order.</summary>
    internal static string[] Answers(JsonNode operation) =>
        [.. operation["responses"]!.AsObject().Select(r => $"{r.Key} {r.Value!["description"]!.GetValue<string>()}").Order(StringComparer.Ordinal)];

    private static string[] Codes(JsonNode operation) => [.. operation["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal)];

    private static bool IsRouteOnly(JsonNode document, string path, string method) =>
        document["paths"]![path]?[method]?["x-route-only"]?.GetValue<bool>() == true;

    private static string? Response(JsonNode document, string path) =>
        document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static JsonObject Object(params (string Name, JsonNode Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        return new JsonObject { ["type"] = "object", ["properties"] = props };
    }

    [GeneratedRegex("script-src 'self' 'nonce-(?<nonce>[A-Za-z0-9+/=_-]+)'")]
    private static partial Regex NonceInPolicy();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<script[^>]*src=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}
