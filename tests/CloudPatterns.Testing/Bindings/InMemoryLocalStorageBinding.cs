namespace CloudPatterns.Testing.Bindings;

/// <summary>
/// bindings.localstorage held in memory: create (metadata fileName, or a generated name), get, delete and
/// list, with the same metadata and answers as Dapr's local storage binding
/// (https://github.com/dapr/components-contrib/blob/v1.18.4/bindings/localstorage/localstorage.go#L166-L226):
/// create stores data that is a quoted string unquoted and data that is valid base64 decoded; get of a missing
/// file is an error ("file not found"), which the sidecar reports as Internal like any other binding failure.
/// </summary>
public sealed class InMemoryLocalStorageBinding : IOutputBinding
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, byte[]> Files => _files;

    /// <summary>Set to make every call fail, as an unreachable storage account would.</summary>
    public Exception? FailWith { get; set; }

    public Task<BindingResponse> InvokeAsync(BindingRequest request, CancellationToken cancellationToken)
    {
        if (FailWith is not null)
        {
            throw new DaprException($"error invoking output binding {request.BindingName}", FailWith);
        }

        request.Metadata.TryGetValue("fileName", out var fileName);
        switch (request.Operation)
        {
            case "create":
                fileName ??= Guid.NewGuid().ToString();
                _files[fileName] = AsWritten(request.Data.ToArray());
                return Respond(request, ReadOnlyMemory<byte>.Empty, new Dictionary<string, string> { ["fileName"] = fileName });
            case "get" when fileName is not null && _files.TryGetValue(fileName, out var content):
                return Respond(request, content, new Dictionary<string, string>());
            case "get":
                throw NotFound(request, fileName);
            case "delete":
                _files.TryRemove(fileName ?? string.Empty, out _);
                return Respond(request, ReadOnlyMemory<byte>.Empty, new Dictionary<string, string>());
            case "list":
                var names = _files.Keys.Order(StringComparer.Ordinal).ToArray();
                return Respond(request, JsonSerializer.SerializeToUtf8Bytes(names), new Dictionary<string, string>());
            default:
                throw new DaprException($"binding {request.BindingName} does not support operation {request.Operation}",
                    new RpcException(new Status(StatusCode.InvalidArgument, $"unsupported operation {request.Operation}")));
        }
    }

    /// <summary>What the component writes: a Go-quoted string unquoted (approximated by JSON's quoting), then anything that is valid base64 decoded.</summary>
    private static byte[] AsWritten(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                text = JsonSerializer.Deserialize<string>(text)!;
                data = Encoding.UTF8.GetBytes(text);
            }
            catch (JsonException)
            {
            }
        }

        var buffer = new byte[data.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && data.Length > 0 ? buffer[..written] : data;
    }

    private static Task<BindingResponse> Respond(BindingRequest request, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> metadata) =>
        Task.FromResult(new BindingResponse(request, data, metadata));

    private static DaprException NotFound(BindingRequest request, string? fileName) =>
        new($"error invoking output binding {request.BindingName}: file not found: /rootPath/{fileName}",
            new RpcException(new Status(StatusCode.Internal, $"error invoking output binding {request.BindingName}: file not found: /rootPath/{fileName}")));
}
