using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ura.Platform.Authorization;
using Ura.Platform.Data;
using Ura.Platform.Web;

namespace Ura.Platform.Identity;

public static class IdentitySetup
{
    /// <summary>The default scheme: a bearer token on <c>/api</c> when one is sent, the sign-in cookie otherwise.</summary>
    public const string Scheme = "Ura";

    public static IServiceCollection AddUraIdentity(this IServiceCollection services, UraOptions options)
    {
        services.AddIdentity<User, Role>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): long passphrases are easy to remember.
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 5;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<UraDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<UraClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // Identity rebuilds the principal at each check; keep how the person signed in (amr=mfa),
            // or two-factor users would be sent back to enrolment a minute after signing in.
            o.OnRefreshingPrincipal = context =>
            {
                var methods = context.CurrentPrincipal?.FindAll(TwoFactorRequirement.MethodClaim).ToList() ?? [];
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity)
                    foreach (var method in methods.Where(m => !identity.HasClaim(m.Type, m.Value)))
                        identity.AddClaim(new Claim(method.Type, method.Value));
                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ura.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionIdleMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Events.OnRedirectToLogin = RedirectToLogin;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                if (IsApi(context.Request))
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                else
                    context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "ura.2fa";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = context =>
                IsApi(context.Request) && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        return services;
    }

    /// <summary>Programs' endpoints: the API and the HSDS read API answer ProblemDetails and accept bearer tokens.</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hsds");

    /// <summary>
    /// API callers get 401 ProblemDetails, not a redirect. People whose session cookie is still sent but
    /// no longer valid are told their session expired.
    /// </summary>
    private static async Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApi(context.Request))
        {
            await Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Problem.SignInRequired");
            return;
        }
        var target = context.RedirectUri;
        if (context.Request.Cookies.ContainsKey("ura.session"))
            target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "expired=true";
        context.Response.Redirect(target);
    }
}

/// <summary>Adds the user's organisation and country to the principal, so scoping needs no extra query.</summary>
public sealed class UraClaimsPrincipalFactory(
    UserManager<User> users, RoleManager<Role> roles, IOptions<IdentityOptions> options, UraDbContext db)
    : UserClaimsPrincipalFactory<User, Role>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var country = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.CountryCode).FirstAsync();
        identity.AddClaim(new Claim(CurrentUser.OrganisationClaim, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(CurrentUser.CountryClaim, country));
        if (user.MustChangePassword)
            identity.AddClaim(new Claim(PasswordChangeRequirement.Claim, "true"));
        return identity;
    }
}
