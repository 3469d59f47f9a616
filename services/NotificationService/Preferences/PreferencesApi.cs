using CloudPatterns.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudPatterns.NotificationService.Preferences;

public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/customers/{customerId}/notification-preferences").WithTags("Notification preferences");
        preferences.MapGet("/", GetPreferences);
        preferences.MapPut("/", PutPreferences);
        return app;
    }

    public static async Task<Results<Ok<NotificationPreferences>, ValidationProblem>> GetPreferences(
        string customerId, PreferenceStore store, CancellationToken cancellationToken) =>
        PreferencesValidation.IsCustomerId(customerId)
            ? TypedResults.Ok(await store.GetAsync(customerId, cancellationToken))
            : ProblemResults.Invalid(nameof(customerId), "is not a customer id");

    public static async Task<Results<Ok<NotificationPreferences>, ValidationProblem>> PutPreferences(
        string customerId, PreferencesInput input, PreferenceStore store, CancellationToken cancellationToken)
    {
        if (PreferencesValidation.Problems(customerId, input) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems);
        }

        return TypedResults.Ok(await store.SaveAsync(customerId, input, cancellationToken));
    }
}
