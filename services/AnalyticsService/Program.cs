var builder = WebApplication.CreateBuilder(args);
builder.AddAnalyticsService();

var app = builder.Build();
app.UseAnalyticsService();
app.Run();
