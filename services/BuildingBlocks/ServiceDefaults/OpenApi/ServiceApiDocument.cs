namespace CloudPatterns.ServiceDefaults.OpenApi;

/// <summary>
/// A service's own OpenAPI document at <see cref="Path"/>: the endpoints users reach (through the gateway), with the
/// request and response schemas of their typed results and the problems they answer. Internal endpoints are left
/// out: subscriptions and the pipeline's routes (ExcludeFromDescription), Dapr's and the actors' routes and health
/// probes (not route handlers), and endpoints only other apps may call (<see cref="CallerAllowList"/> without
/// admins). Only the gateway reads it, through its sidecar; it merges every service's document into the public one.
/// </summary>
public static class ServiceApiDocument
{
    public const string DocumentName = "v1";
    public const string Path = "/openapi/v1.json";
    public const string BearerScheme = "Bearer";

    public static IHostApplicationBuilder AddServiceApiDocument(this IHostApplicationBuilder builder)
    {
        var appId = builder.Configuration["APP_ID"] is { Length: > 0 } configured ? configured : builder.Environment.ApplicationName;
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            var included = options.ShouldInclude;
            options.ShouldInclude = description => (included?.Invoke(description) ?? true) && !IsInternal(description.ActionDescriptor.EndpointMetadata);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = $"{appId} API";
                document.Info.Description = $"What {appId} answers to users. Outside callers reach it through the gateway, under /api.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The user's token, which the gateway forwards and this service checks again.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeAccessAndBodyAsync);
        });
        return builder;
    }

    /// <summary>Serves the document to the gateway (through its sidecar) and to no other caller.</summary>
    public static IEndpointConventionBuilder MapServiceApiDocument(this IEndpointRouteBuilder app) =>
        app.MapOpenApi().AllowCallers([AppIds.Gateway]);

    /// <summary>Only other apps may call it: a service-to-service endpoint, not part of the API users see.</summary>
    public static bool IsInternal(IEnumerable<object> endpointMetadata) =>
        endpointMetadata.OfType<CallerAllowList>().LastOrDefault() is { OrAdmin: false };

    /// <summary>
    /// What every protected endpoint may answer before its handler runs (401 without a valid token, 403 without the
    /// role), and the 400 every endpoint with a body gives for one it cannot read, unless the handler declares them;
    /// the body of a handler that reads it as bytes (<see cref="RawBodyAttribute"/>); headers it cannot do without
    /// (<see cref="RequiredHeaderAttribute"/>).
    /// </summary>
    private static async Task DescribeAccessAndBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        var adminToo = metadata.OfType<CallerAllowList>().LastOrDefault() is { OrAdmin: true };
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        operation.Responses ??= new OpenApiResponses();

        // What each declared answer means (ApiExplorer keeps only the status code's reason phrase).
        foreach (var declared in metadata.OfType<IProducesResponseTypeMetadata>().Where(m => !string.IsNullOrEmpty(m.Description)))
        {
            if (operation.Responses.TryGetValue(declared.StatusCode.ToString(CultureInfo.InvariantCulture), out var response) && response is OpenApiResponse described)
            {
                described.Description = declared.Description;
            }
        }

        if (!anonymous && (policies.Count > 0 || adminToo))
        {
            var adminOnly = adminToo || policies.Contains(Policies.Admin);
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized,
                "No bearer token, or one that is not valid; WWW-Authenticate says why.", typeof(ProblemDetails), cancellationToken);
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden,
                adminOnly ? "The token lacks the admin role." : "The token carries no customer or admin role.", typeof(ProblemDetails), cancellationToken);
        }

        if (operation.Responses.TryGetValue("400", out var invalid) && invalid is OpenApiResponse { Description: "Bad Request" } validation)
        {
            validation.Description = "A parameter or field is not valid: the problem's errors name each one and what it must be.";
        }

        foreach (var header in metadata.OfType<RequiredHeaderAttribute>())
        {
            if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.In == ParameterLocation.Header && p.Name == header.Name) is { } parameter)
            {
                parameter.Required = true;
            }
        }

        if (metadata.OfType<RawBodyAttribute>().LastOrDefault() is { } raw)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = raw.Description,
                Content = raw.ContentTypes.ToDictionary(
                    type => type, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
            };
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest,
                "The body could not be read, or a field is not valid: the problem's errors name each field.", typeof(HttpValidationProblemDetails), cancellationToken);
        }
        else if (metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters().Any(p => p.IsDefined(typeof(ValidationAttribute), inherit: true)) == true)
        {
            // Rules declared on query or route parameters are checked before the handler runs.
            await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest,
                "A parameter is not valid: the problem's errors name each one and what it must be.", typeof(HttpValidationProblemDetails), cancellationToken);
        }
    }

    private static async Task AddProblemAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description, Type problemType, CancellationToken cancellationToken)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        // A component, referenced, like the problem types the handlers' own metadata brings (not a copy inline).
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(problemType.Name))
        {
            document.Components.Schemas[problemType.Name] = await context.GetOrCreateSchemaAsync(problemType, null, cancellationToken);
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemResponseAttribute.ContentType] = new() { Schema = new OpenApiSchemaReference(problemType.Name, document) },
            },
        };
    }
}
