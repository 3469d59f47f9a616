using System.ComponentModel.DataAnnotations;
using CloudPatterns.ServiceDefaults.Security;

namespace CloudPatterns.Gateway.Security;

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
