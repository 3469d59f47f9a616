namespace CloudPatterns.NotificationService.Delivery;

/// <summary>
/// Hands a message to the email or sms output binding. The request carries the metadata of every binding
/// the component may be, so switching the component (local files, SMTP, SES, Twilio) needs no code:
/// fileName for bindings.localstorage; emailTo, emailFrom and subject for bindings.smtp, bindings.twilio.sendgrid and bindings.aws.ses;
/// toNumber for bindings.twilio.sms. Unknown metadata is ignored by each binding. The text goes as a Go-quoted string:
/// bindings.aws.ses accepts nothing else, and every other one (smtp, SendGrid, Twilio, local files) unquotes it
/// (components-contrib v1.18.4, each binding's Invoke: strconv.Unquote).
/// </summary>
public sealed class ChannelSender(DaprClient dapr, IOptionsMonitor<NotificationOptions> options)
{
    private const string Create = "create";

    public Task SendAsync(NotificationRecord record, Message message, CancellationToken cancellationToken)
    {
        var fileName = $"{record.Kind}-{record.NotificationId}.txt";
        return record.Channel switch
        {
            Channel.Email => dapr.InvokeBindingAsync(new BindingRequest(DaprComponents.Email, Create)
            {
                Data = Encoding.UTF8.GetBytes(GoQuoted(message.Body)),
                Metadata =
                {
                    ["fileName"] = fileName,
                    ["emailTo"] = record.Recipient,
                    ["emailFrom"] = options.CurrentValue.EmailFrom,
                    ["subject"] = message.Subject,
                },
            }, cancellationToken),
            Channel.Sms => dapr.InvokeBindingAsync(new BindingRequest(DaprComponents.Sms, Create)
            {
                Data = Encoding.UTF8.GetBytes(GoQuoted(message.ShortText)),
                Metadata =
                {
                    ["fileName"] = fileName,
                    ["toNumber"] = record.Recipient,
                },
            }, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(record), record.Channel, "unknown channel"),
        };
    }

    /// <summary>
    /// A Go string literal of <paramref name="text"/>: quotes and backslashes escaped, control characters as \n, \r, \t
    /// or \u00XX, everything else (accents, emoji) as it is - JSON's escaping would split emoji into surrogate
    /// halves, which Go refuses.
    /// </summary>
    public static string GoQuoted(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                _ when char.IsControl(c) => quoted.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}

public enum Channel
{
    Email,
    Sms,
}
