namespace CloudPatterns.ProductService.Inventory;

public static class InventoryApi
{
    public static IEndpointRouteBuilder MapInventoryApi(this IEndpointRouteBuilder app)
    {
        var stock = app.MapGroup("/products/{sku}/stock").WithTags("Inventory");
        stock.MapGet("/", GetStock);
        stock.MapPut("/", SetStock).RequireAuthorization(Policies.Admin);

        // For other services, not users: the order workflow's compensation releases a reservation here.
        var reservations = app.MapGroup("/inventory/reservations/{orderId}").WithTags("Inventory (internal)")
            .AllowCallers([AppIds.OrderService], orAdmin: true)
            .ExcludeFromDescription();
        reservations.MapGet("/", GetReservation);
        reservations.MapPost("/release", ReleaseReservation);

        return app;
    }

    [ProblemResponse(StatusCodes.Status404NotFound, "No product has this SKU.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<StockLevel>, ProblemHttpResult>> GetStock(
        string sku, CatalogStore catalog, InventoryItems inventory, CancellationToken cancellationToken)
    {
        var (product, _) = await catalog.GetAsync(sku, cancellationToken);
        return product is null
            ? ProblemResults.NotFound($"No product has SKU {sku}.")
            : TypedResults.Ok(await inventory.For(sku).GetStockAsync());
    }

    [ProblemResponse(StatusCodes.Status404NotFound, "No product has this SKU.")]
    [ProblemResponse(StatusCodes.Status409Conflict, "More units are reserved for orders than the new on-hand count.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<StockLevel>, ProblemHttpResult>> SetStock(
        string sku, SetStockRequest request, CatalogStore catalog, InventoryItems inventory, CancellationToken cancellationToken)
    {
        var (product, _) = await catalog.GetAsync(sku, cancellationToken);
        if (product is null)
        {
            return ProblemResults.NotFound($"No product has SKU {sku}.");
        }

        var result = await inventory.For(sku).SetOnHandAsync(request.OnHand);
        return result.Accepted
            ? TypedResults.Ok(result.Level)
            : ProblemResults.Conflict($"{result.Level.Reserved} units of {sku} are reserved for orders; on hand cannot go below that.");
    }

    public static async Task<Results<Ok<OrderReservation>, ProblemHttpResult>> GetReservation(
        string orderId, ReservationStore reservations, CancellationToken cancellationToken)
    {
        var (reservation, _) = await reservations.GetAsync(orderId, cancellationToken);
        return reservation is null
            ? ProblemResults.NotFound($"Order {orderId} has no reservation.")
            : TypedResults.Ok(reservation);
    }

    public static async Task<Ok<ReleaseResponse>> ReleaseReservation(
        string orderId, ReservationCoordinator coordinator, CancellationToken cancellationToken)
    {
        var reservation = await coordinator.ReleaseAsync(orderId, knownLines: [], cancellationToken);
        return TypedResults.Ok(new ReleaseResponse(orderId, reservation.Status));
    }
}

public sealed record SetStockRequest([property: Range(0, 1_000_000)] int OnHand);

public sealed record ReleaseResponse(string OrderId, OrderReservationStatus Status);
