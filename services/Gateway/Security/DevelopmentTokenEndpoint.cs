namespace CloudPatterns.Gateway.Security;

/// <summary>
/// For `dapr run` and demos: mints a local-mode token for any user and roles, signed with the development key
/// from the Dapr secret store. Mapped only when <see cref="DevelopmentTokenGuard"/> allows it, and answers only
/// callers on the same machine (a gateway bound to every interface still mints nothing for the network).
/// </summary>
public static class DevelopmentTokenEndpoint
{
    public static IEndpointRouteBuilder MapDevelopmentTokenEndpoint(this WebApplication app)
    {
        if (DevelopmentTokenGuard.IsEnabled(app))
        {
            app.MapPost("/dev/token", IssueToken).WithTags("Development").AllowAnonymous().AddEndpointFilter(OnlyFromThisMachine);
        }

        return app;
    }

    private static async ValueTask<object?> OnlyFromThisMachine(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer)
            ? await next(context)
            : Results.Problem(
                title: "Development tokens are issued to this machine only.",
                detail: "Call POST /dev/token from the machine the gateway runs on.",
                statusCode: StatusCodes.Status403Forbidden);

    public static async Task<Ok<TokenResponse>> IssueToken(
        TokenRequest request, DaprClient dapr, IOptions<UserAuthenticationOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var minutes = request.LifetimeMinutes ?? 60;
        var settings = options.Value;
        var secret = await dapr.GetSecretAsync(settings.SecretStore, settings.SigningKeySecret, cancellationToken: cancellationToken);
        var token = DevelopmentTokens.Create(secret[settings.SigningKeySecret], settings, request.UserId, request.Roles, time.GetUtcNow(), TimeSpan.FromMinutes(minutes));
        return TypedResults.Ok(new TokenResponse(token, "Bearer", minutes * 60));
    }
}

/// <summary>POST /dev/token: who the token is for, their roles (admin, customer), and for how long (default an hour).</summary>
public sealed record TokenRequest(
    [property: Required(ErrorMessage = TokenRequest.UserIdMessage), RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage = TokenRequest.UserIdMessage)] string UserId,
    string[] Roles,
    [property: Range(1, 24 * 60, ErrorMessage = "must be between {1} and {2}")] int? LifetimeMinutes = null) : IValidatableObject
{
    public const string UserIdMessage = "must be 1 to 100 letters, digits, '.', '_' or '-'";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Roles is not { Length: > 0 } || !Roles.All(UserClaims.KnownRoles.Contains))
        {
            yield return new ValidationResult(
                $"must name one or more of: {string.Join(", ", UserClaims.KnownRoles.Order(StringComparer.Ordinal))}", [nameof(Roles)]);
        }
    }
}

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
