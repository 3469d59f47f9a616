using System.Collections.Concurrent;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace CloudPatterns.Testing.Bindings;

/// <summary>
/// bindings.localstorage held in memory: create (metadata fileName, or a generated name), get, delete and
/// list, with the same metadata and answers as Dapr's local storage binding.
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
                _files[fileName] = request.Data.ToArray();
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

    private static Task<BindingResponse> Respond(BindingRequest request, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> metadata) =>
        Task.FromResult(new BindingResponse(request, data, metadata));

    private static DaprException NotFound(BindingRequest request, string? fileName) =>
        new($"error invoking output binding {request.BindingName}: file {fileName} not found",
            new RpcException(new Status(StatusCode.Internal, $"file {fileName} not found")));
}
