using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Yarp.ReverseProxy.Configuration;
using CloudPatterns.Gateway.RateLimiting;
using CloudPatterns.Gateway.Routing;

namespace CloudPatterns.Gateway.OpenApi;

/// <summary>
/// The public API document, generated from the route table itself, so it can never list a path the gateway
/// does not serve or miss one it does: each route's path, methods, the app it reaches, whether it needs a
/// token (and which role), and the gateway's own answers (401, 403, 413, 429).
/// </summary>
public sealed class ProxyRoutesDocumentTransformer(IProxyConfigProvider proxy) : IOpenApiDocumentTransformer
{
    private const string BearerScheme = "Bearer";
    private static readonly string[] s_allMethods = ["GET", "POST", "PUT", "DELETE"];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "CloudPatterns public API";
        document.Info.Description = "Everything outside can reach, through the gateway. Paths ending in {rest} forward everything below them.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Microsoft Entra ID in Azure; locally, a token from POST /dev/token.",
        };
        document.Paths ??= new OpenApiPaths();
        document.Tags ??= new HashSet<OpenApiTag>();

        foreach (var route in proxy.GetConfig().Routes.Where(r => r.Match.Path is not null).OrderBy(r => r.Match.Path, StringComparer.Ordinal))
        {
            var appId = route.Metadata?.GetValueOrDefault(DaprRoutes.AppIdMetadata) ?? "unknown";
            var path = route.Match.Path!.Replace("{**", "{", StringComparison.Ordinal);
            if (!document.Paths.TryGetValue(path, out var existing) || existing is not OpenApiPathItem item)
            {
                item = new OpenApiPathItem { Parameters = PathParameters(path).ToList<IOpenApiParameter>() };
                document.Paths[path] = item;
            }

            document.Tags.Add(new OpenApiTag { Name = appId });
            item.Operations ??= new Dictionary<HttpMethod, OpenApiOperation>();
            foreach (var method in route.Match.Methods ?? s_allMethods)
            {
                item.Operations[new HttpMethod(method)] = Operation(document, route, appId);
            }
        }

        return Task.CompletedTask;
    }

    private static OpenApiOperation Operation(OpenApiDocument document, RouteConfig route, string appId)
    {
        var policy = route.AuthorizationPolicy ?? "default";
        var anonymous = policy.Equals("Anonymous", StringComparison.OrdinalIgnoreCase);
        var operation = new OpenApiOperation
        {
            OperationId = route.RouteId,
            Summary = $"Forwarded to {appId}" + (anonymous ? string.Empty : $"; needs a token ({policy})"),
            Tags = new HashSet<OpenApiTagReference> { new(appId, document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = $"What {appId} answers (also its 4xx problem details)." },
                ["413"] = new OpenApiResponse { Description = "The body is too large." },
                ["429"] = new OpenApiResponse { Description = $"Rate limit ({RateLimitRoutes.FamilyOf(route) ?? SharedBudgets.GlobalLimit}) used up; see Retry-After." },
            },
        };

        if (!anonymous)
        {
            operation.Responses["401"] = new OpenApiResponse { Description = "No token, or one that is not valid; WWW-Authenticate says why." };
            operation.Responses["403"] = new OpenApiResponse { Description = "The token lacks the role or the resource is another customer's." };
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        }

        return operation;
    }

    private static IEnumerable<OpenApiParameter> PathParameters(string path) =>
        path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => new OpenApiParameter
        {
            Name = s[1..^1],
            In = ParameterLocation.Path,
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
}
