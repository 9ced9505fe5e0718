using Mosaic.Components;
using Mosaic.Features.Accounts;
using Mosaic.Features.Albums;
using Mosaic.Features.Comments;
using Mosaic.Features.Conversions;
using Mosaic.Features.Posts;
using Mosaic.Features.Preferences;
using Mosaic.Features.Tags;
using Mosaic.Features.Votes;
using Mosaic.Platform.Cli;
using Mosaic.Platform.Data;
using Mosaic.Platform.Imaging;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Observability;
using Mosaic.Platform.Storage;
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
        builder.Services.AddJobs();
        builder.Services.AddObjectStorage();
        builder.Services.AddImaging();
        builder.Services.AddAccounts();
        builder.Services.AddPosts();
        builder.Services.AddConversions();
        builder.Services.AddTagManagement();
        builder.Services.AddVotes();
        builder.Services.AddComments();
        builder.Services.AddAlbums();
        builder.Services.AddPreferences();
        builder.Services.AddMosaicWebUi();

        var app = builder.Build();
        app.UseMosaicPipeline();
        app.UseVisitorPreferences();
        app.MapHealth();
        if (builder.Configuration["Mosaic:Role"] == "Worker")
        {
            // `mosaic worker`: the same services and job handlers, answering only health probes.
            return app;
        }
        app.MapMosaicApiDocs();
        app.MapMedia();
        app.MapAccounts();
        app.MapPosts();
        app.MapConversions();
        app.MapTags();
        app.MapVotes();
        app.MapComments();
        app.MapAlbums();
        app.MapPreferences();
        app.MapMosaicWebUi();
        return app;
    }
}
