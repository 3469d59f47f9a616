namespace CloudPatterns.Testing.Fabric;

/// <summary>
/// Secret reads held, as against a slow Key Vault, until this is disposed (from <see cref="DaprTestFabric.HoldSecretReads"/>).
/// A read's own cancellation (a timeout the app set) still ends its wait.
/// </summary>
public sealed class SecretReadHold(Action release) : IDisposable
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a read is waiting here: from then on, the app's own timeout on it is running.</summary>
    public Task Arrived => _arrived.Task;

    internal Task WaitAsync(CancellationToken cancellationToken)
    {
        _arrived.TrySetResult();
        return _released.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        release();
        _released.TrySetResult();
    }
}
