var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceApiDocument();
builder.AddAnalyticsService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapServiceApiDocument();
app.MapAnalyticsPipeline();
app.MapSummaryApi();

app.Run();
