using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Ura.Tests.Hsds;

/// <summary>
/// The HSDS JSON schemas copied into the test project (schema/README.md), loaded from files so that
/// their references to each other (<c>"$ref": "phone.json"</c>) resolve locally.
/// </summary>
public static class HsdsSchemas
{
    private static readonly ConcurrentDictionary<string, Task<JsonSchema>> Loaded = new();

    /// <summary>An entity schema, such as <c>3.0/service.json</c> or <c>3.1-dev/service.json</c>.</summary>
    public static Task<JsonSchema> Get(string file) =>
        Loaded.GetOrAdd(file, f => JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Directory", "Hsds", "schema", f)));

    /// <summary>The schema's complaints about <paramref name="json"/>, one line each; empty when it is valid.</summary>
    public static async Task<List<string>> ErrorsAsync(string file, string json) =>
        [.. Flatten((await Get(file)).Validate(json)).Select(e => $"{file} {e.Path}: {e.Kind} {e.Property}")];

    /// <summary>An error inside a nested object comes wrapped (ArrayItemNotValid, PropertyRequired...); list the innermost too.</summary>
    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child
            ? child.Errors.Values.SelectMany(Flatten).Prepend(e)
            : [e]);

    /// <summary>
    /// Validates a list answer: the HSDS <c>Page</c> fields (openapi.json components.schemas.Page) with
    /// their types, and each item of <c>contents</c> against <paramref name="itemFile"/>.
    /// </summary>
    public static async Task<List<string>> PageErrorsAsync(string itemFile, string json)
    {
        var errors = new List<string>();
        var page = JsonNode.Parse(json)!.AsObject();
        foreach (var number in new[] { "total_items", "total_pages", "page_number", "size" })
            if (page[number]?.GetValueKind() != System.Text.Json.JsonValueKind.Number)
                errors.Add($"Page.{number} missing or not a number");
        foreach (var flag in new[] { "first_page", "last_page", "empty" })
            if (page[flag]?.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
                errors.Add($"Page.{flag} missing or not a boolean");
        if (page["contents"] is not JsonArray contents)
        {
            errors.Add("Page.contents missing or not an array");
            return errors;
        }
        foreach (var item in contents)
            errors.AddRange(await ErrorsAsync(itemFile, item!.ToJsonString()));
        return errors;
    }
}
