using Mosaic.Components;
using Mosaic.Features.Accounts;
using Mosaic.Platform.Cli;
using Mosaic.Platform.Data;
using Mosaic.Platform.Observability;
using Mosaic.Platform.Web;

return await MosaicCli.RunAsync(args);

/// <summary>The web application's table of contents: one Add and one Map per feature or platform piece.</summary>
public partial class Program
{
    public static WebApplication BuildWebApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = MosaicCli.ContentRoot() });
        builder.AddMosaicDefaults();
        builder.Services.AddMosaicData();
        builder.Services.AddMosaicHealth();
        builder.Services.AddAccounts();
        builder.Services.AddMosaicWebUi();

        var app = builder.Build();
        app.UseMosaicPipeline();
        app.MapHealth();
        app.MapMosaicApiDocs();
        app.MapAccounts();
        app.MapMosaicWebUi();
        return app;
    }
}
