using CloudPatterns.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudPatterns.ShippingService.Shipments;

public static class ShipmentsApi
{
    public static IEndpointRouteBuilder MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/shipments/{shipmentId}", GetShipment).WithTags("Shipments");
        app.MapGet("/orders/{orderId}/shipment", GetOrderShipment).WithTags("Shipments");
        return app;
    }

    public static async Task<Results<Ok<Shipment>, ProblemHttpResult>> GetShipment(string shipmentId, ShipmentStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(shipmentId, cancellationToken) is { } shipment
            ? TypedResults.Ok(shipment)
            : ProblemResults.NotFound($"No shipment {shipmentId}.");

    /// <summary>404 until the order is confirmed (or cancelled): shipping only learns of an order from its events.</summary>
    public static async Task<Results<Ok<Shipment>, ProblemHttpResult>> GetOrderShipment(string orderId, ShipmentStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(ShipmentIds.ForOrder(orderId), cancellationToken) is { } shipment
            ? TypedResults.Ok(shipment)
            : ProblemResults.NotFound($"Order {orderId} has no shipment yet.");
}
