using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ura.Features.Admin;

/// <summary>A broken business rule: the input field it concerns and the resource key of its message.</summary>
public sealed record RuleError(string Field, string MessageKey);

/// <summary>What an admin command did: found nothing in scope, refused with rule errors, or succeeded.</summary>
public sealed record CommandResult<T>(T? Value, IReadOnlyList<RuleError> Errors, bool Found = true) where T : class
{
    public bool Succeeded => Found && Errors.Count == 0 && Value is not null;

    public static CommandResult<T> Done(T value) => new(value, []);

    public static CommandResult<T> NotFound() => new(null, [], Found: false);

    public static CommandResult<T> Refused(params RuleError[] errors) => new(null, errors);

    public static CommandResult<T> Refused(string field, string messageKey) => new(null, [new RuleError(field, messageKey)]);
}

/// <summary>One page of a list, numbered from 1.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public static int Clamp(int page) => Math.Max(1, page);
}

/// <summary>Puts rule errors where people and programs read them: next to the form field, or in a ValidationProblem.</summary>
public static class RuleErrors
{
    /// <summary>An error of no particular field (empty <see cref="RuleError.Field"/>) goes to the form's summary.</summary>
    public static void AddTo(this IEnumerable<RuleError> errors, ModelStateDictionary modelState, IStringLocalizer text, string prefix = "Input.")
    {
        foreach (var error in errors)
            modelState.AddModelError(error.Field.Length == 0 ? "" : prefix + error.Field, text[error.MessageKey]);
    }

    public static ValidationProblem ToProblem(this IEnumerable<RuleError> errors, IStringLocalizer text) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field.Length == 0 ? "" : char.ToLowerInvariant(e.Field[0]) + e.Field[1..])
                .ToDictionary(g => g.Key, g => g.Select(e => text[e.MessageKey].Value).ToArray()),
            title: text["Problem.Validation"]);

    /// <summary>
    /// A page's answer to a command that did not succeed: 404 when out of scope, else the form again with the
    /// rule errors beside their fields; null when it succeeded, for the page to go on.
    /// </summary>
    public static IActionResult? Refused<T>(this PageModel page, CommandResult<T> result, IStringLocalizer text) where T : class
    {
        if (result.Succeeded)
            return null;
        if (!result.Found)
            return page.NotFound();
        result.Errors.AddTo(page.ModelState, text);
        return page.Page();
    }

    /// <summary>The API's answer to a command: 200 with the value, 404 when out of scope, 400 with the rule errors.</summary>
    public static Results<Ok<T>, NotFound, ValidationProblem> ToOk<T>(this CommandResult<T> result, IStringLocalizer text) where T : class =>
        !result.Found ? TypedResults.NotFound() : result.Succeeded ? TypedResults.Ok(result.Value!) : result.Errors.ToProblem(text);

    /// <summary>As <see cref="ToOk"/>, answering 201 with the address of the list the new row joined.</summary>
    public static Results<Created<T>, NotFound, ValidationProblem> ToCreated<T>(this CommandResult<T> result, string location, IStringLocalizer text) where T : class =>
        !result.Found ? TypedResults.NotFound() : result.Succeeded ? TypedResults.Created(location, result.Value!) : result.Errors.ToProblem(text);

    /// <summary>The messages for one form field, for inputs the <c>field</c> tag helper does not draw (selects, checkbox groups).</summary>
    public static string? ErrorFor(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;
}
