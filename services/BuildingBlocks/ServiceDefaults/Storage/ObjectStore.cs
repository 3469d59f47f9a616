using Dapr;
using Dapr.Client;

namespace CloudPatterns.ServiceDefaults.Storage;

/// <summary>
/// Objects by key in an output binding that is object storage: local files, Azure Blob Storage or S3. Each
/// request names the key the way each of those bindings reads it (fileName, blobName, key), so the
/// component can change type without a code change.
/// </summary>
public sealed class ObjectStore(DaprClient dapr, string bindingName)
{
    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken)
    {
        var response = await dapr.InvokeBindingAsync(Request("get", key), cancellationToken);
        return response.Data.ToArray();
    }

    /// <summary>The object, or null if it cannot be read for any reason: callers treat that as "not there".</summary>
    public async Task<byte[]?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(key, cancellationToken);
        }
        catch (DaprException)
        {
            return null;
        }
    }

    public Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var request = Request("create", key);
        request.Data = content;
        request.Metadata["contentType"] = contentType;
        return dapr.InvokeBindingAsync(request, cancellationToken);
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
