using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Ura.Resources;

namespace Ura.Platform.Localization;

/// <summary>Model binding's own messages ("The value 'x' is not valid") in the user's language.</summary>
internal static class ModelBindingMessages
{
    public static void Localize(MvcOptions options)
    {
        var m = options.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(_ => Current("Validation.Invalid"));
        m.SetAttemptedValueIsInvalidAccessor((_, _) => Current("Validation.Invalid"));
        m.SetValueMustBeANumberAccessor(_ => Current("Validation.Number"));
        m.SetMissingBindRequiredValueAccessor(_ => Current("Validation.Required"));
        m.SetMissingKeyOrValueAccessor(() => Current("Validation.Required"));
        m.SetValueMustNotBeNullAccessor(_ => Current("Validation.Required"));
        m.SetUnknownValueIsInvalidAccessor(_ => Current("Validation.Invalid"));
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => Current("Validation.Invalid"));
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => Current("Validation.Invalid"));
        m.SetNonPropertyValueMustBeANumberAccessor(() => Current("Validation.Number"));
        m.SetMissingRequestBodyRequiredValueAccessor(() => Current("Validation.Required"));
    }

    // The accessors run per request under the request's UI culture; the factory is the app's singleton.
    private static IStringLocalizer? localizer;

    internal static void Use(IStringLocalizerFactory factory) => localizer = factory.Create(typeof(Text));

    private static string Current(string key) => localizer?[key] ?? key;
}
