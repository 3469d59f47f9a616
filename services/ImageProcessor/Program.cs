using CloudPatterns.ImageProcessor;
using CloudPatterns.ServiceDefaults;
using CloudPatterns.Sidecar.Events;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddImageProcessor();

var app = builder.Build();

app.UseServiceDefaults();
app.MapSubscriptions();

app.Run();
