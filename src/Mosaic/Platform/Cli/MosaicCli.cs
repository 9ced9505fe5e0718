using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Mosaic.Features.Accounts;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Data;
using Mosaic.Platform.Imaging;
using Mosaic.Platform.Jobs;

namespace Mosaic.Platform.Cli;

/// <summary>
/// The verbs of the one binary. Anything a verb does not know (<c>--Mosaic:DataPath=…</c>, <c>--environment</c>)
/// is passed on to ASP.NET Core configuration, so every setting can also be given on the command line.
/// </summary>
public static class MosaicCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:8080 (semicolon-separated)." };
        var noWorkers = new Option<bool>("--no-workers") { Description = "Serve requests only; leave background jobs to `mosaic worker` processes." };

        var serve = new Command("serve", "Run the web UI, JSON API and live events (the default), and the job workers.") { urls, noWorkers };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction((parse, ct) => Serve(WithWorkers(HostArgs(parse, urls), !parse.GetValue(noWorkers)), ct));

        var worker = new Command("worker", "Run background jobs only (image pipeline, conversions, sweeps); no HTTP listener besides health.") { urls };
        worker.TreatUnmatchedTokensAsErrors = false;
        worker.SetAction((parse, ct) => Serve([.. HostArgs(parse, urls), "--Mosaic:Role=Worker"], ct));

        var demo = new Option<int>("--demo") { Description = "How many demo posts to create.", DefaultValueFactory = _ => 24 };
        var images = new Option<string[]>("--images") { Description = "Folders of pictures to use (default: Debian's wallpapers).", AllowMultipleArgumentsPerToken = true };
        var seed = new Command("seed", "Create demo people and posts from pictures on this machine.") { demo, images };
        seed.TreatUnmatchedTokensAsErrors = false;
        seed.SetAction((parse, ct) => Guarded(() => Seed(HostArgs(parse, null), parse.GetValue(demo), parse.GetValue(images), ct)));

        var migrate = new Command("migrate", "Apply pending database migrations and exit.");
        migrate.TreatUnmatchedTokensAsErrors = false;
        migrate.SetAction((parse, ct) => Guarded(() => Migrate(HostArgs(parse, null), ct)));

        var username = new Option<string>("--username") { Description = "Username of the new administrator.", Required = true };
        var email = new Option<string>("--email") { Description = "Email address of the new administrator.", Required = true };
        var createAdmin = new Command("create-admin", "Create an administrator. The password is read from standard input, or generated and printed once.") { username, email };
        createAdmin.TreatUnmatchedTokensAsErrors = false;
        createAdmin.SetAction((parse, ct) => Guarded(() => CreateAdmin(HostArgs(parse, null), parse.GetValue(username)!, parse.GetValue(email)!, ct)));
        var users = new Command("users", "Manage accounts.") { createAdmin };

        // Started by the web process itself (Platform/Imaging/ImagingHost): decodes images in isolation, speaks frames on stdio.
        var imagingHost = new Command("imaging-host", "Internal: the isolated image decoder that mosaic starts for itself.") { Hidden = true };
        imagingHost.SetAction((_, ct) => ImagingHostProcess.RunAsync(ct));

        var jobs = JobsCommands.Create(Program.BuildWebApp, Guarded);
        foreach (var command in jobs.Subcommands)
        {
            command.TreatUnmatchedTokensAsErrors = false;
        }

        var root = new RootCommand("Mosaic: an imageboard that understands images.") { urls, serve, worker, migrate, users, seed, jobs, imagingHost };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, ct) => Serve(HostArgs(parse, urls), ct));

        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// The folder holding appsettings.json and wwwroot: the working directory when it has them (<c>dotnet run</c>,
    /// tests), otherwise the binary's own folder, so an installed <c>mosaic</c> behaves the same wherever it is started.
    /// </summary>
    public static string? ContentRoot()
    {
        static bool IsContentRoot(string dir) =>
            Directory.Exists(Path.Combine(dir, "wwwroot")) || File.Exists(Path.Combine(dir, "appsettings.json"));
        return IsContentRoot(Directory.GetCurrentDirectory()) || !IsContentRoot(AppContext.BaseDirectory) ? null : AppContext.BaseDirectory;
    }

    private static string[] HostArgs(ParseResult parse, Option<string?>? urls)
    {
        var rest = parse.UnmatchedTokens.ToList();
        if (urls is null && !rest.Any(t => t.StartsWith("--Logging:", StringComparison.OrdinalIgnoreCase)))
        {
            // One-shot verbs speak in plain lines; their own JSON logs would bury them. Warnings still show.
            rest.Insert(0, "--Logging:LogLevel:Default=Warning");
        }
        if (urls is not null && parse.GetValue(urls) is { } value)
        {
            rest.Add($"--urls={value}");
        }
        return [.. rest];
    }

    private static string[] WithWorkers(string[] args, bool workers) => workers ? args : [.. args, "--Mosaic:Jobs:Enabled=false"];

    private static async Task<int> Seed(string[] args, int count, string[]? folders, CancellationToken ct)
    {
        await using var app = Program.BuildWebApp(args);
        ValidateOptions(app.Services);
        await app.Services.GetRequiredService<SchemaGate>().EnsureReadyAsync(ct);
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<Features.Posts.DemoSeeder>();
        var created = await seeder.SeedAsync(count, folders is { Length: > 0 } ? folders : Features.Posts.DemoSeeder.DefaultFolders, ct);
        Console.Out.WriteLine($"Created {created} demo posts; `mosaic serve` (or `mosaic worker`) processes them.");
        return 0;
    }

    private static Task<int> Serve(string[] args, CancellationToken ct) => Guarded(async () =>
    {
        var app = Program.BuildWebApp(args);
        await app.StartAsync(ct);
        var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(see ASPNETCORE_URLS)";
        Console.Out.WriteLine($"Mosaic is running at {addresses}  (Ctrl+C to stop)");
        await app.WaitForShutdownAsync(CancellationToken.None);
        return 0;
    });

    private static async Task<int> Migrate(string[] args, CancellationToken ct)
    {
        await using var app = Program.BuildWebApp(args);
        ValidateOptions(app.Services);
        var applied = await app.Services.GetRequiredService<SchemaGate>().MigrateAsync(ct);
        Console.Out.WriteLine(applied.Count == 0 ? "The database schema is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        return 0;
    }

    private static async Task<int> CreateAdmin(string[] args, string username, string email, CancellationToken ct)
    {
        await using var app = Program.BuildWebApp(args);
        ValidateOptions(app.Services);
        await app.Services.GetRequiredService<SchemaGate>().EnsureReadyAsync(ct);

        // A password piped in is used as given; a terminal or an empty input gets a generated one, printed once.
        var piped = Console.IsInputRedirected ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') : null;
        var generated = string.IsNullOrEmpty(piped);
        var password = generated ? GeneratePassword() : piped!;

        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var registration = await accounts.RegisterAsync(username, email, password, Roles.Admin);
        if (!registration.Succeeded)
        {
            foreach (var (field, messages) in registration.Errors)
            {
                await Console.Error.WriteLineAsync($"mosaic: {field}: {string.Join(" ", messages)}");
            }
            return 1;
        }
        var userManager = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>();
        await userManager.AddToRoleAsync(registration.User!, Roles.User);
        Console.Out.WriteLine($"Created administrator '{registration.User!.UserName}'.");
        if (generated)
        {
            Console.Out.WriteLine($"Password (shown once): {password}");
        }
        return 0;
    }

    /// <summary>Turns configuration and schema problems into one clear line instead of a stack trace.</summary>
    private static async Task<int> Guarded(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"mosaic: configuration error: {string.Join(" ", ex.Failures)}");
            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"mosaic: configuration error: {ex.Message}");
            return 2;
        }
        catch (SchemaBehindException ex)
        {
            await Console.Error.WriteLineAsync($"mosaic: {ex.Message}");
            return 3;
        }
    }

    private static void ValidateOptions(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<MosaicOptions>>().Value;
        _ = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(20, alphabet, (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
    }
}
