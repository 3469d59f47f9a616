namespace CloudPatterns.ShippingService.Shipments;

public static class ShipmentsApi
{
    public static IEndpointRouteBuilder MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/shipments/{shipmentId}", GetShipment).WithTags("Shipments").RequireAuthorization(Policies.User);
        app.MapGet("/orders/{orderId}/shipment", GetOrderShipment).WithTags("Shipments").RequireAuthorization(Policies.User);
        return app;
    }

    /// <summary>The customer's own shipments, or any for an admin; anyone else is told there is none.</summary>
    [ProblemResponse(StatusCodes.Status404NotFound, "No such shipment, or it is not yours.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<Shipment>, ProblemHttpResult>> GetShipment(
        string shipmentId, ShipmentStore store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await store.GetAsync(shipmentId, cancellationToken) is { } shipment && user.MayActFor(shipment.CustomerId)
            ? TypedResults.Ok(shipment)
            : ProblemResults.NotFound($"No shipment {shipmentId}.");

    /// <summary>404 until the order is confirmed (or cancelled): shipping only learns of an order from its events.</summary>
    [ProblemResponse(StatusCodes.Status404NotFound, "The order has no shipment yet (it appears once the order is confirmed), or it is not yours.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<Shipment>, ProblemHttpResult>> GetOrderShipment(
        string orderId, ShipmentStore store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await store.GetAsync(ShipmentIds.ForOrder(orderId), cancellationToken) is { } shipment && user.MayActFor(shipment.CustomerId)
            ? TypedResults.Ok(shipment)
            : ProblemResults.NotFound($"Order {orderId} has no shipment yet.");
}
