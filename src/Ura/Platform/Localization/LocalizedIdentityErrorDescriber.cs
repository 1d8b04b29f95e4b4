using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Ura.Resources;

namespace Ura.Platform.Identity;

/// <summary>Identity's validation messages in the user's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<Text> text) : IdentityErrorDescriber
{
    private IdentityError Error(string code, string key, params object[] args) =>
        new() { Code = code, Description = text[key, args] };

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "Identity.PasswordTooShort", length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "Identity.PasswordRequiresUniqueChars", uniqueChars);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Identity.PasswordMismatch");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "Identity.DuplicateEmail");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Identity.DuplicateEmail");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Identity.InvalidEmail");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Identity.InvalidEmail");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Identity.InvalidToken");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Identity.ConcurrencyFailure");
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Identity.DefaultError");
}
