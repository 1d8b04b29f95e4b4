using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Ura.Platform.Audit;
using Ura.Platform.Crypto;
using Ura.Platform.Identity;

namespace Ura.Platform.Data;

/// <summary>The one database context. Feature folders add their entity configurations here.</summary>
public sealed class UraDbContext(DbContextOptions<UraDbContext> options, FieldProtection protection)
    : IdentityDbContext<User, Role, Guid>(options)
{
    internal FieldProtection Protection => protection;

    private bool? isPostgres;

    /// <summary>Whether this context talks to PostgreSQL; asked once (EF finds the provider's name by reflection each time).</summary>
    internal bool IsPostgres => isPostgres ??= Database.IsNpgsql();

    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Features.Cases.Case> Cases => Set<Features.Cases.Case>();
    public DbSet<Features.Cases.CaseTeamMember> CaseTeamMembers => Set<Features.Cases.CaseTeamMember>();
    public DbSet<Features.Identification.ScreeningInstrument> ScreeningInstruments => Set<Features.Identification.ScreeningInstrument>();
    public DbSet<Features.Cases.Person> Persons => Set<Features.Cases.Person>();
    public DbSet<Features.Cases.IdentityDocument> IdentityDocuments => Set<Features.Cases.IdentityDocument>();
    public DbSet<Features.Cases.PersonNameIndex> PersonNameIndex => Set<Features.Cases.PersonNameIndex>();
    public DbSet<Features.Cases.CaseReferenceCounter> CaseReferenceCounters => Set<Features.Cases.CaseReferenceCounter>();
    public DbSet<Features.Cases.CaseEvent> CaseEvents => Set<Features.Cases.CaseEvent>();
    public DbSet<Features.Cases.CaseTask> CaseTasks => Set<Features.Cases.CaseTask>();
    public DbSet<Features.Identification.Screening> Screenings => Set<Features.Identification.Screening>();
    public DbSet<Features.Identification.IdentificationSubmission> IdentificationSubmissions => Set<Features.Identification.IdentificationSubmission>();
    public DbSet<Features.Identification.CaseIdentification> CaseIdentifications => Set<Features.Identification.CaseIdentification>();
    public DbSet<Features.Cases.Consent> Consents => Set<Features.Cases.Consent>();
    public DbSet<Features.Cases.CaseNote> CaseNotes => Set<Features.Cases.CaseNote>();
    public DbSet<Features.Cases.CaseDocument> CaseDocuments => Set<Features.Cases.CaseDocument>();
    public DbSet<Features.Cases.RiskAssessment> RiskAssessments => Set<Features.Cases.RiskAssessment>();
    public DbSet<Features.Cases.NeedsAssessment> NeedsAssessments => Set<Features.Cases.NeedsAssessment>();
    public DbSet<Features.Cases.PlanGoal> PlanGoals => Set<Features.Cases.PlanGoal>();
    public DbSet<Features.Cases.ServiceDelivery> ServiceDeliveries => Set<Features.Cases.ServiceDelivery>();
    public DbSet<Features.Cases.CaseExploitation> CaseExploitations => Set<Features.Cases.CaseExploitation>();
    public DbSet<Features.Cases.ExploitationCode> ExploitationCodes => Set<Features.Cases.ExploitationCode>();
    public DbSet<Features.Cases.TraffickingEvent> TraffickingEvents => Set<Features.Cases.TraffickingEvent>();
    public DbSet<Features.Cases.CaseClosure> CaseClosures => Set<Features.Cases.CaseClosure>();
    public DbSet<Features.Directory.Service> Services => Set<Features.Directory.Service>();
    public DbSet<Features.Directory.Location> Locations => Set<Features.Directory.Location>();
    public DbSet<Features.Directory.Address> Addresses => Set<Features.Directory.Address>();
    public DbSet<Features.Directory.ServiceAtLocation> ServiceAtLocations => Set<Features.Directory.ServiceAtLocation>();
    public DbSet<Features.Directory.Phone> Phones => Set<Features.Directory.Phone>();
    public DbSet<Features.Directory.Contact> Contacts => Set<Features.Directory.Contact>();
    public DbSet<Features.Directory.Schedule> Schedules => Set<Features.Directory.Schedule>();
    public DbSet<Features.Directory.ServiceLanguage> ServiceLanguages => Set<Features.Directory.ServiceLanguage>();
    public DbSet<Features.Directory.Accessibility> Accessibility => Set<Features.Directory.Accessibility>();
    public DbSet<Features.Directory.ServiceArea> ServiceAreas => Set<Features.Directory.ServiceArea>();
    public DbSet<Features.Directory.CostOption> CostOptions => Set<Features.Directory.CostOption>();
    public DbSet<Features.Directory.RequiredDocument> RequiredDocuments => Set<Features.Directory.RequiredDocument>();
    public DbSet<Features.Directory.Taxonomy> Taxonomies => Set<Features.Directory.Taxonomy>();
    public DbSet<Features.Directory.TaxonomyTerm> TaxonomyTerms => Set<Features.Directory.TaxonomyTerm>();
    public DbSet<Features.Directory.ServiceTerm> ServiceTerms => Set<Features.Directory.ServiceTerm>();
    public DbSet<Features.Directory.Unit> Units => Set<Features.Directory.Unit>();
    public DbSet<Features.Directory.ServiceCapacity> ServiceCapacities => Set<Features.Directory.ServiceCapacity>();
    public DbSet<Features.Referrals.Referral> Referrals => Set<Features.Referrals.Referral>();
    public DbSet<Features.Referrals.ReferralEvent> ReferralEvents => Set<Features.Referrals.ReferralEvent>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Notifications.EmailMessage> EmailMessages => Set<Features.Notifications.EmailMessage>();
    public DbSet<Features.Notifications.TaskDueReminder> TaskDueReminders => Set<Features.Notifications.TaskDueReminder>();
    public DbSet<Jobs.JobLease> JobLeases => Set<Jobs.JobLease>();
    public DbSet<Federation.NodeIdentityRecord> NodeIdentity => Set<Federation.NodeIdentityRecord>();
    public DbSet<Federation.FederationPeer> FederationPeers => Set<Federation.FederationPeer>();
    public DbSet<Federation.OutboxMessage> FederationOutbox => Set<Federation.OutboxMessage>();
    public DbSet<Federation.InboxMessage> FederationInbox => Set<Federation.InboxMessage>();
    public DbSet<Federation.MessageStream> MessageStreams => Set<Federation.MessageStream>();
    public DbSet<Federation.FederationRefusal> FederationRefusals => Set<Federation.FederationRefusal>();
    public DbSet<Features.Transnational.TransnationalReferral> TransnationalReferrals => Set<Features.Transnational.TransnationalReferral>();
    public DbSet<Features.Transnational.PeerService> PeerServices => Set<Features.Transnational.PeerService>();
    public DbSet<Features.Transnational.PeerDirectory> PeerDirectories => Set<Features.Transnational.PeerDirectory>();
    public DbSet<Features.Transnational.ReturnPlan> ReturnPlans => Set<Features.Transnational.ReturnPlan>();
    public DbSet<Features.Transnational.ReturnAssistance> ReturnAssistance => Set<Features.Transnational.ReturnAssistance>();
    public DbSet<Features.Transnational.ReturnFollowUp> ReturnFollowUps => Set<Features.Transnational.ReturnFollowUp>();
    public DbSet<Features.Shelters.ShelterFacility> ShelterFacilities => Set<Features.Shelters.ShelterFacility>();
    public DbSet<Features.Shelters.FacilityStandard> ShelterStandards => Set<Features.Shelters.FacilityStandard>();
    public DbSet<Features.Shelters.Bed> ShelterBeds => Set<Features.Shelters.Bed>();
    public DbSet<Features.Shelters.Stay> ShelterStays => Set<Features.Shelters.Stay>();
    public DbSet<Features.Shelters.BedMove> ShelterBedMoves => Set<Features.Shelters.BedMove>();
    public DbSet<Features.Shelters.BudgetLine> ShelterBudgetLines => Set<Features.Shelters.BudgetLine>();
    public DbSet<Features.Shelters.MonthlyCost> ShelterMonthlyCosts => Set<Features.Shelters.MonthlyCost>();
    public DbSet<Features.Shelters.FundingSource> ShelterFundingSources => Set<Features.Shelters.FundingSource>();
    public DbSet<Features.Shelters.PeerShelter> PeerShelters => Set<Features.Shelters.PeerShelter>();
    public DbSet<Features.Shelters.PeerShelterSnapshot> PeerShelterSnapshots => Set<Features.Shelters.PeerShelterSnapshot>();
    public DbSet<Features.Awareness.Public.HelpPage> HelpPages => Set<Features.Awareness.Public.HelpPage>();
    public DbSet<Features.Awareness.Public.HelpPageVersion> HelpPageVersions => Set<Features.Awareness.Public.HelpPageVersion>();
    public DbSet<Features.Training.Trainings.TrainingCourse> Trainings => Set<Features.Training.Trainings.TrainingCourse>();
    public DbSet<Features.Training.Trainings.TrainingParticipants> TrainingParticipants => Set<Features.Training.Trainings.TrainingParticipants>();
    public DbSet<Features.Training.Trainings.TrainingOrganisation> TrainingOrganisations => Set<Features.Training.Trainings.TrainingOrganisation>();
    public DbSet<Features.Training.Trainings.TrainingFollowUp> TrainingFollowUps => Set<Features.Training.Trainings.TrainingFollowUp>();
    public DbSet<Features.Training.Trainings.ExchangeVisit> ExchangeVisits => Set<Features.Training.Trainings.ExchangeVisit>();
    public DbSet<Features.Training.Trainings.ExchangeVisitor> ExchangeVisitors => Set<Features.Training.Trainings.ExchangeVisitor>();
    public DbSet<Features.Training.Assessments.CapacityProgramme> CapacityProgrammes => Set<Features.Training.Assessments.CapacityProgramme>();
    public DbSet<Features.Training.Assessments.CapacityAssessment> CapacityAssessments => Set<Features.Training.Assessments.CapacityAssessment>();
    public DbSet<Features.Training.Assessments.CapacityScore> CapacityScores => Set<Features.Training.Assessments.CapacityScore>();
    public DbSet<Features.Awareness.HelpRequests.HelpRequest> HelpRequests => Set<Features.Awareness.HelpRequests.HelpRequest>();
    public DbSet<Features.Awareness.Campaigns.Campaign> Campaigns => Set<Features.Awareness.Campaigns.Campaign>();
    public DbSet<Features.Awareness.Campaigns.CampaignActivity> CampaignActivities => Set<Features.Awareness.Campaigns.CampaignActivity>();
    public DbSet<Features.Awareness.Campaigns.CampaignReach> CampaignReach => Set<Features.Awareness.Campaigns.CampaignReach>();
    public DbSet<Features.Awareness.Campaigns.CampaignMaterial> CampaignMaterials => Set<Features.Awareness.Campaigns.CampaignMaterial>();
    public DbSet<Features.Provisions.ProvisionPoint> ProvisionPoints => Set<Features.Provisions.ProvisionPoint>();
    public DbSet<Features.Provisions.ProvisionDelivery> ProvisionDeliveries => Set<Features.Provisions.ProvisionDelivery>();
    public DbSet<Features.Provisions.ProvisionDistribution> ProvisionDistributions => Set<Features.Provisions.ProvisionDistribution>();
    public DbSet<Features.Provisions.ProvisionDistributionItem> ProvisionDistributionItems => Set<Features.Provisions.ProvisionDistributionItem>();
    public DbSet<Features.Provisions.ProvisionServed> ProvisionServed => Set<Features.Provisions.ProvisionServed>();
    public DbSet<Features.Reports.Projects.Project> Projects => Set<Features.Reports.Projects.Project>();
    public DbSet<Features.Reports.Projects.ProjectOrganisation> ProjectOrganisations => Set<Features.Reports.Projects.ProjectOrganisation>();
    public DbSet<Features.Reports.Projects.ProjectTarget> ProjectTargets => Set<Features.Reports.Projects.ProjectTarget>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(UraDbContext).Assembly);

        // Identity's own tables hold secrets (authenticator keys, recovery codes) in AspNetUserTokens.
        builder.Entity<IdentityUserToken<Guid>>().Property(t => t.Value!).IsEncrypted(FieldClass.Secret);
        builder.ApplyEncryption(protection);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: audit events are linked asynchronously.");

    /// <summary>Links new audit events into the chain inside the same transaction as the change.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var pending = new List<AuditEvent>();
        foreach (var entry in ChangeTracker.Entries<AuditEvent>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("Audit events are append-only.");
            if (entry.State == EntityState.Added)
                pending.Add(entry.Entity);
        }
        if (pending.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await AuditChain.LockAsync(this, cancellationToken);
            await AuditChain.LinkAsync(this, pending, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (owned is not null)
                await owned.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (owned is not null)
                await owned.DisposeAsync();
        }
    }
}

/// <summary>
/// The model holds value converters bound to this application's key ring, so the cached model is
/// keyed by it too (tests run several applications, each with its own keys, in one process).
/// </summary>
public sealed class UraModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is UraDbContext ura ? (context.GetType(), ura.Protection, designTime) : (object)(context.GetType(), designTime);
}
