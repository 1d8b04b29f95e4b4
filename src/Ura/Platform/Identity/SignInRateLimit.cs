using System.Threading.RateLimiting;

namespace Ura.Platform.Identity;

/// <summary>Limits sign-in form posts per client address; reading the forms is never limited.</summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static Func<HttpContext, RateLimitPartition<string>> Partition(int perMinute) => context =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("read");
}
