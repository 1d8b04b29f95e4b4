using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Resources;

namespace Ura.Features.Cases;

/// <summary><c>/api/v1/cases/{id}/consents</c>: the case team records, lists and withdraws consents and asks what they cover.</summary>
public static class ConsentApi
{
    public static void MapConsentApi(this RouteGroupBuilder api)
    {
        var consents = api.MapGroup("/cases/{id:guid}/consents").WithTags("Consent");
        consents.MapGet("", List).WithName("ListConsents").WithSummary("The case's consents, newest first (case team only).").RequireAuthorization();
        consents.MapPost("", Record).WithName("RecordConsent").WithSummary("Records a consent taken by the signed-in user.").RequireAuthorization();
        consents.MapPost("/{consentId:guid}/withdrawal", Withdraw).WithName("WithdrawConsent")
            .WithSummary("Records that the consent was withdrawn; it covers nothing from that date on, for good.").RequireAuthorization();
        consents.MapGet("/coverage", Coverage).WithName("ConsentCoverage")
            .WithSummary("Whether the case's consent allows sharing with an organisation, sending to a country, or research use on a date.").RequireAuthorization();
    }

    private static async Task<Results<Ok<IReadOnlyList<ConsentView>>, NotFound>> List(Guid id, ConsentRecords records, CancellationToken ct) =>
        await records.ListAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<ConsentView>, NotFound, ValidationProblem>> Record(
        Guid id, ConsentInput body, ConsentRecords records, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await records.RecordAsync(id, body, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        return result.Succeeded ? TypedResults.Created($"/api/v1/cases/{id}/consents", result.Value) : result.Errors.ToProblem(text);
    }

    private static async Task<Results<Ok<ConsentView>, NotFound, ValidationProblem>> Withdraw(
        Guid id, Guid consentId, ConsentWithdrawalInput body, ConsentRecords records, IStringLocalizer<Text> text, CancellationToken ct)
    {
        var result = await records.WithdrawAsync(id, consentId, body, ct);
        if (!result.Found)
            return TypedResults.NotFound();
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Errors.ToProblem(text);
    }

    /// <summary>
    /// <c>use</c> is <c>ShareWithOrganisation</c> (with <c>organisationId</c>), <c>ShareAcrossBorder</c> (with <c>country</c>)
    /// or <c>Research</c>; <c>on</c> defaults to today; <c>purpose</c> is optional.
    /// </summary>
    private static async Task<Results<Ok<ConsentCoverage>, NotFound, ValidationProblem>> Coverage(
        Guid id, string? use, Guid? organisationId, string? country, DateOnly? on, string? purpose,
        CaseAccess access, ConsentCheck check, IStringLocalizer<Text> text, CancellationToken ct)
    {
        if (await access.ReadAsync(id, ct) is not { } found)
            return TypedResults.NotFound();
        if (!PersonRules.IsValue<ConsentUse>(use))
            return new[] { new RuleError("Use", "Consent.UnknownUse") }.ToProblem(text);
        if (purpose is not null && !PersonRules.IsValue<ConsentPurpose>(purpose))
            return new[] { new RuleError("Purpose", "Consent.UnknownPurpose") }.ToProblem(text);
        var coverage = await check.CoversAsync(found.Id, Enum.Parse<ConsentUse>(use!), organisationId, country, on ?? access.Today,
            purpose is null ? null : Enum.Parse<ConsentPurpose>(purpose), ct);
        return TypedResults.Ok(coverage);
    }
}
