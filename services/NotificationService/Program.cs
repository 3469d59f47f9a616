var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceApiDocument();
builder.AddNotificationService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapServiceApiDocument();
app.MapPreferencesApi();
app.MapSubscriptions();

app.Run();
