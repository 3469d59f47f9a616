namespace CloudPatterns.Gateway.Tests;

/// <summary>
/// How the public document is put together from the route table and the services' documents, without a host: which
/// route takes each service operation (as routing would pick it), the public path it gets, what the gateway adds on
/// that route, and which schemas and tags come along.
/// </summary>
public sealed class ServiceDocumentMergerTests
{
    [Fact]
    public void AnOperationAppearsAtThePublicPathOfTheRouteThatTakesIt()
    {
        var merged = MergeOrderService("""{ "/orders/{orderId}": { "get": {} }, "/health": { "get": {} } }""");

        Assert.Equal(["/api/orders/{orderId}"], PathsOf(merged));
        Assert.Equal(["orders"], merged.CoveredRouteIds);
        Assert.Equal("orders", merged.Paths["/api/orders/{orderId}"]!["get"]![ServiceDocumentMerger.RouteExtension]!.GetValue<string>());
    }

    [Fact]
    public void TheMostSpecificRouteTakesAnOperationLiteralBeforeParameterBeforeCatchAll()
    {
        var merged = Merge(
            [
                Route("orders", "/api/orders/{**rest}", "order-service"),
                Route("order-shipment", "/api/orders/{orderId}/shipment", "shipping-service"),
                Route("stuck-orders", "/api/orders/stuck", "admin-service"),
            ],
            Document("order-service", """{ "/orders/{orderId}": { "get": {} }, "/orders/{orderId}/shipment": { "get": {} }, "/orders/stuck": { "get": {} } }"""),
            Document("shipping-service", """{ "/orders/{orderId}/shipment": { "get": {} } }"""),
            Document("admin-service", """{ "/orders/stuck": { "get": {} }, "/orders/{orderId}": { "get": {} } }"""));

        Assert.Equal(
            ["/api/orders/stuck stuck-orders", "/api/orders/{orderId} orders", "/api/orders/{orderId}/shipment order-shipment"],
            Operations(merged).Select(o => $"{o.Path} {o.Route}"));
    }

    [Fact]
    public void ARoutesOrderComesBeforeItsSpecificity()
    {
        var merged = Merge(
            [
                Route("everything-first", "/api/{**rest}", "catch-all-service", order: -1),
                Route("orders", "/api/orders/{orderId}", "order-service"),
            ],
            Document("catch-all-service", """{ "/orders/{orderId}": { "get": {} } }"""),
            Document("order-service", """{ "/orders/{orderId}": { "get": {} } }"""));

        Assert.Equal(["/api/orders/{orderId} everything-first"], Operations(merged).Select(o => $"{o.Path} {o.Route}"));
        Assert.Equal(["everything-first"], merged.CoveredRouteIds);
    }

    [Fact]
    public void ARouteWinsOverTheSameRouteWithACatchAllAfterIt()
    {
        // As ASP.NET Core ranks them: /orders/{orderId} is more specific than /orders/{orderId}/{**rest}, which also
        // takes /orders/42 (a catch-all takes nothing too).
        var merged = Merge(
            [
                Route("below-an-order", "/api/orders/{orderId}/{**rest}", "long-service"),
                Route("one-order", "/api/orders/{orderId}", "short-service"),
            ],
            Document("short-service", """{ "/orders/{orderId}": { "get": {} } }"""),
            Document("long-service", """{ "/orders/{orderId}": { "get": {} }, "/orders/{orderId}/lines": { "get": {} } }"""));

        Assert.Equal(["/api/orders/{orderId} one-order", "/api/orders/{orderId}/lines below-an-order"], Operations(merged).Select(o => $"{o.Path} {o.Route}"));
    }

