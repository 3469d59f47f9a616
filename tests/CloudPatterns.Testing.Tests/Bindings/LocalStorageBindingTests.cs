namespace CloudPatterns.Testing.Tests.Bindings;

public sealed class LocalStorageBindingTests
{
    private readonly DaprTestFabric _fabric = new(new ComponentRegistry()
        .Add(TestComponents.Component("files", "bindings.localstorage", ["writer"], ("rootPath", "/tmp/files"))));

    [Fact]
    public async Task FilesAreCreatedReadListedAndDeletedByName()
    {
        var dapr = _fabric.ClientFor("writer");
        var create = new BindingRequest("files", "create") { Data = Encoding.UTF8.GetBytes("hello") };
        create.Metadata["fileName"] = "a/b.txt";

        await dapr.InvokeBindingAsync(create);
        var get = new BindingRequest("files", "get");
        get.Metadata["fileName"] = "a/b.txt";
        var read = await dapr.InvokeBindingAsync(get);
        var listed = await dapr.InvokeBindingAsync(new BindingRequest("files", "list"));
        var delete = new BindingRequest("files", "delete");
        delete.Metadata["fileName"] = "a/b.txt";
        await dapr.InvokeBindingAsync(delete);

        Assert.Equal("hello", Encoding.UTF8.GetString(read.Data.Span));
        Assert.Equal(["a/b.txt"], JsonSerializer.Deserialize<string[]>(listed.Data.Span)!);
        Assert.Empty(_fabric.Bindings.LocalStorage("files").Files);
        Assert.Equal(["create", "get", "list", "delete"], _fabric.Bindings.Calls.Select(c => c.Operation));
    }

    [Fact]
    public async Task AnAppOutsideTheBindingsScopesCannotUseIt() =>
        await Assert.ThrowsAsync<DaprException>(() => _fabric.ClientFor("reader").InvokeBindingAsync(new BindingRequest("files", "list")));
}
