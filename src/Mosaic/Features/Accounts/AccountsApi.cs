using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Mosaic.Platform.Api;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Accounts;

public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Accounts").RequireXsrfForCookieWrites();

        api.MapPost("/accounts", CreateAccount).AllowAnonymous();
        api.MapPost("/sessions", CreateSession).AllowAnonymous();
        api.MapDelete("/sessions/current", DeleteSession).AllowAnonymous();

        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("/", GetMe).RequireAuthorization();
        me.MapPost("/password", ChangePassword).RequireAuthorization();
        me.MapGet("/tokens", ListTokens).RequireAuthorization();
        // Anonymous at the routing level: a client without a browser presents HTTP Basic credentials here.
        me.MapPost("/tokens", CreateToken).AllowAnonymous();
        me.MapDelete("/tokens/{id:guid}", RevokeToken).RequireAuthorization();
        return app;
    }

    /// <summary>Creates an account. The client signs in afterwards with POST /api/v1/sessions or /api/v1/me/tokens.</summary>
    public static async Task<Results<Created<AccountDto>, ValidationProblem, ProblemHttpResult>> CreateAccount(
        CreateAccountRequest request, AccountService accounts, ActionThrottle throttle, HttpContext http)
    {
        var decision = throttle.Attempt(ThrottledAction.SignUp, http);
        if (!decision.Allowed)
        {
            return Problems.TooManyRequests(http, decision, "Too many sign-ups from this address; try again later.");
        }
        var registration = await accounts.RegisterAsync(request.Username, request.Email, request.Password);
        if (registration.Conflict)
        {
            return Problems.Conflict(registration.Errors, "That username or email address is already in use.");
        }
        if (!registration.Succeeded)
        {
            return TypedResults.ValidationProblem(registration.Errors);
        }
        return TypedResults.Created("/api/v1/me", await ToDto(registration.User!, accounts));
    }

    /// <summary>Signs in with a cookie (browsers and the site's own JavaScript).</summary>
    public static async Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> CreateSession(
        CreateSessionRequest request, AccountService accounts, SignInManager<User> signIn, ActionThrottle throttle, HttpContext http)
    {
        var decision = throttle.Attempt(ThrottledAction.SignIn, http, request.Username);
        if (!decision.Allowed)
        {
            return Problems.TooManyRequests(http, decision, "Too many sign-in attempts; try again later.");
        }
        var check = await accounts.CheckCredentialsAsync(request.Username, request.Password);
        switch (check.Outcome)
        {
            case CredentialOutcome.LockedOut:
                return Problems.TooManyRequests(http, new ThrottleDecision(false, check.RetryAfter), "This account is locked after repeated failed sign-ins; try again later.");
            case CredentialOutcome.Invalid:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong username or password.");
        }
        await signIn.SignInAsync(check.User!, request.Remember);
        // The antiforgery token is bound to the signed-in identity: hand the page a fresh one for its next write.
        http.User = await signIn.CreateUserPrincipalAsync(check.User!);
        XsrfCookie.Issue(http);
        return TypedResults.Ok(await ToDto(check.User!, accounts));
    }

    /// <summary>Signs out of the cookie session. Idempotent; access tokens are revoked separately.</summary>
    public static async Task<NoContent> DeleteSession(SignInManager<User> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<AccountDto>, UnauthorizedHttpResult>> GetMe(ClaimsPrincipal principal, UserManager<User> users, AccountService accounts)
    {
        var user = await users.GetUserAsync(principal);
        return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(await ToDto(user, accounts));
    }

    public static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<User> users, AccountService accounts, SignInManager<User> signIn)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        var errors = await accounts.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (principal.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
        {
            await signIn.RefreshSignInAsync(user);
        }
        return TypedResults.NoContent();
    }

    public static async Task<Ok<List<AccessTokenDto>>> ListTokens(ClaimsPrincipal principal, AccessTokenService tokens, UserManager<User> users, CancellationToken ct)
    {
        var list = await tokens.ListAsync(UserId(principal, users), ct);
        return TypedResults.Ok(list.ConvertAll(AccessTokenDto.From));
    }

    /// <summary>
    /// Creates a personal access token. Signed-in callers use their session or a token; a client without one
    /// sends <c>Authorization: Basic</c> with its username (or email) and password, under the sign-in limits.
    /// </summary>
    public static async Task<Results<Created<CreatedAccessTokenDto>, ValidationProblem, ProblemHttpResult>> CreateToken(
        CreateTokenRequest request, HttpContext http, AccessTokenService tokens, AccountService accounts, UserManager<User> users, ActionThrottle throttle, CancellationToken ct)
    {
        Guid userId;
        if (BasicCredentials(http.Request) is var (login, password))
        {
            var decision = throttle.Attempt(ThrottledAction.SignIn, http, login);
            if (!decision.Allowed)
            {
                return Problems.TooManyRequests(http, decision, "Too many sign-in attempts; try again later.");
            }
            var check = await accounts.CheckCredentialsAsync(login, password);
            if (check.Outcome == CredentialOutcome.LockedOut)
            {
                return Problems.TooManyRequests(http, new ThrottleDecision(false, check.RetryAfter), "This account is locked after repeated failed sign-ins; try again later.");
            }
            if (check.Outcome != CredentialOutcome.Valid)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"mosaic\", charset=\"UTF-8\"";
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong username or password.");
            }
            userId = check.User!.Id;
        }
        else if (http.User.Identity?.IsAuthenticated == true)
        {
            userId = UserId(http.User, users);
        }
        else
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"mosaic\", charset=\"UTF-8\"";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in, or send HTTP Basic credentials, to create a token.");
        }

        var errors = ValidateTokenRequest(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await tokens.CountAsync(userId, ct) >= AccessTokenService.MaxTokensPerUser)
        {
            return Problems.Conflict(new FieldErrors { { "name", [$"An account can have at most {AccessTokenService.MaxTokensPerUser} tokens; revoke one first."] } }, "Too many access tokens.");
        }
        var created = await tokens.CreateAsync(userId, request.Name!, request.ExpiresInDays, ct);
        var t = created.Token;
        return TypedResults.Created($"/api/v1/me/tokens/{t.Id}", new CreatedAccessTokenDto(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, created.Secret));
    }

    /// <summary>Revokes one of the caller's own tokens; another person's token is reported as not found.</summary>
    public static async Task<Results<NoContent, NotFound>> RevokeToken(Guid id, ClaimsPrincipal principal, AccessTokenService tokens, UserManager<User> users, CancellationToken ct) =>
        await tokens.RevokeAsync(UserId(principal, users), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static FieldErrors ValidateTokenRequest(CreateTokenRequest request)
    {
        var errors = new FieldErrors();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "Give the token a name, such as the program that will use it.");
        else if (name.Length > AccessToken.NameMaxLength) errors.Add("name", $"Token names are at most {AccessToken.NameMaxLength} characters.");
        if (request.ExpiresInDays is < 1 or > AccessTokenService.MaxLifetimeDays)
            errors.Add("expiresInDays", $"Expiry must be between 1 and {AccessTokenService.MaxLifetimeDays} days, or empty for no expiry.");
        return errors;
    }

    private static Guid UserId(ClaimsPrincipal principal, UserManager<User> users) => Guid.Parse(users.GetUserId(principal)!);

    private static async Task<AccountDto> ToDto(User user, AccountService accounts) =>
        new(user.Id, user.UserName!, user.Email!, user.CreatedAt, [.. await accounts.RolesOfAsync(user)]);

    private static (string Login, string Password)? BasicCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (decoded, "") : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return ("", "");
        }
    }
}
