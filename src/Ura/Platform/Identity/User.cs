using Microsoft.AspNetCore.Identity;
using Ura.Platform.Authorization;

namespace Ura.Platform.Identity;

/// <summary>A person who signs in. Belongs to exactly one organisation.</summary>
public sealed class User : IdentityUser<Guid>, IOrganisationOwned
{
    public User() => Id = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }

    /// <summary>Full name; encrypted (staff of anti-trafficking bodies are targets too).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Culture name chosen by the user (en, sq, mk, sr-Latn).</summary>
    public string PreferredLanguage { get; set; } = "en";

    public bool IsActive { get; set; } = true;

    /// <summary>Set when an administrator gave a one-time password; cleared when the user chooses their own.</summary>
    public bool MustChangePassword { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class Role : IdentityRole<Guid>
{
    public Role() => Id = Guid.CreateVersion7();
}
