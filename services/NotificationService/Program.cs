using CloudPatterns.NotificationService;
using CloudPatterns.NotificationService.IntegrationEvents;
using CloudPatterns.NotificationService.Preferences;
using CloudPatterns.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNotificationService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapPreferencesApi();
app.MapNotificationSubscriptions();

app.Run();
