using CloudPatterns.OrderService;
using CloudPatterns.OrderService.DeadLetters;
using CloudPatterns.OrderService.Intake;
using CloudPatterns.OrderService.IntegrationEvents;
using CloudPatterns.OrderService.Operations;
using CloudPatterns.OrderService.Queries;
using CloudPatterns.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrderService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOrderCommandsApi();
app.MapOrderQueriesApi();
app.MapDeadLetterApi();
app.MapStuckOrdersApi();
app.MapOrderEventSubscriptions();

app.Run();
