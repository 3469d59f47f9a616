using System.Net.Mail;
using System.Text.RegularExpressions;

namespace CloudPatterns.NotificationService.Preferences;

public static partial class PreferencesValidation
{
    public const int MaxCustomerIdLength = 100;

    public static Dictionary<string, string[]> Problems(string customerId, PreferencesInput input)
    {
        var problems = new Dictionary<string, string[]>();
        if (!IsCustomerId(customerId))
        {
            problems["customerId"] = [$"must be 1 to {MaxCustomerIdLength} letters, digits, '.', '_' or '-'"];
        }

        if (input.Email is not null && !IsEmail(input.Email))
        {
            problems["email"] = ["must be an email address like ada@example.com"];
        }

        if (input.Phone is not null && !E164().IsMatch(input.Phone))
        {
            problems["phone"] = ["must be an E.164 number: + then 8 to 15 digits, e.g. +4915112345678"];
        }
        else if (input.SmsOptIn && input.Phone is null)
        {
            problems["smsOptIn"] = ["needs a phone number"];
        }

        return problems;
    }

    public static bool IsCustomerId(string customerId) => CustomerId().IsMatch(customerId);

    public static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex CustomerId();
}
