using CloudPatterns.OrderService;
using CloudPatterns.OrderService.DeadLetters;
using CloudPatterns.OrderService.Intake;
using CloudPatterns.OrderService.Operations;
using CloudPatterns.OrderService.Queries;
using CloudPatterns.ServiceDefaults;
using CloudPatterns.ServiceDefaults.OpenApi;
using CloudPatterns.Sidecar.Events;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceApiDocument();
builder.AddOrderService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapServiceApiDocument();
app.MapOrderCommandsApi();
app.MapOrderQueriesApi();
app.MapDeadLetterApi();
app.MapStuckOrdersApi();
app.MapSubscriptions();
app.MapDeadLetterSubscription();

app.Run();
