using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Ura.Resources;

namespace Ura.Platform.Web;

/// <summary>Writes localised RFC 9457 problem details for the API.</summary>
public static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string titleKey, string? detailKey = null)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<Text>>();
        var problem = new ProblemDetails
        {
            Status = status,
            Title = text[titleKey],
            Detail = detailKey is null ? null : text[detailKey].Value,
        };
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
