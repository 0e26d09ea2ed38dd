using Appliance.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddApplianceEnvironment();
builder.Services.AddAppliance(builder.Configuration);

var app = builder.Build();
app.UseAppliance();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
