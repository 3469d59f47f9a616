using System.Text;
using CloudPatterns.NotificationService.Messages;
using Dapr.Client;
using Microsoft.Extensions.Options;

namespace CloudPatterns.NotificationService.Delivery;

/// <summary>
/// Hands a message to the email or sms output binding. The request carries the metadata of every binding
/// the component may be, so switching the component (local files, SMTP, SES, Twilio) needs no code:
/// fileName for bindings.localstorage; emailTo, emailFrom and subject for bindings.smtp, bindings.twilio.sendgrid and bindings.aws.ses;
/// toNumber for bindings.twilio.sms. Unknown metadata is ignored by each binding.
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
                Data = Encoding.UTF8.GetBytes(message.Body),
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
                Data = Encoding.UTF8.GetBytes(message.ShortText),
                Metadata =
                {
                    ["fileName"] = fileName,
                    ["toNumber"] = record.Recipient,
                },
            }, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(record), record.Channel, "unknown channel"),
        };
    }
}
