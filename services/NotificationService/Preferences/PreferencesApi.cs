using System.ComponentModel.DataAnnotations;
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

    public static async Task<Results<Ok<NotificationPreferences>, ProblemHttpResult>> GetPreferences(
        [RegularExpression(PreferencesInput.CustomerIdPattern, ErrorMessage = PreferencesInput.CustomerIdMessage)] string customerId,
        PreferenceStore store,
        ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        user.MayActFor(customerId)
            ? TypedResults.Ok(await store.GetAsync(customerId, cancellationToken))
            : ProblemResults.Forbidden("Customers see their own preferences only.");

    public static async Task<Results<Ok<NotificationPreferences>, ProblemHttpResult>> PutPreferences(
        [RegularExpression(PreferencesInput.CustomerIdPattern, ErrorMessage = PreferencesInput.CustomerIdMessage)] string customerId,
        PreferencesInput input,
        PreferenceStore store,
        ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        user.MayActFor(customerId)
            ? TypedResults.Ok(await store.SaveAsync(customerId, input, cancellationToken))
            : ProblemResults.Forbidden("Customers change their own preferences only.");
}
