namespace CloudPatterns.ProductService.Catalog;

public static class CatalogApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/products").WithTags("Catalog");

        products.MapGetBoundAtRuntime("/", ListProducts);
        products.MapGet("/{sku}", GetProduct);
        products.MapPost("/", CreateProduct).RequireAuthorization(Policies.Admin);
        products.MapPut("/{sku}", UpdateProduct).RequireAuthorization(Policies.Admin);

        // For other services, not users: order-service prices an order's lines here.
        app.MapGroup("/catalog").WithTags("Catalog (internal)").MapPost("/prices", LookUpPrices).AllowCallers([AppIds.OrderService]);

        return app;
    }

    [UnavailableResponse]
    public static async Task<Ok<ProductPage>> ListProducts(
        CatalogStore store,
        CancellationToken cancellationToken,
        [Range(1, int.MaxValue, ErrorMessage = Paging.PageMessage)] int page = 1,
        [Range(1, MaxPageSize, ErrorMessage = Paging.PageSizeMessage)] int pageSize = 20,
        string? category = null,
        string? search = null,
        bool includeInactive = false)
    {
        var index = await store.GetIndexAsync(cancellationToken);
        var matching = index.Products
            .Where(p => includeInactive || p.Active)
            .Where(p => category is null || string.Equals(p.Category, category, StringComparison.OrdinalIgnoreCase))
            .Where(p => search is null
                        || p.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                        || p.Sku.Contains(search, StringComparison.OrdinalIgnoreCase))
            .ToList();

        var items = Paging.Slice(matching, page, pageSize);
        return TypedResults.Ok(new ProductPage(items, page, pageSize, matching.Count));
    }

    public static async Task<Ok<PriceLookupResponse>> LookUpPrices(
        PriceLookupRequest request, CatalogStore store, CancellationToken cancellationToken)
    {
        var skus = request.Skus;
        var index = (await store.GetIndexAsync(cancellationToken)).Products.ToDictionary(p => p.Sku, StringComparer.Ordinal);
        var requested = skus.Distinct(StringComparer.Ordinal).ToList();
        var found = requested.Where(index.ContainsKey).Select(sku => index[sku]).Select(p => new ProductPrice(p.Sku, p.Name, p.Price, p.Active)).ToList();
        var unknown = requested.Where(sku => !index.ContainsKey(sku)).ToList();
        return TypedResults.Ok(new PriceLookupResponse(found, unknown));
    }

    [ProblemResponse(StatusCodes.Status404NotFound, "No product has this SKU.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<Product>, ProblemHttpResult>> GetProduct(
        string sku, CatalogStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var (product, etag) = await store.GetAsync(sku, cancellationToken);
        if (product is null)
        {
            return ProblemResults.NotFound($"No product has SKU {sku}.");
        }

        response.Headers.ETag = ETags.ToHeader(etag);
        return TypedResults.Ok(product);
    }

    [ProblemResponse(StatusCodes.Status409Conflict, "A product with this SKU already exists.")]
    [UnavailableResponse]
    public static async Task<Results<Created<Product>, ProblemHttpResult>> CreateProduct(
        CreateProductRequest request,
        CatalogStore store,
        InventoryItems inventory,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var product = new Product(
            request.Sku, request.Name.Trim(), request.Description?.Trim() ?? string.Empty, request.Category.Trim(),
            request.Price.ToMoney(), request.Active, now, now);

        // Stock first: it is set only the first time, so a create that failed after it (or a duplicate) changes no stock,
        // whereas a product recorded before its stock was set would answer the client's retry 409 and stay at zero.
        await inventory.For(product.Sku).InitializeAsync(request.InitialStock);
        if (!await store.TryCreateAsync(product, cancellationToken))
        {
            return ProblemResults.Conflict($"A product with SKU {request.Sku} already exists.");
        }

        var (_, etag) = await store.GetAsync(product.Sku, cancellationToken);
        response.Headers.ETag = ETags.ToHeader(etag);
        return TypedResults.Created(PublicLinks.To(response.HttpContext.Request, $"/products/{Uri.EscapeDataString(product.Sku)}"), product);
    }

    [RequiredHeader("If-Match")]
    [ProblemResponse(StatusCodes.Status404NotFound, "No product has this SKU.")]
    [ProblemResponse(StatusCodes.Status412PreconditionFailed, "The product changed since the ETag in If-Match was read: read it again and reapply the change.")]
    [ProblemResponse(StatusCodes.Status428PreconditionRequired, "The If-Match header is missing.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<Product>, ProblemHttpResult>> UpdateProduct(
        string sku,
        UpdateProductRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CatalogStore store,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (ETags.FromHeader(ifMatch) is not { } expectedETag)
        {
            return ProblemResults.PreconditionRequired("If-Match");
        }

        var result = await store.UpdateAsync(sku, (current, etag) => current is null || etag != expectedETag
            ? UpdateDecision<Product>.Refuse("not found, or changed")
            : UpdateDecision<Product>.Write(current with
            {
                Name = request.Name.Trim(),
                Description = request.Description?.Trim() ?? string.Empty,
                Category = request.Category.Trim(),
                Price = request.Price.ToMoney(),
                Active = request.Active,
                UpdatedAt = time.GetUtcNow(),
            }), cancellationToken);
        if (result.Outcome == UpdateOutcome.Refused)
        {
            return result.Value is null
                ? ProblemResults.NotFound($"No product has SKU {sku}.")
                : ProblemResults.PreconditionFailed($"Product {sku} was changed by someone else; read it again and reapply your change.");
        }

        var updated = result.ValueOrThrow()!;
        var (_, etag) = await store.GetAsync(sku, cancellationToken);
        response.Headers.ETag = ETags.ToHeader(etag);
        return TypedResults.Ok(updated);
    }
}

/// <summary>One page of a catalog listing.</summary>
public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, int TotalCount);

