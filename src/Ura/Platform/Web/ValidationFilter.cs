using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Ura.Resources;

namespace Ura.Platform.Web;

/// <summary>
/// Validates the data annotations of every Ura request body before the handler runs and answers a
/// localised ValidationProblem, so bad input never reaches the database.
/// </summary>
public sealed class ValidationFilter(IStringLocalizer<Text> text) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var argument in context.Arguments)
        {
            if (argument is null || argument.GetType().Namespace?.StartsWith("Ura.", StringComparison.Ordinal) != true)
                continue;
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(argument, new ValidationContext(argument), results, validateAllProperties: true))
                continue;
            foreach (var result in results)
                foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                {
                    var name = member.Length > 0 ? char.ToLowerInvariant(member[0]) + member[1..] : member;
                    errors[name] = [.. errors.GetValueOrDefault(name, []), text[result.ErrorMessage ?? "Validation.Invalid"]];
                }
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: text["Problem.Validation"]);
        return await next(context);
    }
}
