var builder = WebApplication.CreateBuilder(args);
builder.AddNotificationService();

var app = builder.Build();
app.UseNotificationService();
app.Run();