public sealed record CreateProductRequest(
    [property: Required, RegularExpression(CreateProductRequest.SkuPattern, ErrorMessage = "The Sku field must be 3 to 40 upper-case letters, digits or dashes.")]
    string Sku,
    [property: Required, StringLength(ProductLimits.NameLength)] string Name,
    [property: StringLength(ProductLimits.DescriptionLength)] string? Description,
    [property: Required, StringLength(ProductLimits.CategoryLength)] string Category,
    [property: Required] PriceInput Price,
    [property: Range(0, 1_000_000)] int InitialStock = 0,
    bool Active = true)
{
    public const string SkuPattern = "^[A-Z0-9][A-Z0-9-]{2,39}$";
}

/// <summary>Replaces a product's details. Stock is changed through the stock endpoint, not here.</summary>
public sealed record UpdateProductRequest(
    [property: Required, StringLength(ProductLimits.NameLength)] string Name,
    [property: StringLength(ProductLimits.DescriptionLength)] string? Description,
    [property: Required, StringLength(ProductLimits.CategoryLength)] string Category,
    [property: Required] PriceInput Price,
    bool Active = true);

public sealed record PriceInput(decimal Amount, [property: Required, SupportedCurrency] string Currency) : IValidatableObject
{
    public Money ToMoney() => new(Amount, Currency);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Amount is < ProductLimits.MinPrice or > ProductLimits.MaxPrice)
        {
            yield return new ValidationResult(
                string.Create(CultureInfo.InvariantCulture, $"The field Amount must be between {ProductLimits.MinPrice} and {ProductLimits.MaxPrice}."), [nameof(Amount)]);
        }
        else if (Currencies.IsSupported(Currency) && !Currencies.IsWholeMinorUnits(Amount, Currency))
        {
            yield return new ValidationResult(
                $"The Amount field must be in whole minor units of {Currency} (at most {Currencies.MinorUnitDigits(Currency)} decimal places).", [nameof(Amount)]);
        }
    }
}
