namespace CloudPatterns.Testing.Tests.State;

/// <summary>state.azure.cosmosdb keeps records in partitions: what a transaction writes is found only where its metadata put it.</summary>
public sealed class PartitionTests
{
    private static readonly Dictionary<string, string> s_partition = new() { ["partitionKey"] = "catalog" };

    private readonly DaprTestFabric _fabric = new(new ComponentRegistry()
        .Add(TestComponents.Component("cosmos", "state.azure.cosmosdb", ["app"]))
        .Add(TestComponents.Component("sqlite", "state.sqlite", ["app"])));

    [Fact]
    public async Task OnCosmosDbATransactionWithoutAPartitionIsNotFoundByAPlainRead()
    {
        var dapr = _fabric.ClientFor("app");

        await dapr.ExecuteStateTransactionAsync("cosmos", [Upsert("a")]);
        await dapr.ExecuteStateTransactionAsync("cosmos", [Upsert("b")], s_partition);

        Assert.Equal(JsonValueKind.Undefined, (await dapr.GetStateAsync<JsonElement>("cosmos", "a")).ValueKind);
        Assert.Equal(JsonValueKind.Undefined, (await dapr.GetStateAsync<JsonElement>("cosmos", "b")).ValueKind);
        Assert.Equal("b", (await dapr.GetStateAsync<JsonElement>("cosmos", "b", metadata: s_partition)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task OtherStoresHaveNoPartitions()
    {
        var dapr = _fabric.ClientFor("app");

        await dapr.ExecuteStateTransactionAsync("sqlite", [Upsert("a")], s_partition);

        Assert.Equal("a", (await dapr.GetStateAsync<JsonElement>("sqlite", "a")).GetProperty("id").GetString());
    }

    private static StateTransactionRequest Upsert(string id) => new(id, JsonSerializer.SerializeToUtf8Bytes(new { id }), StateOperationType.Upsert);
}
