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
        if (AccountSetupPageAttribute.Lifts(context, AccountSetupStep.TwoFactor)
            || !Roles.RequiringTwoFactor.Any(user.IsInRole)
            || user.HasClaim(MethodClaim, MultiFactorMethod)
            || user.HasClaim(MethodClaim, TokenMethod))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A user given a one-time password by an administrator must choose their own before anything else:
/// the administrator knows the one-time password.
/// </summary>
public sealed class PasswordChangeRequirement : AuthorizationHandler<PasswordChangeRequirement>, IAuthorizationRequirement
{
    public const string Claim = "ura:must-change-password";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PasswordChangeRequirement requirement)
    {
        if (AccountSetupPageAttribute.Lifts(context, AccountSetupStep.Password) || !context.User.HasClaim(c => c.Type == Claim))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>The steps of finishing an account, in the order they are owed.</summary>
[Flags]
public enum AccountSetupStep
{
    Password = 1,
    TwoFactor = 2,
}

/// <summary>
/// Marks a page a user may use while they still owe the given setup steps: the password page while
/// the one-time password is unchanged, the two-factor page while enrolment is owed.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AccountSetupPageAttribute(AccountSetupStep steps) : Attribute
{
    public AccountSetupStep Steps { get; } = steps;

    internal static bool Lifts(AuthorizationHandlerContext context, AccountSetupStep step) =>
        (context.Resource as HttpContext)?.GetEndpoint()?.Metadata.GetMetadata<AccountSetupPageAttribute>() is { } page
        && page.Steps.HasFlag(step);
}
