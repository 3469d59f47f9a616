namespace CloudPatterns.ProductService.Tests.Catalog;

public sealed class CatalogApiTests
{
    [Fact]
    public async Task ListingPagesThroughTheSeededCatalogInSkuOrder()
    {
        await using var host = await ProductServiceHost.StartAsync();

        var first = await host.Client.GetFromJsonAsync<ProductPage>("products?page=1&pageSize=4", JsonDefaults.Options);
        var third = await host.Client.GetFromJsonAsync<ProductPage>("products?page=3&pageSize=4", JsonDefaults.Options);

        Assert.Equal(9, first!.TotalCount);
        Assert.Equal(["BOOK-PATTERNS", "HOODIE-CLOUD-M", "LAMP-DESK-LED", "MUG-CLASSIC-350"], first.Items.Select(p => p.Sku));
        Assert.Equal(["TEE-LOGO-M"], third!.Items.Select(p => p.Sku));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(int.MaxValue)]
    public async Task APagePastTheEndIsEmptyHoweverFarItIs(int page)
    {
        await using var host = await ProductServiceHost.StartAsync();

        var beyond = await host.Client.GetFromJsonAsync<ProductPage>($"products?page={page}&pageSize=4", JsonDefaults.Options);

        Assert.Empty(beyond!.Items);
        Assert.Equal(page, beyond.Page);
        Assert.Equal(9, beyond.TotalCount);
    }

    [Fact]
    public async Task APageThatIsNotANumberIsABadRequestSayingWhatItMustBe()
    {
        await using var host = await ProductServiceHost.StartAsync();

        var response = await host.Client.GetAsync("products?page=abc");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("must be a whole number (got 'abc')", System.Text.Json.Nodes.JsonNode.Parse(text)!["errors"]!["page"]![0]!.GetValue<string>());
        Assert.DoesNotContain("Int32", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"int ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListingFiltersByCategoryAndSearchesNamesCaseInsensitively()
    {
        await using var host = await ProductServiceHost.StartAsync();

        var apparel = await host.Client.GetFromJsonAsync<ProductPage>("products?category=Apparel", JsonDefaults.Options);
        var mugs = await host.Client.GetFromJsonAsync<ProductPage>("products?search=MUG", JsonDefaults.Options);

        Assert.Equal(["HOODIE-CLOUD-M", "TEE-LOGO-L", "TEE-LOGO-M"], apparel!.Items.Select(p => p.Sku));
        Assert.Equal(["MUG-CLASSIC-350", "MUG-TRAVEL-450"], mugs!.Items.Select(p => p.Sku));
    }

    public static TheoryData<string, string> BadPagingUrls => TheoryGroups.Of(
        ("pageSize", ["products?pageSize=101", "products?pageSize=0", "products?pageSize=ten"]),
        ("page", ["products?page=0", "products?page=abc"]),
        ("includeInactive", ["products?includeInactive=maybe"]));

    [Theory, MemberData(nameof(BadPagingUrls))]
    public async Task OutOfRangePagingIsABadRequestNamingTheParameter(string field, string url)
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        using var response = await host.Client.GetAsync(url);

        await AssertBadRequestNamingAsync(response, field);
    }

    [Fact]
    public async Task GettingAProductReturnsItWithAnETag()
    {
        await using var host = await ProductServiceHost.StartAsync();

        var response = await host.Client.GetAsync("products/LAMP-DESK-LED");
        var product = await response.Content.ReadFromJsonAsync<Product>(JsonDefaults.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("LED desk lamp", product!.Name);
        Assert.Equal(59.00m, product.Price.Amount);
    }

    [Fact]
    public async Task AnUnknownProductIsNotFoundAsProblemDetails()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        var response = await host.Client.GetAsync("products/NOPE-123");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("No product has SKU NOPE-123.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task CreatingAProductStoresItAndItsStartingStock()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        var response = await CreateAsync(host, initialStock: 25);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/products/CAP-RED", response.Headers.Location?.OriginalString);
        var listed = await host.Client.GetFromJsonAsync<ProductPage>("products", JsonDefaults.Options);
        Assert.Equal(["CAP-RED"], listed!.Items.Select(p => p.Sku));
        Assert.Equal(25, (await host.StockAsync("CAP-RED")).Available);
    }

    /// <summary>A create whose stock could not be set (the stock actor's store timed out) records nothing, so the retry it is told to make succeeds with the stock asked for.</summary>
    [Fact]
    public async Task ACreateWhoseStockCouldNotBeSetIsUnavailableAndItsRetryCreatesTheProductWithItsStock()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        HttpStatusCode failed;
        using (host.Fabric.StateStore("product-store").FailWrites("InventoryItem||CAP-RED||stock"))
        {
            failed = (await CreateAsync(host, initialStock: 25)).StatusCode;
        }

        using var missing = await host.Client.GetAsync("products/CAP-RED");
        using var retried = await CreateAsync(host, initialStock: 25);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(25, (await host.StockAsync("CAP-RED")).Available);
    }

