using CloudPatterns.Contracts.Events;
using CloudPatterns.ImageProcessor;
using CloudPatterns.ImageProcessor.IntegrationEvents;
using CloudPatterns.ServiceDefaults;
using CloudPatterns.ServiceDefaults.Events;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddImageProcessor();

var app = builder.Build();

app.UseServiceDefaults();
app.MapSubscription<ImageUploaded, ResizeOnImageUploaded>();

app.Run();
