namespace Ura.Platform;

/// <summary>The <c>Ura</c> configuration section; every value can be set by environment (<c>Ura__Database__Provider</c>).</summary>
public sealed class UraOptions
{
    public const string Section = "Ura";

    /// <summary>Where the SQLite file, the key ring and the generated demo key live.</summary>
    public string DataDirectory { get; set; } = "data";

    public DatabaseOptions Database { get; set; } = new();
    public KeyOptions Keys { get; set; } = new();

    /// <summary>Set by <c>serve --demo</c>: allows a generated key and shows the demo banner.</summary>
    public bool Demo { get; set; }

    /// <summary>How many invented cases <c>serve --demo</c> and <c>demo seed</c> create on an empty database.</summary>
    public int DemoCases { get; set; } = 300;

    /// <summary>
    /// Addresses of reverse proxies or load balancers whose X-Forwarded-For and X-Forwarded-Proto
    /// headers are believed (loopback always is). Without them, audit events record the proxy's address.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// Sign-in attempts (password, code) one client address may make per minute, across all accounts:
    /// account lockout stops guessing one password, this stops trying one password on many accounts.
    /// </summary>
    public int SignInAttemptsPerMinute { get; set; } = 20;

    /// <summary>Minutes without a request after which a session ends.</summary>
    public int SessionIdleMinutes { get; set; } = 20;

    /// <summary>
    /// Largest case document accepted, in bytes (default 10 MB). Kestrel refuses request bodies over
    /// 30 MB before Ura sees them, so keep this below that.
    /// </summary>
    public long DocumentMaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The address people reach this node at (https://ura.example.al), used for links in e-mails.</summary>
    public string? PublicUrl { get; set; }

    public DirectoryOptions Directory { get; set; } = new();
    public ReferralOptions Referrals { get; set; } = new();
    public SmtpOptions Smtp { get; set; } = new();
    public ReportOptions Reports { get; set; } = new();

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}

public sealed class DirectoryOptions
{
    /// <summary>Whether the HSDS read API at <c>/hsds</c> answers without a token (default: a token is needed).</summary>
    public bool HsdsPublic { get; set; }
}

/// <summary>
/// How long the receiving organisation has, per urgency: to acknowledge, counted from sending, and
/// to accept or decline, counted from acknowledging.
/// </summary>
public sealed class ReferralOptions
{
    public TimeSpan Emergency { get; set; } = TimeSpan.FromHours(2);
    public TimeSpan Urgent { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan Routine { get; set; } = TimeSpan.FromDays(5);
}

/// <summary>How figures that leave a case team are protected, and how long exported files are kept.</summary>
public sealed class ReportOptions
{
    /// <summary>
    /// Counts from 1 to this minus one are hidden in every aggregate shown outside a case team (dashboards
    /// for coordinators and analysts, reports, exports), with enough other cells hidden that none can be
    /// worked out from the totals.
    /// </summary>
    public int SmallNumberThreshold { get; set; } = 5;

    /// <summary>
    /// Every count shown where small numbers are hidden is also rounded to the nearest multiple of this (1: not
    /// rounded), so that two overlapping reports cannot be subtracted to find a hidden count.
    /// </summary>
    public int RoundTo { get; set; } = 5;

    /// <summary>The CTDC export publishes only combinations of attributes shared by at least this many cases.</summary>
    public int CtdcK { get; set; } = 11;

    /// <summary>How long a finished export file can be downloaded before it is deleted.</summary>
    public TimeSpan ExportLifetime { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>The SMTP server notifications are e-mailed through; no host means no e-mail.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "ura@localhost";
}

public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Empty means a SQLite file <c>ura.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>True for Postgres; false for Sqlite; anything else is a configuration mistake and stops start-up.</summary>
    public bool IsPostgres => Provider.ToUpperInvariant() switch
    {
        "POSTGRES" or "POSTGRESQL" => true,
        "SQLITE" => false,
        _ => throw new InvalidOperationException($"Ura__Database__Provider is '{Provider}'; use Sqlite or Postgres."),
    };
}

public sealed class KeyOptions
{
    /// <summary>The key-encryption key itself, base64 (32 bytes). Prefer <see cref="KeyEncryptionKeyFile"/>.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>A file holding the base64 key-encryption key.</summary>
    public string? KeyEncryptionKeyFile { get; set; }
}
