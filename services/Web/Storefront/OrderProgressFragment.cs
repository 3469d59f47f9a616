namespace CloudPatterns.Web.Storefront;

public static class OrderProgressFragment
{
    /// <summary>
    /// GET /orders/{id}/progress: the order page's live part alone, server-rendered, for live.js to swap in. Plain
    /// requests rather than a SignalR circuit: the site is reached through Dapr service invocation, which carries no
    /// WebSockets (docs/decisions.md).
    /// </summary>
    public static IEndpointRouteBuilder MapOrderProgressFragment(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/{orderId}/progress", (string orderId, bool? placed, HttpResponse response) =>
            {
                response.Headers.CacheControl = "no-store";
                return new RazorComponentResult<OrderProgress>(new { OrderId = orderId, JustPlaced = placed == true });
            })
            .RequireAuthorization();
        return app;
    }
}
