using CloudPatterns.AnalyticsService;
using CloudPatterns.AnalyticsService.Pipeline;
using CloudPatterns.AnalyticsService.Summary;
using CloudPatterns.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAnalyticsService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapAnalyticsPipeline();
app.MapSummaryApi();

app.Run();
