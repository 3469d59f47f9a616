namespace CloudPatterns.Bench;

/// <summary>
/// What the gateway and order intake ask of their sidecar, on loopback: over HTTP, Dapr service invocation - every
/// path answered at once with the same small body (the static upstream nginx proxies to as well); over gRPC, the
/// local signing key (GetSecret), state in memory with ETags and insert-only writes (GetState/SaveState, for the
/// gateway's rate limiter) and state transactions (ExecuteStateTransaction, for order intake's write with its outbox
/// message). Anything else over gRPC is Unimplemented. Not Dapr: no mTLS, no resiliency, no second hop, no store on
/// disk, and the outbox message is counted, not published - the same for every build measured.
/// </summary>
public sealed class FakeSidecar : IAsyncDisposable
{
    public const string SigningKey = "dev-only-fake-jwt-signing-key-for-local-runs-do-not-use";
    private static readonly byte[] s_body = "{\"ok\":true}"u8.ToArray();
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (ByteString Data, long ETag)> _state = new(StringComparer.Ordinal);
    private long _etags;
    private long _outboxMessages;

    private FakeSidecar(WebApplication app, int httpPort, int grpcPort)
    {
        _app = app;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
    }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    /// <summary>Outbox projections received in committed transactions: what daprd would have published.</summary>
    public long OutboxMessages => Interlocked.Read(ref _outboxMessages);

    public static async Task<FakeSidecar> StartAsync()
    {
        var (httpPort, grpcPort) = (Ports.Free(), Ports.Free());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, httpPort, o => o.Protocols = HttpProtocols.Http1);
            kestrel.Listen(System.Net.IPAddress.Loopback, grpcPort, o => o.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var sidecar = new FakeSidecar(app, httpPort, grpcPort);
        app.Run(context => context.Connection.LocalPort == grpcPort ? sidecar.GrpcAsync(context) : Upstream(context));
        await app.StartAsync();
        return sidecar;
    }

    private static Task Upstream(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = s_body.Length;
        return context.Response.Body.WriteAsync(s_body).AsTask();
    }

    private async Task GrpcAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var message = buffer.Length >= 5 ? buffer.ToArray().AsMemory(5) : ReadOnlyMemory<byte>.Empty;
        context.Response.ContentType = "application/grpc";
        var method = context.Request.Path.Value ?? "";
        IMessage? reply = null;
        var status = 0;
        switch (method[(method.LastIndexOf('/') + 1)..])
        {
            case "GetSecret":
                var secret = GetSecretRequest.Parser.ParseFrom(message.Span);
                reply = new GetSecretResponse { Data = { [secret.Key] = SigningKey } };
                break;
            case "GetState":
                var get = GetStateRequest.Parser.ParseFrom(message.Span);
                reply = _state.TryGetValue(get.Key, out var found)
                    ? new GetStateResponse { Data = found.Data, Etag = found.ETag.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                    : new GetStateResponse();
                break;
            case "SaveState":
                status = Save(SaveStateRequest.Parser.ParseFrom(message.Span)) ? 0 : 10; // 10: Aborted, Dapr's ETag mismatch
                reply = status == 0 ? new Google.Protobuf.WellKnownTypes.Empty() : null;
                break;
            case "ExecuteStateTransaction":
                status = Transact(ExecuteStateTransactionRequest.Parser.ParseFrom(message.Span)) ? 0 : 10;
                reply = status == 0 ? new Google.Protobuf.WellKnownTypes.Empty() : null;
                break;
            default:
                status = 12; // Unimplemented
                break;
        }

        if (reply is not null)
        {
            var bytes = reply.ToByteArray();
            var frame = new byte[5 + bytes.Length];
            BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), bytes.Length);
            bytes.CopyTo(frame, 5);
            await context.Response.Body.WriteAsync(frame);
        }

        context.Response.AppendTrailer("grpc-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private bool Save(SaveStateRequest request)
    {
        foreach (var item in request.States)
        {
            var etag = Interlocked.Increment(ref _etags);
            var expected = item.Etag?.Value;
            if (string.IsNullOrEmpty(expected))
            {
                if (!_state.TryAdd(item.Key, (item.Value, etag)))
                {
                    return false;
                }

                continue;
            }

            if (!_state.TryGetValue(item.Key, out var current)
                || current.ETag.ToString(System.Globalization.CultureInfo.InvariantCulture) != expected
                || !_state.TryUpdate(item.Key, (item.Value, etag), current))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Upserts are saved as SaveState saves them; an upsert marked outbox.projection is what daprd publishes instead of
    /// storing (StateOperations.OutboxProjection), so it is counted once the rest commits. Deletes are not needed here.
    /// </summary>
    private bool Transact(ExecuteStateTransactionRequest request)
    {
        var writes = new SaveStateRequest { StoreName = request.StoreName };
        var projections = 0;
        foreach (var operation in request.Operations)
        {
            if (operation.OperationType != "upsert")
            {
                return false;
            }

            if (operation.Request.Metadata.TryGetValue("outbox.projection", out var projection) && projection == "true")
            {
                projections++;
            }
            else
            {
                writes.States.Add(operation.Request);
            }
        }

        if (!Save(writes))
        {
            return false;
        }

        Interlocked.Add(ref _outboxMessages, projections);
        return true;
    }

    /// <summary>An app (as published) whose sidecar is this one.</summary>
    public AppProcess Start(Published app, IReadOnlyDictionary<string, string> environment)
    {
        var withSidecar = new Dictionary<string, string>(environment)
        {
            ["DAPR_HTTP_PORT"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return AppProcess.Start(app, withSidecar);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public static class Ports
{
    public static int Free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
