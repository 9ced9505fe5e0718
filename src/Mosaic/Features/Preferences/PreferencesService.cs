using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Preferences;

/// <summary>Where the preferences in effect came from.</summary>
public enum PreferencesSource
{
    /// <summary>Nothing saved anywhere: the defaults.</summary>
    Defaults,

    /// <summary>The browser's cookie (an anonymous visitor, or an account that has saved none yet).</summary>
    Browser,

    /// <summary>Saved to the signed-in account.</summary>
    Account,
}

/// <summary>The preferences in effect for one request, and where they came from.</summary>
public sealed record VisitorPreferences(PreferencesDto Preferences, PreferencesSource Source, bool SignedIn)
{
    /// <summary>What the board leaves out for this visitor.</summary>
    public BoardFilter BoardFilter => new(Preferences.HideExplicit ? [Rating.Explicit] : [], Preferences.Blacklist);
}

/// <summary>Loads and saves preferences for accounts, and finds the ones in effect for a request.</summary>
public sealed class PreferencesService(MosaicDbContext db, LanguageCatalog languages, TimeProvider clock)
{
    private static readonly object ItemKey = new();

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web)
    {
        // Tag names may be in any script: keep them as they are rather than six characters per letter.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The account's saved preferences, or null when it has saved none.</summary>
    public async Task<PreferencesDto?> LoadAsync(Guid userId, CancellationToken ct)
    {
        var row = await db.Set<UserPreferences>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        return row is null ? null : FromRow(row);
    }

    /// <summary>Saves an already validated document, replacing the account's previous one.</summary>
    public async Task<PreferencesDto> SaveAsync(Guid userId, PreferencesDto preferences, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(PreferencesRequest.From(preferences), StoredJson);
        var now = clock.GetUtcNow();
        var row = await db.Set<UserPreferences>().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (row is null)
        {
            row = new UserPreferences { UserId = userId };
            db.Add(row);
        }
        row.Json = json;
        row.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(row).State == EntityState.Added)
        {
            // Two first saves at once: the other one inserted the row; this one replaces it.
            db.Entry(row).State = EntityState.Detached;
            row = await db.Set<UserPreferences>().FirstAsync(p => p.UserId == userId, ct);
            row.Json = json;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return FromRow(row);
    }

    /// <summary>
    /// Saves validated preferences for whoever is asking: to the account when signed in, otherwise to the browser's
    /// cookie. Answers how many blacklisted tags were kept, fewer than given when a cookie could not hold them all.
    /// </summary>
    public async Task<int> SaveForVisitorAsync(HttpContext http, PreferencesDto preferences)
    {
        if (UserId(http.User) is { } userId)
        {
            var saved = await SaveAsync(userId, preferences, http.RequestAborted);
            Remember(http, new VisitorPreferences(saved, PreferencesSource.Account, SignedIn: true));
            return saved.Blacklist.Count;
        }
        PreferencesCookie.Write(http, preferences, out var fitted);
        Remember(http, new VisitorPreferences(preferences with { Blacklist = [.. preferences.Blacklist.Take(fitted)] }, PreferencesSource.Browser, SignedIn: false));
        return fitted;
    }

    /// <summary>
    /// The preferences in effect for this request: the account's when it has saved some, otherwise the browser's
    /// cookie, otherwise the defaults. Read once per request (the first call for a page is made before rendering).
    /// </summary>
    public async Task<VisitorPreferences> ForRequestAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var cached) && cached is VisitorPreferences known)
        {
            return known;
        }
        var userId = UserId(http.User);
        var saved = userId is { } id ? await LoadAsync(id, http.RequestAborted) : null;
        return Remember(http, saved is not null ? new VisitorPreferences(saved, PreferencesSource.Account, true) : FromBrowser(http, userId is not null));
    }

    /// <summary>
    /// The preferences found for this request without touching the database: what <see cref="ForRequestAsync"/>
    /// found if it ran, otherwise the browser's. For components, which render after the page's preferences are known.
    /// </summary>
    public VisitorPreferences Current(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var cached) && cached is VisitorPreferences known
            ? known
            : FromBrowser(http, UserId(http.User) is not null);

    /// <summary>Makes what this request just saved the preferences in effect for the rest of it.</summary>
    public VisitorPreferences Remember(HttpContext http, VisitorPreferences preferences)
    {
        http.Items[ItemKey] = preferences;
        return preferences;
    }

    public static Guid? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private VisitorPreferences FromBrowser(HttpContext http, bool signedIn) =>
        PreferencesCookie.Read(http.Request, languages) is { } browser
            ? new VisitorPreferences(browser, PreferencesSource.Browser, signedIn)
            : new VisitorPreferences(PreferencesRules.Defaults, PreferencesSource.Defaults, signedIn);

    private PreferencesDto FromRow(UserPreferences row)
    {
        PreferencesRequest? stored;
        try
        {
            stored = JsonSerializer.Deserialize<PreferencesRequest>(row.Json, StoredJson);
        }
        catch (JsonException)
        {
            stored = null;
        }
        // Stored documents were valid when saved; the rules (or the languages installed) may have changed since.
        return PreferencesRules.Sanitize(stored, languages) with { UpdatedAt = row.UpdatedAt };
    }
}
