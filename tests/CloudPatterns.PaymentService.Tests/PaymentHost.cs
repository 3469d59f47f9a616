namespace CloudPatterns.PaymentService.Tests;

/// <summary>payment-service on a fabric, calling the payment provider simulator (over plain HTTP, in memory).</summary>
public sealed class PaymentHost : IAsyncDisposable
{
    public const string ApiKey = "dev-only-fake-payment-provider-key";

    private readonly ProviderStub _stub;

    private PaymentHost(DaprTestFabric fabric, WebApplicationFactory<PaymentProviderSimulatorApp> provider, DaprAppFactory<PaymentServiceApp> payments, ProviderStub stub)
    {
        _stub = stub;
        Fabric = fabric;
        Provider = provider;
        Payments = payments;
        Client = payments.CreateTrustedClient();
    }

    public DaprTestFabric Fabric { get; }

    public WebApplicationFactory<PaymentProviderSimulatorApp> Provider { get; }

    public DaprAppFactory<PaymentServiceApp> Payments { get; }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; private init; } = new();

    public SimulatorSettings Knobs => Provider.Services.GetRequiredService<SimulatorSettings>();

    public ProviderLedger ProviderLedger => Provider.Services.GetRequiredService<ProviderLedger>();

    public ProviderCircuit Circuit => Payments.Services.GetRequiredService<ProviderCircuit>();

    /// <summary>Answers the provider calls it returns an answer for in the simulator's place (answers no simulator gives); null passes them on.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? ProviderAnswers
    {
        get => _stub.Answer;
        set => _stub.Answer = value;
    }

    /// <summary>Runs when the simulator has answered a provider call, before payment-service hears the answer: a test can hold it there.</summary>
    public Func<HttpRequestMessage, Task>? ProviderAnswered
    {
        get => _stub.Answered;
        set => _stub.Answered = value;
    }

    /// <summary>Lets each provider call reach the simulator and then loses its answer (a 504 comes back instead): what a timeout after the provider acted looks like.</summary>
    public bool LoseProviderAnswers
    {
        get => _stub.LoseAnswers;
        set => _stub.LoseAnswers = value;
    }

    public static async Task<PaymentHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var fabric = new DaprTestFabric();
        fabric.Secrets("secretstore")["payment-provider-api-key"] = ApiKey;
        var logs = new CapturingLoggerProvider();

        var provider = new WebApplicationFactory<PaymentProviderSimulatorApp>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Simulator:ApiKey", ApiKey);
            builder.UseSetting("Simulator:Seed", "7");
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(fabric.Time);
            });
        });
        var providerHandler = new ProviderStub { InnerHandler = provider.Server.CreateHandler() };

        var payments = new DaprAppFactory<PaymentServiceApp>(fabric, AppIds.PaymentService, builder =>
        {
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PaymentProvider:BaseUrl"] = "http://payment-provider/",
            }.Concat(settings ?? [])));
            builder.ConfigureLogging(CapturingLoggerProvider.CaptureLogs(logs));
            builder.ConfigureTestServices(services =>
                services.AddHttpClient<PaymentProviderClient>().ConfigurePrimaryHttpMessageHandler(() => providerHandler));
        });
        await payments.StartAsync();
        return new PaymentHost(fabric, provider, payments, providerHandler) { Logs = logs };
    }

    public static ChargeRequest Charge(string orderId, decimal amount = 25.50m, string token = "tok_visa") =>
        new(orderId, new Money(amount, "USD"), new PaymentMethod(PaymentMethod.Card, token), "customer-1");

    public async Task<PaymentResponse> GetPaymentAsync(string paymentId) =>
        (await Client.GetFromJsonAsync<PaymentResponse>($"payments/{paymentId}", JsonDefaults.Options))!;

    public async Task<(HttpResponseMessage Response, PaymentResponse? Payment)> PayAsync(ChargeRequest request)
    {
        var response = await Client.PostAsJsonAsync("payments", request, JsonDefaults.Options);
        var payment = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<PaymentResponse>(JsonDefaults.Options) : null;
        return (response, payment);
    }

    /// <summary>A provider answer with a JSON body.</summary>
    public static HttpResponseMessage ProviderAnswer(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Payments.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>Between payment-service and the simulator: answers what <see cref="Answer"/> answers, passes the rest on (and loses their answers when told to).</summary>
internal sealed class ProviderStub : DelegatingHandler
{
    public Func<HttpRequestMessage, HttpResponseMessage?>? Answer { get; set; }

    public Func<HttpRequestMessage, Task>? Answered { get; set; }

    public bool LoseAnswers { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Answer?.Invoke(request) is { } answer)
        {
            return answer;
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (Answered is { } answered)
        {
            await answered(request);
        }

        if (!LoseAnswers)
        {
            return response;
        }

        response.Dispose();
        return new HttpResponseMessage(HttpStatusCode.GatewayTimeout);
    }
}
