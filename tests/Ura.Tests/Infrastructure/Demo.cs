using Ura.Features.Admin;

namespace Ura.Tests.Infrastructure;

/// <summary>Demo users by role, for readable tests.</summary>
public static class Demo
{
    public static string Email(string login, string country = "al") => DemoData.EmailOf(login, country);

    public static readonly string CaseWorker = Email("caseworker");
    public static readonly string Supervisor = Email("supervisor");
    public static readonly string OrgAdmin = Email("orgadmin");
    public static readonly string OtherOrgAdmin = Email("orgadmin", "xk");
    public static readonly string Coordinator = Email("coordinator");
    public static readonly string Analyst = Email("analyst");
    public static readonly string Outreach = Email("outreach");
    public static readonly string Police = Email("police");
    public static readonly string SocialWorker = Email("socialworker");
    public static readonly string SystemAdmin = DemoData.SystemAdminEmail;
}