    [Fact]
    public async Task CreatingATakenSkuIsAConflictAndChangesNothing()
    {
        await using var host = await ProductServiceHost.StartAsync();

        var response = await CreateAsync(host, sku: "LAMP-DESK-LED", name: "Impostor", initialStock: 999);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("A product with SKU LAMP-DESK-LED already exists.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var lamp = await host.Client.GetFromJsonAsync<Product>("products/LAMP-DESK-LED", JsonDefaults.Options);
        Assert.Equal("LED desk lamp", lamp!.Name);
        Assert.Equal(12, (await host.StockAsync("LAMP-DESK-LED")).OnHand);
    }

    [Theory]
    [InlineData("""{"name":"x","category":"c","price":{"amount":1,"currency":"USD"}}""", "sku")]
    [InlineData("""{"sku":"lower-case","name":"x","category":"c","price":{"amount":1,"currency":"USD"}}""", "sku")]
    [InlineData("""{"sku":"ABC-1","category":"c","price":{"amount":1,"currency":"USD"}}""", "name")]
    [InlineData("""{"sku":"ABC-1","name":"x","category":"c","price":{"amount":-3,"currency":"USD"}}""", "price.amount")]
    [InlineData("""{"sku":"ABC-1","name":"x","category":"c","price":{"amount":3,"currency":"XYZ"}}""", "price.currency")]
    [InlineData("""{"sku":"ABC-1","name":"x","category":"c","price":{"amount":1.005,"currency":"USD"}}""", "price.amount")]
    [InlineData("""{"sku":"ABC-1","name":"x","category":"c","price":{"amount":3,"currency":"USD"},"initialStock":-1}""", "initialStock")]
    [InlineData("""{"sku":"ABC-1","name":"x","category":"c"}""", "price")]
    public async Task InvalidProductsAreRejectedNamingTheField(string body, string field)
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        using var response = await host.Client.PostAsync("products", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertBadRequestNamingAsync(response, field);
        Assert.Empty((await host.Client.GetFromJsonAsync<ProductPage>("products", JsonDefaults.Options))!.Items);
    }

    [Theory]
    [InlineData("""{"sku":"ABC-1","name":"x",""", "body")]
    [InlineData("""{"sku":"ABC-1","name":"x","category":"c","price":{"amount":"ten","currency":"USD"}}""", "price.amount")]
    [InlineData("""[1,2,3]""", "body")]
    public async Task MalformedJsonIsABadRequestNamingWhereItBroke(string body, string field)
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        using var response = await host.Client.PostAsync("products", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertBadRequestNamingAsync(response, field);
    }

    [Fact]
    public async Task UpdatingWithTheCurrentETagSucceedsAndIssuesANewOne()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var read = await host.Client.GetAsync("products/STICKER-PACK");

        using var update = UpdateRequest("STICKER-PACK", read.Headers.ETag!.Tag, price: 6.5m);
        var response = await host.Client.SendAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(read.Headers.ETag, response.Headers.ETag);
        var stored = await host.Client.GetFromJsonAsync<Product>("products/STICKER-PACK", JsonDefaults.Options);
        Assert.Equal(6.5m, stored!.Price.Amount);
        var listed = await host.Client.GetFromJsonAsync<ProductPage>("products?search=sticker", JsonDefaults.Options);
        Assert.Equal(6.5m, listed!.Items.Single().Price.Amount);
    }

