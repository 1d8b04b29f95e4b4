using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Ura.Features.Account;
using Ura.Features.Admin;
using Ura.Features.Awareness.Public;
using Ura.Features.Directory;
using Ura.Features.Identification;
using Ura.Features.Cases;
using Ura.Features.Notifications;
using Ura.Features.Transnational;
using Ura.Platform.Audit;
using Ura.Platform.Authorization;
using Ura.Platform.Crypto;
using Ura.Platform.Data;
using Ura.Platform.Federation;
using Ura.Platform.Identity;
using Ura.Platform.Jobs;
using Ura.Platform.Localization;
using Ura.Resources;

namespace Ura.Platform.Web;

/// <summary>Composes the application: services, middleware and endpoints. Used by every CLI command.</summary>
public static class UraApp
{
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? overrides = null)
    {
        // Content (wwwroot, appsettings.json) is read from beside Ura.dll, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        overrides?.Invoke(builder.Configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });
        // Warnings and errors go to standard error, so a command's output (directory export -) stays clean.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Warning);

        var options = builder.Configuration.GetSection(UraOptions.Section).Get<UraOptions>() ?? new UraOptions();
        if (options.Reports.SmallNumberThreshold < 2 || options.Reports.CtdcK < 2)
            throw new InvalidOperationException("Ura__Reports__SmallNumberThreshold and Ura__Reports__CtdcK must be at least 2.");
        if (options.Reports.RoundTo < 1)
            throw new InvalidOperationException("Ura__Reports__RoundTo must be at least 1.");
        Directory.CreateDirectory(options.FullDataDirectory);
        var services = builder.Services;
        services.Configure<UraOptions>(builder.Configuration.GetSection(UraOptions.Section));

        using (var loggers = LoggerFactory.Create(l => l.AddJsonConsole()
                   .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Warning)))
            services.AddUraKeys(options, loggers.CreateLogger("Ura.Keys"));
        services.AddUraDatabase(options);
        services.AddUraIdentity(options);
        services.AddUraAuthorization();
        services.AddUraLocalization();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddScoped<Navigation>();
        services.AddScoped<TokenCommands>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<CountryCommands>();
        services.AddScoped<OrganisationCommands>();
        services.AddScoped<UserCommands>();
        services.AddScoped<DemoData>();
        services.AddScoped<Features.Directory.DemoDirectory>();
        services.AddScoped<Features.Directory.DirectorySearch>();
        services.AddScoped<Features.Directory.ServiceProfile>();
        services.AddScoped<Features.Directory.DirectoryEditing>();
        services.AddScoped<Features.Shelters.FacilityEditing>();
        services.AddScoped<Features.Shelters.RoomsAndBeds>();
        services.AddScoped<Features.Shelters.StandardsChecklist>();
        services.AddScoped<InstrumentCommands>();
        services.AddScoped<CaseRegistration>();
        services.AddScoped<DuplicateCheck>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<ScreeningCommands>();
        services.AddScoped<IdentificationCommands>();
        services.AddScoped<ConsentRecords>();
        services.AddScoped<ConsentCheck>();
        services.AddScoped<CaseNotes>();
        services.AddScoped<CaseTasks>();
        services.AddScoped<CaseDocuments>();
        services.AddScoped<RiskAssessments>();
        services.AddScoped<AssistancePlans>();
        services.AddScoped<ServiceDeliveries>();
        services.AddScoped<ExploitationDetails>();
        services.AddScoped<CaseTeamCommands>();
        services.AddScoped<CaseList>();
        services.AddScoped<CaseClosures>();
        services.AddScoped<CaseTimelineReader>();
        services.AddScoped<DemoCases>();
        services.AddScoped<PersonEditing>();
        services.AddScoped<Features.Notifications.Notifier>();
        services.AddScoped<Features.Directory.Hsds.HsdsPublisher>();
        services.AddScoped<Features.Directory.Hsds.DirectoryExchange>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Features.Directory.Hsds.HsdsReadHandler>();
        services.AddScoped<Features.Notifications.NotificationInbox>();
        services.AddScoped<Features.Home.ReferralDashboard>();
        services.AddScoped<Features.Reports.Dashboards.Dashboard>();
        services.AddScoped<Platform.Jobs.JobLeases>();
        services.Configure<Platform.Jobs.JobOptions>(builder.Configuration.GetSection(Platform.Jobs.JobOptions.Section));
        services.AddScoped<Features.Referrals.ReferralSending>();
        services.AddScoped<Features.Referrals.ReferralReceiving>();
        services.AddScoped<Features.Referrals.DemoReferrals>();
        services.AddScoped<Features.Shelters.DemoShelters>();
        services.Configure<Features.Shelters.ShelterOptions>(builder.Configuration.GetSection(Features.Shelters.ShelterOptions.Section));
        services.AddScoped<Features.Shelters.BedHolds>();
        services.AddScoped<Features.Shelters.ShelterResidents>();
        services.AddScoped<Features.Shelters.FacilityFinances>();
        services.AddScoped<Features.Training.Trainings.TrainingRegister>();
        services.AddScoped<Features.Training.Trainings.ExchangeVisits>();
        services.AddScoped<Features.Training.Trainings.DemoTrainings>();
        services.AddScoped<Features.Training.Assessments.AssessmentProgrammes>();
        services.AddScoped<Features.Training.Assessments.DemoAssessments>();
        services.AddScoped<Features.Reports.Projects.ProjectDirectory>();
        services.AddScoped<Features.Reports.Projects.DemoProjects>();
        services.Configure<Features.Awareness.HelpRequests.HelpRequestOptions>(builder.Configuration.GetSection(Features.Awareness.HelpRequests.HelpRequestOptions.Section));
        services.AddScoped<Features.Awareness.HelpRequests.HelpRequestIntake>();
        services.AddScoped<Features.Awareness.HelpRequests.HelpRequestInbox>();
        services.AddScoped<Features.Awareness.HelpRequests.DemoHelpRequests>();
        services.AddSingleton<Features.Awareness.HelpRequests.HelpRequestFormToken>();
        services.AddSingleton<Features.Awareness.HelpRequests.HelpRequestRateLimit>();
        services.AddScoped<Features.Awareness.Campaigns.CampaignCommands>();
        services.AddScoped<Features.Awareness.Campaigns.DemoCampaigns>();
        services.AddScoped<Features.Provisions.ProvisionCommands>();
        services.AddScoped<Features.Provisions.DemoProvisions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Features.Awareness.Public.HelpPageEditing>();
        services.AddScoped<Features.Awareness.Public.PublicHelpReading>();
        services.AddScoped<Features.Awareness.Public.DemoHelpPages>();
        services.Configure<Features.Awareness.Public.PublicHelpOptions>(builder.Configuration.GetSection(Features.Awareness.Public.PublicHelpOptions.Section));
        // Public help pages take their language from the URL, never from a cookie.
        services.Configure<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>(o => o.RequestCultureProviders.Insert(0, new Features.Awareness.Public.PublicHelp.UrlCultureProvider()));

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/";
                o.Conventions.AuthorizeFolder("/");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Text)))
            .AddMvcOptions(o => ModelBindingMessages.Localize(o))
            // Validation happens on the server, in the person's language; no unused English data-val attributes.
            .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        // Albanian, Macedonian and Serbian text stays as characters instead of numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ura.af";
            o.FormFieldName = "__af";
            o.SuppressXFrameOptionsHeader = true; // SecurityHeaders sends DENY on every response
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var text = c.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Text>>();
            c.ProblemDetails.Title = text["Problem.Status" + c.ProblemDetails.Status];
            c.ProblemDetails.Extensions.Remove("traceId");
        });
        services.AddOpenApi("v1", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddSingleton<DatabaseReadyCheck>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in options.TrustedProxies)
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        services.AddHostedService<MigrateOnStart>();
        // Registered after MigrateOnStart: hosted services start in order, so jobs never meet an unmigrated database.
        services.AddUraJob<Features.Notifications.EmailDispatcher>("email", o => o.EmailInterval);
        services.AddUraJob<Features.Notifications.DeadlineReminders>("deadlines", o => o.DeadlineInterval);
        var shelterHoldInterval = builder.Configuration.GetValue<TimeSpan?>("Ura:Jobs:ShelterHoldInterval") ?? TimeSpan.FromMinutes(5);
        services.AddUraJob<Features.Shelters.ShelterHoldExpiry>("shelter-holds", _ => shelterHoldInterval);
        services.Configure<Federation.FederationOptions>(builder.Configuration.GetSection(Federation.FederationOptions.Section));
        services.AddSingleton<Federation.NodeIdentity>();
        services.AddSingleton<Federation.DispatchSignal>();
        services.AddScoped<Federation.Peering>();
        services.AddScoped<Federation.FederationSender>();
        services.AddScoped<Federation.FederationReceiver>();
        services.AddScoped<Federation.FederationApplier>();
        services.AddScoped<Federation.FederationDispatcher>();
        services.AddScoped<Federation.IFederationHandler, Federation.PingHandler>();
        services.AddScoped<Federation.Pages.FederationMonitor>();
        services.Configure<Features.Transnational.ReturnOptions>(builder.Configuration.GetSection(Federation.FederationOptions.Section));
        services.AddScoped<Features.Transnational.ReturnPlanning>();
        services.AddScoped<Features.Transnational.ReturnReception>();
        services.AddScoped<Features.Transnational.ITransnationalPurge, Features.Transnational.ReturnPurge>();
        services.AddScoped<Federation.IFederationHandler, Features.Transnational.ReturnProposedHandler>();
        services.AddScoped<Federation.IFederationHandler, Features.Transnational.ReturnUpdatedHandler>();
        services.AddScoped<Federation.IFederationHandler>(sp => ActivatorUtilities.CreateInstance<Features.Transnational.ReturnDecisionHandler>(sp, Features.Transnational.ReturnMessageTypes.Confirmed));
        services.AddScoped<Federation.IFederationHandler>(sp => ActivatorUtilities.CreateInstance<Features.Transnational.ReturnDecisionHandler>(sp, Features.Transnational.ReturnMessageTypes.Declined));
        services.AddScoped<Federation.IFederationHandler, Features.Transnational.ReturnHandedOverHandler>();
        services.AddScoped<Federation.IFederationHandler, Features.Transnational.ReturnFollowUpHandler>();
        services.AddHttpClient(Federation.FederationDispatcher.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHostedService<Federation.FederationDispatchHost>();
        services.AddUraJob<Federation.FederationApplyJob>("federation-apply", o => o.FederationApplyInterval);
        services.Configure<Features.Transnational.TransnationalOptions>(builder.Configuration.GetSection(Federation.FederationOptions.Section));
        var transnational = builder.Configuration.GetSection(Federation.FederationOptions.Section).Get<Features.Transnational.TransnationalOptions>() ?? new();
        services.AddScoped<Features.Transnational.PeerDirectoryPublisher>();
        services.AddScoped<Features.Transnational.PeerDirectorySearch>();
        services.AddScoped<Features.Transnational.TransnationalSending>();
        services.AddScoped<Features.Transnational.TransnationalReceiving>();
        services.AddScoped<Features.Transnational.TransnationalConsent>();
        services.AddScoped<Federation.IFederationHandler, Features.Transnational.DirectorySnapshotHandler>();
        services.AddScoped<Federation.IFederationHandler, Features.Transnational.ReferralArrivedHandler>();
        services.AddScoped<Federation.IFederationHandler, Features.Transnational.ReferralWithdrawnHandler>();
        services.AddScoped<Federation.IFederationHandler, Features.Transnational.ConsentWithdrawnHandler>();
        services.AddScoped<Federation.IFederationHandler, Features.Transnational.PurgedHandler>();
        foreach (var answer in new[] { Features.Transnational.TransnationalMessages.Acknowledged, Features.Transnational.TransnationalMessages.Accepted,
                     Features.Transnational.TransnationalMessages.Declined, Features.Transnational.TransnationalMessages.Completed,
                     Features.Transnational.TransnationalMessages.Forwarded })
            services.AddScoped<Federation.IFederationHandler>(sp => ActivatorUtilities.CreateInstance<Features.Transnational.ReferralAnswerHandler>(sp, answer));
        services.AddUraJob<Features.Transnational.PeerDirectoryJob>("federation-directory", _ => Features.Transnational.PeerDirectoryJob.Every(transnational));
        var shelters = builder.Configuration.GetSection(Features.Shelters.ShelterOptions.Section).Get<Features.Shelters.ShelterOptions>() ?? new();
        services.AddScoped<Features.Shelters.ShelterBoard>();
        services.AddScoped<Features.Shelters.ShelterStatisticsReport>();
        services.AddScoped<Features.Reports.Indicators.IndicatorReport>();
        services.AddScoped<Features.Reports.Tip.TipReport>();
        services.AddScoped<Features.Shelters.ShelterAvailabilityPublisher>();
        services.AddScoped<Federation.IFederationHandler, Features.Shelters.ShelterAvailabilityHandler>();
        services.AddUraJob<Features.Shelters.ShelterAvailabilityJob>("shelter-availability", _ => shelters.AvailabilityLookInterval);
        services.AddScoped<Features.Reports.Exports.ExportRuns>();
        services.AddScoped<Features.Reports.Exports.CtdcExport>();
        services.AddScoped<Features.Reports.Exports.HtcdsExport>();
        services.AddUraJob<Features.Reports.Exports.ExportJob>("exports", o => o.ExportInterval);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit.Policy, SignInRateLimit.Partition(options.SignInAttemptsPerMinute));
        });
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UsePublicHelpPrivacy();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        // Before the error handlers: an API problem written on the way out (a body that is not JSON, a date
        // that is not a date) is then titled in the caller's language, not in English.
        app.UseRequestLocalization();
        app.UseWhen(c => IdentitySetup.IsApi(c.Request),
            api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !IdentitySetup.IsApi(c.Request),
            pages => pages.UseExceptionHandler("/error").UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapFederation();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var api = app.MapGroup("/api/v1").RequireAuthorization().AddEndpointFilter<ValidationFilter>();
        api.MapAccountApi();
        api.MapAdminApi();
        api.MapIdentificationApi();
        api.MapCasesApi();
        api.MapScreeningsApi();
        api.MapConsentApi();
        api.MapNoteApi();
        api.MapTaskApi();
        api.MapReturnApi();
        api.MapDocumentApi();
        api.MapPlansApi();
        api.MapCaseListApi();
        api.MapClosureApi();
        api.MapPersonApi();
        Features.Directory.Hsds.HsdsApi.MapHsdsApi(app);
        api.MapNotificationsApi();
        Features.Reports.Dashboards.DashboardApi.MapDashboardApi(api);
        api.MapDirectoryApi();
        Features.Shelters.FacilitiesApi.MapFacilitiesApi(api);
        Federation.Pages.FederationApi.MapFederationApi(api);
        api.MapHelpPagesApi();
        Features.Referrals.ReferralsApi.MapReferralsApi(api);
        Features.Transnational.TransnationalApi.MapTransnationalApi(api);
        Features.Shelters.ResidentsApi.MapResidentsApi(api);
        Features.Shelters.ShelterBoardApi.MapShelterBoardApi(api);
        Features.Shelters.FinanceApi.MapFinanceApi(api);
        Features.Training.Trainings.TrainingsApi.MapTrainingsApi(api);
        Features.Training.Assessments.AssessmentsApi.MapAssessmentsApi(api);
        Features.Reports.Projects.ProjectsApi.MapProjectsApi(api);
        Features.Awareness.HelpRequests.HelpRequestsApi.MapHelpRequestsApi(api);
        Features.Awareness.Campaigns.CampaignsApi.MapCampaignsApi(api);
        Features.Provisions.ProvisionsApi.MapProvisionsApi(api);
        Features.Reports.Indicators.IndicatorsApi.MapIndicatorsApi(api);
        Features.Reports.Tip.TipApi.MapTipApi(api);
        Features.Reports.Exports.ExportsApi.MapExportsApi(api);
        return app;
    }
}
