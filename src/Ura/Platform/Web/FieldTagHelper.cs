using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Ura.Platform.Web;

/// <summary>
/// <c>&lt;field for="Input.Email" type="email" autocomplete="username" /&gt;</c>: a labelled input with its
/// hint and error wired up for screen readers, so every form in Ura is accessible the same way.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public required ModelExpression For { get; set; }

    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    public string? Hint { get; set; }
    public bool Required { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    /// <summary>A date as a date box reads it (yyyy-MM-dd) in every language; anything else as it is.</summary>
    private static string? Formatted(object? model) => model switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => model?.ToString(),
    };

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors : null;
        var invalid = errors is { Count: > 0 };
        var value = Type == "password" ? null
            : entry?.AttemptedValue ?? Formatted(For.Model);
        var e = HtmlEncoder.Default;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field");
        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        html.Append($"<label for=\"{id}\">{e.Encode(For.Metadata.GetDisplayName())}</label>");
        if (Hint is not null)
        {
            html.Append($"<p class=\"hint\" id=\"{id}-hint\">{e.Encode(Hint)}</p>");
            describedBy.Add(id + "-hint");
        }
        if (invalid)
            describedBy.Add(id + "-error");
        html.Append($"<input id=\"{id}\" name=\"{e.Encode(name)}\" type=\"{e.Encode(Type)}\"");
        if (value is not null)
            html.Append($" value=\"{e.Encode(value)}\"");
        if (Autocomplete is not null)
            html.Append($" autocomplete=\"{e.Encode(Autocomplete)}\"");
        if (Required || For.Metadata.IsRequired && For.Metadata.ModelType == typeof(string))
            html.Append(" required");
        if (invalid)
            html.Append(" aria-invalid=\"true\"");
        if (describedBy.Count > 0)
            html.Append($" aria-describedby=\"{string.Join(' ', describedBy)}\"");
        html.Append('>');
        if (invalid)
            html.Append($"<p class=\"field-error\" id=\"{id}-error\">{e.Encode(string.Join(" ", errors!.Select(x => x.ErrorMessage)))}</p>");
        output.Content.SetHtmlContent(html.ToString());
    }
}
