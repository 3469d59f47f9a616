namespace CloudPatterns.Sidecar.Storage;

/// <summary>
/// Objects by key in an output binding that is object storage: local files, Azure Blob Storage or S3. Each
/// request names the key the way each of those bindings reads it (fileName, blobName, key), so the
/// component can change type without a code change.
/// </summary>
public sealed class ObjectStore(DaprClient dapr, string bindingName)
{
    /// <summary>
    /// What each binding says when a get finds nothing (components-contrib v1.18.4: bindings/localstorage
    /// "file not found", bindings/azure/blobstorage "blob not found", bindings/aws/s3 "object not found").
    /// The sidecar reports it like any other binding failure (Internal), so the message is all there is to go by.
    /// </summary>
    private static readonly string[] s_notFound = ["file not found", "blob not found", "object not found"];

    /// <summary>The object; <see cref="ObjectNotFoundException"/> when the storage says it does not exist.</summary>
    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dapr.InvokeBindingAsync(Request("get", key), cancellationToken);
            return response.Data.ToArray();
        }
        catch (DaprException ex) when (IsNotFound(ex))
        {
            throw new ObjectNotFoundException(bindingName, key, ex);
        }
    }

    public Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var request = Request("create", key);
        request.Data = content;
        request.Metadata["contentType"] = contentType;
        // S3 reads the HTTP header's name; Blob Storage and local files take contentType and ignore this.
        request.Metadata["Content-Type"] = contentType;
        return dapr.InvokeBindingAsync(request, cancellationToken);
    }

    private static bool IsNotFound(Exception ex)
    {
        for (var error = ex; error is not null; error = error.InnerException)
        {
            var message = error is Grpc.Core.RpcException rpc ? rpc.Status.Detail : error.Message;
            if (s_notFound.Any(marker => message.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private BindingRequest Request(string operation, string key)
    {
        var request = new BindingRequest(bindingName, operation);
        request.Metadata["fileName"] = key;
        request.Metadata["blobName"] = key;
        request.Metadata["key"] = key;
        return request;
    }
}

/// <summary>The object storage answered that the key does not exist: a permanent answer, not an outage.</summary>
public sealed class ObjectNotFoundException(string bindingName, string key, Exception inner)
    : Exception($"{bindingName} has no object {key}", inner)
{
    public string Key { get; } = key;
}
