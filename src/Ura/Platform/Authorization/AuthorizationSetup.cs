using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Ura.Platform.Identity;
using Ura.Platform.Web;

namespace Ura.Platform.Authorization;

public static class AuthorizationSetup
{
    public static IServiceCollection AddUraAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<IAuthorizationHandler, TwoFactorRequirement>();
        services.AddSingleton<IAuthorizationHandler, PasswordChangeRequirement>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorEnrolmentRedirect>();
        services.AddScoped<CurrentUser>();
        return services;
    }
}

/// <summary>
/// A signed-in user with unfinished account setup is sent to the step they owe (their own password
/// first, then two-factor enrolment) instead of a bare "access denied"; API callers get a
/// ProblemDetails saying why.
/// </summary>
internal sealed class TwoFactorEnrolmentRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        var failed = result.Forbidden ? result.AuthorizationFailure?.FailedRequirements.ToList() ?? [] : [];
        var (page, problem) = failed.OfType<PasswordChangeRequirement>().Any() ? ("/account/password?required=true", "Problem.PasswordChangeRequired")
            : failed.OfType<TwoFactorRequirement>().Any() ? ("/account/two-factor?required=true", "Problem.TwoFactorRequired")
            : (null, null);
        if (page is null)
            await standard.HandleAsync(next, context, policy, result);
        else if (IdentitySetup.IsApi(context.Request))
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, problem!);
        else
            context.Response.Redirect(page);
    }
}
