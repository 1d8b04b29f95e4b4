using Microsoft.AspNetCore.Authorization;
using Ura.Platform.Identity;

namespace Ura.Platform.Authorization;

/// <summary>
/// Holders of a role that can read case content must have signed in with a second factor
/// (Identity marks such sign-ins with <c>amr=mfa</c>) or use an access token, which only a
/// fully signed-in user can create.
/// </summary>
public sealed class TwoFactorRequirement : AuthorizationHandler<TwoFactorRequirement>, IAuthorizationRequirement
{
    public const string MethodClaim = "amr";
    public const string MultiFactorMethod = "mfa";
    public const string TokenMethod = "pat";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        var user = context.User;
        var endpoint = (context.Resource as HttpContext)?.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<AllowWithoutTwoFactorAttribute>() is not null
            || !Roles.RequiringTwoFactor.Any(user.IsInRole)
            || user.HasClaim(MethodClaim, MultiFactorMethod)
            || user.HasClaim(MethodClaim, TokenMethod))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>Marks the few pages a user who still owes two-factor enrolment may use: the enrolment page itself.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;
