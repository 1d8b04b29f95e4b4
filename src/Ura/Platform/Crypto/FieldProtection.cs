using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ura.Platform.Crypto;

/// <summary>Kinds of personal field; each has its own Data Protection purpose, so keys never cross classes.</summary>
public enum FieldClass
{
    StaffName,
    PersonName,
    BirthDate,
    Contact,
    IdentityDocument,
    Address,
    FreeText,
    Secret,
    Document,
    HelpRequest,
}

/// <summary>Encrypts personal fields at the EF boundary. One instance per application.</summary>
public sealed class FieldProtection(IDataProtectionProvider provider)
{
    public IDataProtector For(FieldClass field) => provider.CreateProtector("Ura.Field." + field);

    public ValueConverter<string, string> Converter(FieldClass field)
    {
        var protector = For(field);
        return new ValueConverter<string, string>(v => protector.Protect(v), v => protector.Unprotect(v));
    }
}

/// <summary>Marks a string property as personal data to be encrypted by <see cref="FieldProtection"/>.</summary>
public static class EncryptedPropertyExtensions
{
    internal const string Annotation = "Ura:FieldClass";

    public static Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> IsEncrypted(
        this Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> property, FieldClass field) =>
        property.HasAnnotation(Annotation, field);

    /// <summary>Applies the converter to every marked property; called once when the model is built.</summary>
    internal static void ApplyEncryption(this Microsoft.EntityFrameworkCore.ModelBuilder builder, FieldProtection protection)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                if (property.FindAnnotation(Annotation)?.Value is FieldClass field)
                    property.SetValueConverter(protection.Converter(field));
    }
}
