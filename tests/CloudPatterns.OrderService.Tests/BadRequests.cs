namespace CloudPatterns.OrderService.Tests;

/// <summary>A query order-service refuses, asked of order-service alone: nothing else has to run for it to judge one.</summary>
internal static class BadRequests
{
    /// <summary>
    /// GETs <paramref name="url"/> as an admin and asserts a 400 whose errors name <paramref name="field"/>, and no other;
    /// returns what they say of it.
    /// </summary>
    public static async Task<string[]> AssertQueryRefusedAsync(string url, string field)
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();

        using var response = await client.GetAsync(url);

        return await ValidationProblems.AssertNamesOnlyAsync(response, field);
    }
}
