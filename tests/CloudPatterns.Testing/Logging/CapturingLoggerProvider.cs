namespace CloudPatterns.Testing.Logging;

/// <summary>
/// Keeps every log line an app writes, at every level (apps under test otherwise log warnings and up only),
/// so a test can check what is logged and that nothing sensitive is. Add it with <see cref="CaptureLogs"/>.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public static Action<ILoggingBuilder> CaptureLogs(CapturingLoggerProvider provider) => logging =>
        logging.AddProvider(provider).AddFilter<CapturingLoggerProvider>(_ => true);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
    }
}
