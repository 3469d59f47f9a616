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
    public static async Task<Results<Ok<NotificationPreferences>, ProblemHttpResult>> GetPreferences(
        [RegularExpression(PreferencesInput.CustomerIdPattern, ErrorMessage = PreferencesInput.CustomerIdMessage)] string customerId,
        PreferenceStore store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.MayActFor(customerId)
            ? TypedResults.Ok(await store.GetAsync(customerId, cancellationToken))
            : ProblemResults.Forbidden("Customers see their own preferences only.");

    [ProblemResponse(StatusCodes.Status403Forbidden, "Customers change their own preferences only.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<NotificationPreferences>, ProblemHttpResult>> PutPreferences(
        [RegularExpression(PreferencesInput.CustomerIdPattern, ErrorMessage = PreferencesInput.CustomerIdMessage)] string customerId,
        PreferencesInput input, PreferenceStore store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.MayActFor(customerId)
            ? TypedResults.Ok(await store.SaveAsync(customerId, input, cancellationToken))
            : ProblemResults.Forbidden("Customers change their own preferences only.");
}

/// <summary>PUT body: the whole set, replacing what was saved. Phone numbers in E.164 form (+4915112345678).</summary>
public sealed record PreferencesInput(
    string? Email,
    [property: RegularExpression(@"^\+[1-9][0-9]{7,14}$", ErrorMessage = "must be an E.164 number: + then 8 to 15 digits, e.g. +4915112345678")]
    string? Phone,
    bool SmsOptIn) : IValidatableObject
{
    /// <summary>What a customer id in a preferences path must look like.</summary>
    public const string CustomerIdPattern = "^[A-Za-z0-9._-]{1,100}$";

    public const string CustomerIdMessage = "must be 1 to 100 letters, digits, '.', '_' or '-'";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Email is not null && !IsEmail(Email))
        {
            yield return new ValidationResult("must be an email address like ada@example.com", [nameof(Email)]);
        }

        if (SmsOptIn && Phone is null)
        {
            yield return new ValidationResult("needs a phone number", [nameof(SmsOptIn)]);
        }
    }

    public static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);
}
