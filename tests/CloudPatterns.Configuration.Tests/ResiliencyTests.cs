namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// components/common/resiliency.yaml, held to what daprd 1.18 does with it (docs/decisions.md, "Resiliency: retries
/// only where failure is transient"): no retry or breaker where a failure can be an expected answer, one retry
/// owner per call path, and timeouts that nest, inner below outer.
/// </summary>
public sealed class ResiliencyTests
{
    /// <summary>The most provider calls one charge may cause, across every layer that could repeat it.</summary>
    private const int MaxProviderCallsPerCharge = 4;

    private static readonly HashSet<string> s_breakerVariables = ["requests", "totalSuccesses", "totalFailures", "consecutiveSuccesses", "consecutiveFailures"];

    private readonly IReadOnlyList<(JsonObject Resource, string File)> _resiliency =
        Resources.In("common").Where(r => r.Resource.Text("kind") == "Resiliency").ToList();

    private readonly ComponentRegistry _local = Resources.Set(Resources.Local);

    private readonly IReadOnlyList<(string Name, ComponentRegistry Set)> _sets = Resources.EnvironmentNames.Select(e => (e, Resources.Set(e))).ToList();

    private readonly RunFile _runFile = RunFile.Load();

    private readonly ResiliencyPolicies _policies;

    public ResiliencyTests() => _policies = new(_resiliency.Select(r => r.Resource).ToList(), TimeProvider.System);

    [Fact]
    public void EveryTargetNamesPoliciesComponentsAndAppsThatExist()
    {
        foreach (var (resource, file) in _resiliency)
        {
            var spec = resource["spec"]!;
            Assert.All(Scopes(resource), app => Assert.Contains(app, _runFile.AppIds));
            foreach (var (component, target) in Targets(spec, "components"))
            {
                Assert.All(_sets, set => Assert.True(set.Set.TryGet(component, out _), $"{file}: targets {component}, which components/{set.Name} does not define"));
                foreach (var direction in new[] { "inbound", "outbound" })
                {
                    AssertPoliciesExist(spec, target?[direction], $"{file}: {component}.{direction}");
                }
            }

            foreach (var (app, target) in Targets(spec, "apps"))
            {
                Assert.True(_runFile.AppIds.Contains(app), $"{file}: targets unknown app {app}");
                AssertPoliciesExist(spec, target, $"{file}: {app}");
            }
        }
    }

    [Fact]
    public void NoStoreOrBindingIsRetriedOrGuardedByABreaker()
    {
        // daprd retries a state transaction whatever the error and counts every failed call in the component's
        // breaker (which also guards actor and workflow state); a binding get of a missing key is an error too.
        foreach (var (resource, file) in _resiliency)
        {
            foreach (var (name, target) in Targets(resource["spec"]!, "components"))
            {
                var types = _sets.Select(set => set.Set.Components.Single(c => c.Name == name).Type);
                if (types.Any(type => type.StartsWith("state.", StringComparison.Ordinal) || type.StartsWith("bindings.", StringComparison.Ordinal)))
                {
                    var component = _local.Components.Single(c => c.Name == name);
                    foreach (var direction in new[] { "inbound", "outbound" })
                    {
                        Assert.True(target?[direction].Text("retry") is null, $"{file}: {name} ({component.Type}) must not be retried by the sidecar");
                        Assert.True(target?[direction].Text("circuitBreaker") is null, $"{file}: {name} ({component.Type}) must not have a circuit breaker");
                    }
                }
            }
        }
    }

    [Fact]
    public void EveryComponentCallIsBoundedInTimeAndDeliveryIsRedeliveredWithoutABreaker()
    {
        foreach (var component in _local.Components.Where(c => !c.Type.StartsWith("secretstores.", StringComparison.Ordinal)))
        {
            foreach (var app in component.Scopes)
            {
                Assert.True(_policies.ComponentOutbound(app, component.Name).Timeout is not null, $"{component.Name} has no outbound timeout in {app}'s sidecar");
            }
        }

        var inbound = _policies.ComponentInbound(AppIds.OrderService, Topics.PubSub);
        Assert.NotNull(inbound.Timeout);
        Assert.NotNull(inbound.Retry);
        // RETRY is how a handler says "not yet", and the breaker would be the one publishing uses too.
        Assert.Null(inbound.Breaker);
    }

    [Fact]
    public void TripExpressionsReadOnlyCountsABreakerHas()
    {
        // An unknown variable makes daprd's trip expression fail to evaluate, and the breaker then never trips.
        foreach (var (resource, file) in _resiliency)
        {
            foreach (var (name, policy) in resource["spec"]!["policies"]?["circuitBreakers"]?.AsObject() ?? [])
            {
                var trip = policy.Text("trip")!;
                var words = trip.Split([' ', '(', ')', '>', '<', '=', '!', '&', '|'], StringSplitOptions.RemoveEmptyEntries)
                    .Where(w => !char.IsDigit(w[0]));
                Assert.True(words.All(s_breakerVariables.Contains), $"{file}: breaker {name} trips on `{trip}`, which names something a breaker does not count");
                Assert.False(BreakerTemplate.FromResource(name, policy).Trips(new BreakerCounts()), $"{file}: breaker {name} trips before any failure");
            }
        }
    }

