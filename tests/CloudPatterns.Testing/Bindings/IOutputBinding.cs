namespace CloudPatterns.Testing.Bindings;

/// <summary>What an output binding component does with a request.</summary>
public interface IOutputBinding
{
    Task<BindingResponse> InvokeAsync(BindingRequest request, CancellationToken cancellationToken);
}
