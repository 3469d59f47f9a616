using CloudPatterns.NotificationService;
using CloudPatterns.NotificationService.Preferences;
using CloudPatterns.ServiceDefaults;
using CloudPatterns.ServiceDefaults.Events;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNotificationService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapPreferencesApi();
app.MapSubscriptions();

app.Run();
