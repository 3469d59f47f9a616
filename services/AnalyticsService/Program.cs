using CloudPatterns.AnalyticsService;
using CloudPatterns.AnalyticsService.Pipeline;
using CloudPatterns.AnalyticsService.Summary;
using CloudPatterns.ServiceDefaults;
using CloudPatterns.ServiceDefaults.OpenApi;

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
