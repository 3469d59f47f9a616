var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddImageProcessor();

var app = builder.Build();

app.UseServiceDefaults();
app.MapSubscriptions();

app.Run();
