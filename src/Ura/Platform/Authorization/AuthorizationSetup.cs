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
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorEnrolmentRedirect>();
        services.AddScoped<CurrentUser>();
        return services;
    }
}

/// <summary>
/// A signed-in user who owes two-factor enrolment is sent to the enrolment page instead of a bare
/// "access denied"; API callers get a ProblemDetails saying why.
/// </summary>
internal sealed class TwoFactorEnrolmentRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        var owesTwoFactor = result.Forbidden
            && result.AuthorizationFailure?.FailedRequirements.OfType<TwoFactorRequirement>().Any() == true;
        if (owesTwoFactor)
        {
            if (IdentitySetup.IsApi(context.Request))
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Problem.TwoFactorRequired");
            else
                context.Response.Redirect("/account/two-factor?required=true");
            return;
        }
        await standard.HandleAsync(next, context, policy, result);
    }
}
