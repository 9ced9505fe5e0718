using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Mosaic:Database";

    /// <summary><c>Sqlite</c> (default, a file under the data folder) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Required for Postgres; for Sqlite it overrides the default file under the data folder.</summary>
    public string? ConnectionString { get; set; }

    public DatabaseProvider ParsedProvider =>
        Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out var parsed) ? parsed : DatabaseProvider.Sqlite;
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.TryParse<DatabaseProvider>(options.Provider, ignoreCase: true, out var provider) || int.TryParse(options.Provider, out _))
        {
            return ValidateOptionsResult.Fail($"Mosaic:Database:Provider must be Sqlite or Postgres (was '{options.Provider}').");
        }
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Mosaic:Database:ConnectionString is required when Mosaic:Database:Provider is Postgres.");
        }
        return ValidateOptionsResult.Success;
    }
}
