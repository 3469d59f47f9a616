namespace CloudPatterns.Gateway.OpenApi;

/// <summary>
/// The public API document, generated from the route table and the services' own documents, so it can never list a
/// path the gateway does not serve or miss one it does. Each service operation a route forwards appears at its public
/// path with the service's schemas and problems, plus the gateway's own answers on that route (401, 403, 413, 429)
/// (<see cref="ServiceDocumentMerger"/>). A route whose service document cannot be read just now (<see cref="ServiceDocuments"/>)
/// is still described, from the route table alone: its path, methods, the app it reaches, the token it needs, with a note.
/// </summary>
public sealed partial class ProxyRoutesDocumentTransformer(
    IProxyConfigProvider proxy, ServiceDocuments services, IOptions<GatewayOptions> gateway, ILogger<ProxyRoutesDocumentTransformer> logger)
    : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";
    public const string RouteOnlyExtension = "x-route-only";
    private const string Description = "Everything outside can reach, through the gateway, as each service describes it.";
    private static readonly string[] s_allMethods = ["GET", "POST", "PUT", "DELETE"];

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "CloudPatterns public API";
        document.Info.Description = Description;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = BearerSchemeDefinition();
        document.Paths ??= new OpenApiPaths();
        document.Tags ??= new HashSet<OpenApiTag>();

        var routes = proxy.GetConfig().Routes.Where(r => r.Match.Path is not null && !DaprRoutes.ServesPages(r)).OrderBy(r => r.Match.Path, StringComparer.Ordinal).ToList();
        var read = await Task.WhenAll(routes.Select(AppIdOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(services.GetAsync))
            .WaitAsync(cancellationToken);
        var merged = ServiceDocumentMerger.Merge(routes, read, BodyLimit, route => RateLimitRoutes.FamilyOf(route) ?? SharedBudgets.GlobalLimit);
        Graft(document, merged);

        var unavailable = read.Where(r => !r.IsAvailable).ToDictionary(r => r.AppId, r => r.Problem!, StringComparer.Ordinal);
        foreach (var route in routes.Where(r => !merged.CoveredRouteIds.Contains(r.RouteId)))
        {
            var appId = AppIdOf(route);
            var note = unavailable.TryGetValue(appId, out var problem)
                ? $"The API document of {appId} could not be read just now ({problem}): this entry describes the route only."
                : $"The API document of {appId} lists nothing this route forwards: this entry describes the route only.";
            AddRouteOnly(document, route, appId, route.Match.Path!.Contains("{**", StringComparison.Ordinal) ? $"{note} A path ending in {{rest}} forwards everything below it." : note);
        }

        if (unavailable.Count > 0)
        {
            document.Info.Description = $"{Description} Described from the route table only, because their documents could not be read just now: "
                + string.Join("; ", unavailable.Select(u => $"{u.Key} ({u.Value})")) + ".";
        }

        SortPaths(document);
    }

    /// <summary>
    /// The services' part, parsed into the document model from its JSON. The fragment declares the bearer scheme too:
    /// without it the parser drops the operations' requirements of it (they would read <c>[{}]</c>).
    /// </summary>
    private void Graft(OpenApiDocument document, ServiceDocumentMerger.Merged merged)
    {
        var fragment = new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject { ["title"] = "services", ["version"] = "1" },
            ["paths"] = merged.Paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = merged.Schemas,
                ["securitySchemes"] = new JsonObject { [BearerScheme] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" } },
            },
            ["tags"] = merged.Tags,
        };
        var read = OpenApiDocument.Parse(fragment.ToJsonString(), OpenApiConstants.Json);
        if (read.Diagnostic?.Errors is { Count: > 0 } errors)
        {
            LogUnreadable(logger, string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        }

        if (read.Document is not { } parsed)
        {
            return;
        }

        foreach (var (name, schema) in parsed.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            document.Components!.Schemas![name] = schema;
        }

        foreach (var (path, item) in parsed.Paths ?? [])
        {
            document.Paths[path] = item;
        }

        foreach (var tag in parsed.Tags ?? new HashSet<OpenApiTag>())
        {
            AddTag(document, tag);
        }
    }

    private void AddRouteOnly(OpenApiDocument document, RouteConfig route, string appId, string note)
    {
        var path = route.Match.Path!.Replace("{**", "{", StringComparison.Ordinal);
        if (!document.Paths.TryGetValue(path, out var existing) || existing is not OpenApiPathItem item)
        {
            item = new OpenApiPathItem { Parameters = PathParameters(path).ToList<IOpenApiParameter>() };
            document.Paths[path] = item;
        }

        AddTag(document, new OpenApiTag { Name = appId });
        item.Operations ??= new Dictionary<HttpMethod, OpenApiOperation>();
        foreach (var method in route.Match.Methods ?? s_allMethods)
        {
            item.Operations[new HttpMethod(method)] = Operation(document, route, method.ToUpperInvariant(), appId, note);
        }
    }

    private OpenApiOperation Operation(OpenApiDocument document, RouteConfig route, string method, string appId, string note)
    {
        var policy = route.AuthorizationPolicy ?? "default";
        var anonymous = policy.Equals("Anonymous", StringComparison.OrdinalIgnoreCase);
        var operation = new OpenApiOperation
        {
            OperationId = route.RouteId,
            Summary = $"Forwarded to {appId}" + (anonymous ? string.Empty : $"; needs a token ({policy})"),
            Description = note,
            Tags = new HashSet<OpenApiTagReference> { new(appId, document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = $"What {appId} answers (also its 4xx problem details)." },
                ["429"] = new OpenApiResponse { Description = $"Rate limit ({RateLimitRoutes.FamilyOf(route) ?? SharedBudgets.GlobalLimit}) used up; see Retry-After." },
            },
            Extensions = new Dictionary<string, IOpenApiExtension>
            {
                [ServiceDocumentMerger.RouteExtension] = new JsonNodeExtension(JsonValue.Create(route.RouteId)),
                [RouteOnlyExtension] = new JsonNodeExtension(JsonValue.Create(true)),
            },
        };

        if (method is "POST" or "PUT")
        {
            operation.Responses["413"] = new OpenApiResponse { Description = $"The body is larger than the gateway accepts on this route ({BodyLimit(route)} bytes)." };
        }

        if (!anonymous)
        {
            operation.Responses["401"] = new OpenApiResponse { Description = "No token, or one that is not valid; WWW-Authenticate says why." };
            operation.Responses["403"] = new OpenApiResponse { Description = "The token lacks the role or the resource is another customer's." };
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        }

        return operation;
    }

    private string BodyLimit(RouteConfig route) =>
        (route.Metadata?.GetValueOrDefault(RequestSizeLimit.RouteMetadata) is { } value && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var routeLimit)
            ? routeLimit
            : gateway.Value.MaxRequestBodyBytes).ToString("N0", CultureInfo.InvariantCulture);

    private static string AppIdOf(RouteConfig route) => route.Metadata?.GetValueOrDefault(DaprRoutes.AppIdMetadata) ?? "unknown";

    private static void AddTag(OpenApiDocument document, OpenApiTag tag)
    {
        if (!document.Tags!.Any(t => t.Name == tag.Name))
        {
            document.Tags!.Add(tag);
        }
    }

    private static void SortPaths(OpenApiDocument document)
    {
        var sorted = document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        document.Paths.Clear();
        foreach (var (path, item) in sorted)
        {
            document.Paths[path] = item;
        }
    }

    private static OpenApiSecurityScheme BearerSchemeDefinition() => new()
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        BearerFormat = "JWT",
        Description = "Microsoft Entra ID in Azure; locally, a token from POST /dev/token.",
    };

    private static IEnumerable<OpenApiParameter> PathParameters(string path) =>
        path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => new OpenApiParameter
        {
            Name = s[1..^1],
            In = ParameterLocation.Path,
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parts of the services' API documents could not be read into the public one: {Errors}")]
    private static partial void LogUnreadable(ILogger logger, string errors);
}
