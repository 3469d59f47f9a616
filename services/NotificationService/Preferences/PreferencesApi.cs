using System.Security.Claims;
using CloudPatterns.ServiceDefaults.Problems;
using CloudPatterns.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudPatterns.NotificationService.Preferences;

public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/customers/{customerId}/notification-preferences").WithTags("Notification preferences")
            .RequireAuthorization(Policies.User);
        preferences.MapGet("/", GetPreferences);
        preferences.MapPut("/", PutPreferences);
        return app;
    }

    [ProblemResponse(StatusCodes.Status403Forbidden, "Customers see their own preferences only.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<NotificationPreferences>, ValidationProblem, ProblemHttpResult>> GetPreferences(
        string customerId, PreferenceStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(customerId))
        {
            return ProblemResults.Forbidden("Customers see their own preferences only.");
        }

        return PreferencesValidation.IsCustomerId(customerId)
            ? TypedResults.Ok(await store.GetAsync(customerId, cancellationToken))
            : ProblemResults.Invalid(nameof(customerId), "is not a customer id");
    }

    [ProblemResponse(StatusCodes.Status403Forbidden, "Customers change their own preferences only.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<NotificationPreferences>, ValidationProblem, ProblemHttpResult>> PutPreferences(
        string customerId, PreferencesInput input, PreferenceStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(customerId))
        {
            return ProblemResults.Forbidden("Customers change their own preferences only.");
        }

        if (PreferencesValidation.Problems(customerId, input) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems);
        }

        return TypedResults.Ok(await store.SaveAsync(customerId, input, cancellationToken));
    }
}