    [Fact]
    public void ARouteTakesOnlyItsMethodsInAnyCaseAndEveryMethodWhenItNamesNone()
    {
        var merged = Merge(
            [
                Route("read", "/api/orders/{**rest}", "order-service", methods: ["get"]),
                Route("any", "/api/carts/{**rest}", "cart-service"),
            ],
            Document("order-service", """{ "/orders/{orderId}": { "get": {}, "post": {}, "delete": {} } }"""),
            Document("cart-service", """
                { "/carts/{cartId}": { "get": {}, "put": {}, "post": {}, "delete": {}, "options": {}, "head": {}, "patch": {}, "trace": {}, "summary": "Carts" } }
                """));

        Assert.Equal(
            [
                "delete /api/carts/{cartId}", "get /api/carts/{cartId}", "get /api/orders/{orderId}", "head /api/carts/{cartId}",
                "options /api/carts/{cartId}", "patch /api/carts/{cartId}", "post /api/carts/{cartId}", "put /api/carts/{cartId}",
                "trace /api/carts/{cartId}",
            ],
            Operations(merged).Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ARouteTakesAPathOfItsOwnLengthUnlessItEndsInACatchAllAndItsLiteralsInAnyCase()
    {
        var merged = Merge(
            [
                Route("payment", "/api/payments/{paymentId}", "payment-service"),
                Route("status", "/api/Provider/Status", "payment-service"),
            ],
            Document("payment-service", """
                { "/payments": { "get": {} }, "/payments/{paymentId}": { "get": {} }, "/payments/{paymentId}/refund": { "post": {} },
                  "/provider/status": { "get": {} }, "/provider/{name}": { "get": {} } }
                """));

        Assert.Equal(["/api/payments/{paymentId} payment", "/api/provider/status status"], Operations(merged).Select(o => $"{o.Path} {o.Route}"));
    }

    [Fact]
    public void ARouteTheDocumentCannotMapBackContributesNothing()
    {
        var merged = Merge(
            [
                Route("no-app", "/api/a/{**rest}", appId: null),
                Route("empty-app", "/api/b/{**rest}", appId: ""),
                Route("rewritten", "/api/c/{**rest}", "svc", transforms: [new Dictionary<string, string> { ["PathPattern"] = "/c/{**rest}" }]),
                Route("prefix-and-set", "/api/d/{**rest}", "svc", transforms:
                    [new Dictionary<string, string> { ["PathRemovePrefix"] = "/api" }, new Dictionary<string, string> { ["PathSet"] = "/d" }]),
                Route("header-only", "/e/{**rest}", "svc", transforms: [new Dictionary<string, string> { ["RequestHeader"] = "x-a", ["Set"] = "b" }]),
                Route("trailing-slash", "/api/f/{**rest}", "svc", transforms: [new Dictionary<string, string> { ["PathRemovePrefix"] = "/api/" }]),
            ],
            Document("svc", """{ "/a/x": { "get": {} }, "/b/x": { "get": {} }, "/c/x": { "get": {} }, "/d/x": { "get": {} }, "/e/x": { "get": {} }, "/f/x": { "get": {} } }"""));

        // A route with no path transform forwards the path as it is; one that removes "/api/" puts "/api" back.
        Assert.Equal(["/api/f/x trailing-slash", "/e/x header-only"], Operations(merged).Select(o => $"{o.Path} {o.Route}"));
        Assert.Equal(["header-only", "trailing-slash"], merged.CoveredRouteIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheGatewayAddsTheTokenItsAnswersAndItsLimitsToEachOperation()
    {
        var merged = Merge(
            [
                Route("admin-orders", "/api/admin/{**rest}", "order-service", policy: "admin"),
                Route("products", "/api/products/{**rest}", "product-service", policy: "anonymous"),
            ],
            Document("order-service", """
                {
                  "/admin/orders/{orderId}/retry": { "post": { "requestBody": { "content": {} }, "responses": { "202": { "description": "Retried." } } } },
                  "/admin/orders/stuck": { "get": {} }
                }
                """),
            Document("product-service", """{ "/products/{sku}": { "get": {}, "put": { "requestBody": {} } } }"""));

        var retry = merged.Paths["/api/admin/orders/{orderId}/retry"]!["post"]!;
        Assert.Equal("""[{"Bearer":[]}]""", retry["security"]!.ToJsonString());
        Assert.Equal(
            [
                "202 Retried.",
                "401 No token, or one that is not valid; WWW-Authenticate says why.",
                "403 The token lacks what the route needs (admin).",
                "413 The body is larger than the gateway accepts on this route (limit of admin-orders bytes).",
                "429 Rate limit (family of admin-orders) used up; see Retry-After.",
            ],
            ApiDocumentTests.Answers(retry));
        Assert.Equal(["401", "403", "429"], ApiDocumentTests.Answers(merged.Paths["/api/admin/orders/stuck"]!["get"]!).Select(r => r[..3]));

        var product = merged.Paths["/api/products/{sku}"]!;
        Assert.Null(product["get"]!["security"]);
        Assert.Equal(["429 Rate limit (family of products) used up; see Retry-After."], ApiDocumentTests.Answers(product["get"]!));
        Assert.Equal(["413", "429"], ApiDocumentTests.Answers(product["put"]!).Select(r => r[..3]));
    }

    [Fact]
    public void AnOperationsOwnSecurityAndAnswersAreKept()
    {
        var merged = MergeOrderService("""
            {
              "/orders": {
                "post": {
                  "security": [{ "ApiKey": [] }],
                  "requestBody": {},
                  "responses": { "401": { "description": "Sign in first." }, "413": { "description": "At most 100 lines." }, "429": { "description": "Slow down." } }
                }
              }
            }
            """);

        var submit = merged.Paths["/api/orders"]!["post"]!;
        Assert.Equal("""[{"ApiKey":[]}]""", submit["security"]!.ToJsonString());
        Assert.Equal(
            ["401 Sign in first.", "403 The token lacks what the route needs (user).", "413 At most 100 lines.", "429 Slow down."],
            ApiDocumentTests.Answers(submit));
    }

    [Fact]
    public void OnlyTheSchemasTheOperationsReachComeAlong()
    {
        var merged = MergeOrderService("""
            {
              "/orders/{orderId}": {
                "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Order" } } } },
                                        "404": { "$ref": "#/components/responses/NotFound" } } }
              },
              "/internal/orders": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Internal" } } } } } } }
            }
            """,
            """
            {
              "Order": { "type": "object", "properties": { "lines": { "type": "array", "items": { "$ref": "#/components/schemas/Line" } } } },
              "Line": { "type": "object", "properties": { "price": { "$ref": "#/components/schemas/Money" }, "self": { "$ref": "#/components/schemas/Line" } } },
              "Money": { "type": "number" },
              "Internal": { "type": "object", "properties": { "secret": { "$ref": "#/components/schemas/Secret" } } },
              "Secret": { "type": "string" },
              "Unused": { "type": "string" }
            }
            """);

        Assert.Equal(["Line", "Money", "Order"], merged.Schemas.Select(s => s.Key));
        Assert.Equal("#/components/responses/NotFound", merged.Paths["/api/orders/{orderId}"]!["get"]!["responses"]!["404"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void ASchemaThatRefersToANameTwoServicesDefineDifferentlyIsPrefixedToo()
    {
        // "Line" is the same text in both services, but the "Item" it refers to is not, so neither "Line" is the other.
        const string Paths = """{ "/{service}/lines": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Line" } } } } } } } }""";
        var merged = Merge(
            [Route("a", "/api/a/{**rest}", "a-service"), Route("b", "/api/b/{**rest}", "b-service")],
            Document("a-service", Paths.Replace("{service}", "a", StringComparison.Ordinal), """
                { "Line": { "type": "object", "properties": { "item": { "$ref": "#/components/schemas/Item" }, "price": { "$ref": "#/components/schemas/Money" } } },
                  "Item": { "type": "string" }, "Money": { "type": "number" } }
                """),
            Document("b-service", Paths.Replace("{service}", "b", StringComparison.Ordinal), """
                { "Line": { "type": "object", "properties": { "item": { "$ref": "#/components/schemas/Item" }, "price": { "$ref": "#/components/schemas/Money" } } },
                  "Item": { "type": "integer" }, "Money": { "type": "number" } }
                """));

        Assert.Equal(["Money", "a-service.Item", "a-service.Line", "b-service.Item", "b-service.Line"], merged.Schemas.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal("#/components/schemas/b-service.Item", merged.Schemas["b-service.Line"]!["properties"]!["item"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Money", merged.Schemas["b-service.Line"]!["properties"]!["price"]!["$ref"]!.GetValue<string>());
        Assert.Equal("integer", merged.Schemas["b-service.Item"]!["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/a-service.Line", SchemaOf(merged.Paths["/api/a/lines"]!["get"]!));
        Assert.Equal("#/components/schemas/b-service.Line", SchemaOf(merged.Paths["/api/b/lines"]!["get"]!));
    }

    [Fact]
    public void SchemasTwoServicesDefineWordForWordStayOneEvenWhenOneRefersToTheOther()
    {
        const string Paths = """{ "/{service}/totals": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Total" } } } } } } } }""";
        const string Schemas = """{ "Total": { "type": "object", "properties": { "amount": { "$ref": "#/components/schemas/Money" } } }, "Money": { "type": "number" } }""";
        var merged = Merge(
            [Route("a", "/api/a/{**rest}", "a-service"), Route("b", "/api/b/{**rest}", "b-service")],
            Document("a-service", Paths.Replace("{service}", "a", StringComparison.Ordinal), Schemas),
            Document("b-service", Paths.Replace("{service}", "b", StringComparison.Ordinal), Schemas));

        Assert.Equal(["Money", "Total"], merged.Schemas.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal("#/components/schemas/Total", SchemaOf(merged.Paths["/api/b/totals"]!["get"]!));
    }

    /// <summary>
    /// One service in three defining a name differently is enough for a clash; and a schema that refers to a clashing
    /// name is found to clash too, however many names clash at once before it.
    /// </summary>
    [Fact]
    public void ANameClashesWhenAnyServiceDefinesItDifferentlyAndWhatRefersToItFollows()
    {
        const string Paths = """
            { "/{service}/report": { "get": { "responses": { "200": { "content": { "application/json": { "schema": {
                "type": "object", "properties": { "detail": { "$ref": "#/components/schemas/Detail" }, "code": { "$ref": "#/components/schemas/Code" } } } } } } } } } }
            """;
        const string Same = """{ "Detail": { "type": "object", "properties": { "money": { "$ref": "#/components/schemas/Money" } } }, "Money": { "type": "number" }, "Code": { "type": "string" } }""";
        const string Different = """{ "Detail": { "type": "object", "properties": { "money": { "$ref": "#/components/schemas/Money" } } }, "Money": { "type": "string" }, "Code": { "type": "integer" } }""";
        var merged = Merge(
            [Route("a", "/api/a/{**rest}", "a-service"), Route("b", "/api/b/{**rest}", "b-service"), Route("c", "/api/c/{**rest}", "c-service")],
            Document("a-service", Paths.Replace("{service}", "a", StringComparison.Ordinal), Same),
            Document("b-service", Paths.Replace("{service}", "b", StringComparison.Ordinal), Same),
            Document("c-service", Paths.Replace("{service}", "c", StringComparison.Ordinal), Different));

        Assert.Equal(
            [.. new[] { "a-service", "b-service", "c-service" }.SelectMany(app => new[] { $"{app}.Code", $"{app}.Detail", $"{app}.Money" })],
            merged.Schemas.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal("#/components/schemas/c-service.Money", merged.Schemas["c-service.Detail"]!["properties"]!["money"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void APathItemKeepsWhatItSaysBesidesItsOperations()
    {
        var merged = Merge(
            [Route("a", "/api/a/{**rest}", "a-service"), Route("b", "/api/b/{**rest}", "b-service")],
            Document("a-service", """
                { "/a/{id}": { "summary": "One thing", "parameters": [{ "name": "id", "in": "path", "schema": { "$ref": "#/components/schemas/Id" } }], "get": {} } }
                """, """{ "Id": { "type": "string" } }"""),
            Document("b-service", """
                { "/b/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Id" } } } } } } } }
                """, """{ "Id": { "type": "integer" } }"""));

        var item = merged.Paths["/api/a/{id}"]!;
        Assert.Equal("One thing", item["summary"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/a-service.Id", item["parameters"]![0]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void TheTagsAreThoseOfTheOperationsTakenAsTheirServiceDeclaresThem()
    {
        var merged = MergeOrderService("""
            { "/orders/{orderId}": { "get": { "tags": ["Orders", "Extra"] } }, "/internal": { "get": { "tags": ["Hidden"] } } }
            """, tags: """[{ "name": "Orders", "description": "Placing and following orders." }, { "name": "Hidden" }]""");

        Assert.Equal("""[{"name":"Extra"},{"name":"Orders","description":"Placing and following orders."}]""", merged.Tags.ToJsonString());
    }

    [Fact]
    public void ADocumentThatCouldNotBeReadContributesNothingAndPathsAreInOrdinalOrder()
    {
        var merged = ServiceDocumentMerger.Merge(
            [Route("orders", "/api/orders/{**rest}", "order-service"), Route("products", "/api/products/{**rest}", "product-service")],
            [
                new ServiceDocument("order-service", null, "it answered 503"),
                Document("product-service", """{ "/products/b": { "get": {} }, "/products/B": { "get": {} }, "/products/a": { "get": {} } }"""),
            ],
            route => $"limit of {route.RouteId}",
            route => $"family of {route.RouteId}");

        Assert.Equal(["/api/products/B", "/api/products/a", "/api/products/b"], PathsOf(merged));
        Assert.Equal(["products"], merged.CoveredRouteIds);
    }

    private static ServiceDocumentMerger.Merged Merge(RouteConfig[] routes, params ServiceDocument[] documents) =>
        ServiceDocumentMerger.Merge(routes, documents, route => $"limit of {route.RouteId}", route => $"family of {route.RouteId}");

    /// <summary>order-service's document alone, behind its catch-all route (orders, /api/orders/{**rest}).</summary>
    private static ServiceDocumentMerger.Merged MergeOrderService(string paths, string schemas = "{}", string tags = "[]") =>
        Merge([Route("orders", "/api/orders/{**rest}", "order-service")], Document("order-service", paths, schemas, tags));

    private static RouteConfig Route(
        string id, string path, string? appId, string[]? methods = null, string policy = "user", int? order = null,
        IReadOnlyList<IReadOnlyDictionary<string, string>>? transforms = null) => new()
    {
        RouteId = id,
        ClusterId = DaprRoutes.SidecarCluster,
        Order = order,
        Match = new RouteMatch { Path = path, Methods = methods },
        AuthorizationPolicy = policy,
        Metadata = appId is null ? null : new Dictionary<string, string> { [DaprRoutes.AppIdMetadata] = appId },
        Transforms = transforms ?? [new Dictionary<string, string> { ["PathRemovePrefix"] = "/api" }],
    };

    private static ServiceDocument Document(string appId, string paths, string schemas = "{}", string tags = "[]") =>
        new(appId, new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["paths"] = JsonNode.Parse(paths),
            ["components"] = new JsonObject { ["schemas"] = JsonNode.Parse(schemas) },
            ["tags"] = JsonNode.Parse(tags),
        }, null);

    private static string[] PathsOf(ServiceDocumentMerger.Merged merged) => [.. merged.Paths.Select(p => p.Key)];

    private static IEnumerable<(string Method, string Path, string Route)> Operations(ServiceDocumentMerger.Merged merged) =>
        merged.Paths.SelectMany(path => path.Value!.AsObject()
            .Where(o => o.Value is JsonObject operation && operation[ServiceDocumentMerger.RouteExtension] is not null)
            .Select(o => (o.Key, path.Key, o.Value![ServiceDocumentMerger.RouteExtension]!.GetValue<string>())));

    private static string SchemaOf(JsonNode operation) =>
        operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
}
