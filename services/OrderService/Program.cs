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
