using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Ura.Platform;

namespace Ura.Features.Directory.Hsds;

/// <summary>
/// Who may read <c>/hsds</c>: anyone when the node publishes its directory
/// (<c>Ura:Directory:HsdsPublic</c>), otherwise only a signed-in user or a bearer token.
/// </summary>
public sealed class HsdsReadRequirement : IAuthorizationRequirement
{
    public static readonly HsdsReadRequirement Instance = new();
}

/// <summary>Reads the setting at each request, so a reloaded configuration applies without a restart.</summary>
public sealed class HsdsReadHandler(IOptionsMonitor<UraOptions> options) : AuthorizationHandler<HsdsReadRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, HsdsReadRequirement requirement)
    {
        if (options.CurrentValue.Directory.HsdsPublic || context.User.Identity?.IsAuthenticated == true)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