    /// <summary>
    /// The store took the write but its answer was lost (the sidecar's timeout fired first): the admin's own create or
    /// update is answered as done, not as a conflict with itself (409 "taken", 412 "changed by someone else").
    /// </summary>
    [Fact]
    public async Task ACreateOrUpdateWhoseAnswerWasLostIsDoneNotAConflictWithItself()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var store = host.Fabric.StateStore("product-store");

        store.LoseNextAnswer("product:CAP-RED");
        using var created = await CreateAsync(host, initialStock: 3);
        store.LoseNextAnswer("product:CAP-RED");
        using var update = UpdateRequest("CAP-RED", created.Headers.ETag!.Tag, price: 17m);
        using var updated = await host.Client.SendAsync(update);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var stored = await host.Client.GetFromJsonAsync<Product>("products/CAP-RED", JsonDefaults.Options);
        Assert.Equal(17m, stored!.Price.Amount);
    }

    [Fact]
    public async Task UpdatingWithAStaleETagIsPreconditionFailedAndKeepsTheOtherWrite()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var etag = (await host.Client.GetAsync("products/STICKER-PACK")).Headers.ETag!.Tag;
        using var first = UpdateRequest("STICKER-PACK", etag, price: 7m);
        using var second = UpdateRequest("STICKER-PACK", etag, price: 9m);

        var firstResponse = await host.Client.SendAsync(first);
        var secondResponse = await host.Client.SendAsync(second);

        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, secondResponse.StatusCode);
        Assert.Equal(
            "Product STICKER-PACK was changed by someone else; read it again and reapply your change.",
            (await secondResponse.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var stored = await host.Client.GetFromJsonAsync<Product>("products/STICKER-PACK", JsonDefaults.Options);
        Assert.Equal(7m, stored!.Price.Amount);
    }

    [Fact]
    public async Task UpdatingWithoutIfMatchIsRefused()
    {
        await using var host = await ProductServiceHost.StartAsync();

        var response = await host.Client.PutAsJsonAsync("products/STICKER-PACK", new
        {
            name = "Sticker pack",
            category = "accessories",
            price = new { amount = 1m, currency = "USD" },
        });

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        Assert.Contains("If-Match", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdatingAnUnknownProductIsNotFound()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        using var update = UpdateRequest("NOPE-1", "\"1\"", price: 1m);
        var response = await host.Client.SendAsync(update);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No product has SKU NOPE-1.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task CreatingAProductWhileTheCatalogKeepsChangingIs503NotAConflict()
    {
        await using var host = await ProductServiceHost.StartAsync();

        HttpResponseMessage response;
        using (host.Fabric.StateStore(DaprComponents.ProductStore).Contend("catalog-index"))
        {
            response = await CreateAsync(host);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("kept changing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextsAreStoredTrimmedAndAMissingDescriptionIsEmpty()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        using var created = await CreateAsync(host, name: "  Red cap ", description: " Warm and red  ", category: " apparel ");
        var asCreated = await created.Content.ReadFromJsonAsync<Product>(JsonDefaults.Options);
        using var update = new HttpRequestMessage(HttpMethod.Put, "products/CAP-RED")
        {
            Content = JsonContent.Create(new { name = " Blue cap ", category = " hats ", price = new { amount = 16m, currency = "EUR" } }),
        };
        update.Headers.IfMatch.Add(created.Headers.ETag!);
        using var updated = await host.Client.SendAsync(update);
        var asUpdated = await updated.Content.ReadFromJsonAsync<Product>(JsonDefaults.Options);

        Assert.Equal("Red cap", asCreated!.Name);
        Assert.Equal("Warm and red", asCreated.Description);
        Assert.Equal("apparel", asCreated.Category);
        Assert.Equal("Blue cap", asUpdated!.Name);
        Assert.Equal(string.Empty, asUpdated.Description);
        Assert.Equal("hats", asUpdated.Category);
    }

    [Fact]
    public async Task AProductCreatedWithoutADescriptionHasAnEmptyOneUntilAnUpdateGivesItOneStoredTrimmed()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        using var created = await CreateAsync(host);
        var asCreated = await created.Content.ReadFromJsonAsync<Product>(JsonDefaults.Options);
        using var update = UpdateRequest("CAP-RED", created.Headers.ETag!.Tag, price: 16m, description: "  Warm and red ");
        using var updated = await host.Client.SendAsync(update);
        var asUpdated = await updated.Content.ReadFromJsonAsync<Product>(JsonDefaults.Options);

        Assert.Equal(string.Empty, asCreated!.Description);
        Assert.Equal("Warm and red", asUpdated!.Description);
        Assert.Equal("Warm and red", (await host.Client.GetFromJsonAsync<Product>("products/CAP-RED", JsonDefaults.Options))!.Description);
    }

    [Fact]
    public async Task APriceFinerThanItsCurrencysMinorUnitIsRefusedSayingHowManyDecimalsAreAllowed()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        var response = await CreateAsync(host, amount: 15.505m);

        var problem = await ValidationProblems.ReadAsync(response);
        Assert.Equal(["The Amount field must be in whole minor units of EUR (at most 2 decimal places)."], problem.Errors["price.amount"]);
    }

    [Fact]
    public async Task InactiveProductsLeaveTheListingButStayReadable()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var etag = (await host.Client.GetAsync("products/POSTER-LIMITED")).Headers.ETag!.Tag;

        using var update = UpdateRequest("POSTER-LIMITED", etag, price: 120m, active: false, category: "home");
        await host.Client.SendAsync(update);

        var listed = await host.Client.GetFromJsonAsync<ProductPage>("products?category=home", JsonDefaults.Options);
        var all = await host.Client.GetFromJsonAsync<ProductPage>("products?category=home&includeInactive=true", JsonDefaults.Options);
        Assert.Equal(["LAMP-DESK-LED"], listed!.Items.Select(p => p.Sku));
        Assert.Equal(2, all!.TotalCount);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("products/POSTER-LIMITED")).StatusCode);
    }

    /// <summary>A 400 answered as problem details whose errors name <paramref name="field"/>.</summary>
    private static async Task AssertBadRequestNamingAsync(HttpResponseMessage response, string field)
    {
        var problem = await ValidationProblems.ReadAsync(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, problem.Errors.Keys);
    }

    /// <summary>Creates a product the way the admin's form does; only what a test is about needs naming.</summary>
    private static Task<HttpResponseMessage> CreateAsync(
        ProductServiceHost host, string sku = "CAP-RED", string name = "Red cap", string category = "apparel", decimal amount = 15.5m,
        string? description = null, int initialStock = 0) =>
        host.Client.PostAsJsonAsync("products", new
        {
            sku,
            name,
            description,
            category,
            price = new { amount, currency = "EUR" },
            initialStock,
        });

    private static HttpRequestMessage UpdateRequest(
        string sku, string etag, decimal price, bool active = true, string category = "accessories", string description = "Changed by a test")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"products/{sku}")
        {
            Content = JsonContent.Create(new
            {
                name = "Renamed",
                description,
                category,
                price = new { amount = price, currency = "USD" },
                active,
            }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