    [Fact]
    public void TheGatewaysSidecarNeitherRetriesNorBreaksForwardedRequests()
    {
        // A client decides whether to repeat its request; and an invoked app's 4xx counts in the caller's breaker,
        // so five bad requests from one client would shut a path for everyone.
        foreach (var app in _runFile.AppIds.Where(id => id != AppIds.Gateway))
        {
            var policy = _policies.App(AppIds.Gateway, app, "any/path");
            Assert.Null(policy.Retry);
            Assert.Null(policy.Breaker);
        }

        // The gateway's policy was found (each forward is bounded in time), and the same lookup finds another caller's breaker.
        Assert.NotNull(_policies.App(AppIds.Gateway, AppIds.OrderService, "any/path").Timeout);
        Assert.NotNull(_policies.App(AppIds.OrderService, AppIds.ProductService, "any/path").Breaker);
    }

    [Fact]
    public void EachOfTheWorkflowsCallPathsHasOneRetryOwner()
    {
        var paths = new[]
        {
            (Target: AppIds.PaymentService, Workflow: OrderWorkflowPolicies.Payment),
            (Target: AppIds.ProductService, Workflow: OrderWorkflowPolicies.ServiceCall),
        };
        foreach (var (target, workflow) in paths)
        {
            var sidecar = _policies.App(AppIds.OrderService, target, "any/path");
            Assert.True(Attempts(workflow) > 1, $"the order workflow retries its calls to {target}");
            Assert.True(sidecar.Retry is null, $"order-service's sidecar retries {target} too: attempts would multiply");
        }

        // payment-service calls the provider once per request (no Polly retry), so a charge costs at most the workflow's attempts.
        Assert.InRange(Attempts(OrderWorkflowPolicies.Payment), 2, MaxProviderCallsPerCharge);
    }

    [Fact]
    public void TimeoutsNestInnerBelowOuter()
    {
        var payment = _policies.App(AppIds.OrderService, AppIds.PaymentService, "payments").Timeout!.Value;
        var product = _policies.App(AppIds.OrderService, AppIds.ProductService, "catalog/prices").Timeout!.Value;
        var (paymentClient, productClient) = OrderServiceClientTimeouts();
        var providerCall = RepositoryPaths.AppSetting<TimeSpan>("PaymentService", "PaymentProvider:AttemptTimeout");

        Assert.True(providerCall < payment, $"a provider call ({providerCall}) must end before order-service's sidecar gives up on payment-service ({payment})");
        Assert.True(payment < paymentClient, $"order-service's sidecar ({payment}) must give up before its HttpClient ({paymentClient})");
        Assert.True(product < productClient, $"order-service's sidecar ({product}) must give up before its HttpClient ({productClient})");

        var proxy = RepositoryPaths.AppSetting<TimeSpan>("Gateway", "ReverseProxy:Clusters:dapr-sidecar:HttpRequest:ActivityTimeout");
        var upload = _policies.App(AppIds.Gateway, AppIds.ProductService, "products/SKU/images").Timeout!.Value;
        var images = _policies.ComponentOutbound(AppIds.ProductService, "images").Timeout!.Value;
        foreach (var app in _runFile.AppIds.Where(id => id != AppIds.Gateway && id != "payment-provider" && id != AppIds.ImageProcessor))
        {
            var forward = _policies.App(AppIds.Gateway, app, "any").Timeout;
            Assert.True(forward is { } bound && bound < proxy, $"the gateway's sidecar must bound its calls to {app} below the proxy's {proxy}");
        }

        Assert.True(images < upload, $"writing an original ({images}) must end before the gateway's sidecar gives up on the upload ({upload})");

        var resize = RepositoryPaths.AppSetting<TimeSpan>("ImageProcessor", "Images:Timeout");
        var delivery = _policies.ComponentInbound(AppIds.ImageProcessor, Topics.PubSub);
        Assert.True(resize < delivery.Timeout, $"a resize ({resize}) must end before its delivery times out ({delivery.Timeout})");
    }

    /// <summary>
    /// Worst case of one message's deliveries: every attempt to its timeout, plus daprd's exponential back-off
    /// (initial 500 ms, x1.5, randomised by up to 50 %, capped at maxInterval; dapr/kit retry).
    /// </summary>
    public static TimeSpan InboundBudget(ResiliencyPolicy inbound)
    {
        var attempts = inbound.Retry?.MaxAttempts ?? 1;
        var backOff = Enumerable.Range(0, attempts - 1).Sum(n => Math.Min(0.5 * Math.Pow(1.5, n) * 1.5, 30));
        return inbound.Timeout!.Value * attempts + TimeSpan.FromSeconds(backOff);
    }

    private static int Attempts(WorkflowTaskOptions options) => options.RetryPolicy?.MaxNumberOfAttempts ?? 1;

    private static (TimeSpan Payment, TimeSpan Product) OrderServiceClientTimeouts()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.AddOrderService();
        using var services = builder.Services.BuildServiceProvider();
        var clients = services.GetRequiredService<IHttpClientFactory>();
        return (clients.CreateClient(nameof(PaymentServiceClient)).Timeout, clients.CreateClient(nameof(ProductServiceClient)).Timeout);
    }


    private static void AssertPoliciesExist(JsonNode spec, JsonNode? target, string where)
    {
        foreach (var (kind, policy) in new[] { ("timeouts", "timeout"), ("retries", "retry"), ("circuitBreakers", "circuitBreaker") })
        {
            if (target.Text(policy) is { } name)
            {
                Assert.True(spec["policies"]?[kind]?[name] is not null, $"{where}.{policy} names unknown {kind} policy {name}");
            }
        }
    }

    private static IEnumerable<(string Name, JsonNode? Target)> Targets(JsonNode spec, string kind) =>
        (spec["targets"]?[kind]?.AsObject() ?? []).Select(t => (t.Key, t.Value));

    private static List<string> Scopes(JsonObject resource) =>
        resource["scopes"]?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [];
}
