using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Ura.Features.Admin;
using Ura.Platform.Authorization;
using Ura.Resources;

namespace Ura.Features.Transnational;

/// <summary>
/// Voluntary return: <c>/api/v1/cases/{id}/returns</c> for the sending case team, and
/// <c>/api/v1/transnational/returns</c> for the receiving organisation's case workers and supervisors.
/// </summary>
public static class ReturnApi
{
    public static void MapReturnApi(this RouteGroupBuilder api)
    {
        var sending = api.MapGroup("/cases/{id:guid}/returns").WithTags("Returns");
        sending.MapGet("", List).WithName("ListCaseReturns")
            .WithSummary("The case's transnational referrals with their return plans and the follow-up reports received (case team only).")
            .RequireAuthorization();
        sending.MapPut("/{referralId:guid}", Save).WithName("SaveReturnPlan")
            .WithSummary("Writes the return plan of a transnational referral of the case; once proposed, the change is sent as return.updated and needs confirming again.")
            .RequireAuthorization();
        sending.MapPost("/{referralId:guid}/proposal", Propose).WithName("ProposeReturnPlan")
            .WithSummary("Sends the draft return plan to the receiving node (return.proposed); needs cross-border consent for its country.")
            .RequireAuthorization();

        var receiving = api.MapGroup("/transnational/returns").WithTags("Returns");
        receiving.MapGet("", Received).WithName("ListReceivedReturns")
            .WithSummary("Return plans proposed to the user's organisation by peer nodes, with the next follow-up report due.")
            .RequireAuthorization(Policies.ReferralReceiver);
        receiving.MapGet("/{referralId:guid}", Read).WithName("GetReceivedReturn")
            .WithSummary("A return plan proposed to the user's organisation.").RequireAuthorization(Policies.ReferralReceiver);
        receiving.MapPost("/{referralId:guid}/decision", Decide).WithName("DecideReturnPlan")
            .WithSummary("Confirms the proposed return plan, or declines it with a reason (return.confirmed / return.declined).")
            .RequireAuthorization(Policies.ReferralReceiver);
        receiving.MapPost("/{referralId:guid}/handover", HandOver).WithName("HandOverReturn")
            .WithSummary("Records the person's reception (date, place, who received them), links or opens the case here and schedules the follow-up reports as tasks (return.handed-over).")
            .RequireAuthorization(Policies.ReferralReceiver);
        receiving.MapPost("/{referralId:guid}/follow-ups", Report).WithName("ReportReturnFollowUp")
            .WithSummary("Files a due follow-up report; it is sent to the sender (return.follow-up) only while the person's consent allows.")
            .RequireAuthorization(Policies.ReferralReceiver);
    }

    private static async Task<Results<Ok<IReadOnlyList<ReturnCandidate>>, NotFound>> List(Guid id, ReturnPlanning planning, CancellationToken ct) =>
        await planning.ListAsync(id, ct) is { } found ? TypedResults.Ok(found.Referrals) : TypedResults.NotFound();

    private static async Task<Results<Ok<ReturnPlanView>, NotFound, ValidationProblem>> Save(
        Guid id, Guid referralId, ReturnPlanInput body, ReturnPlanning planning, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await planning.SaveAsync(id, referralId, body, ct)).ToOk(text);

    private static async Task<Results<Ok<ReturnPlanView>, NotFound, ValidationProblem>> Propose(
        Guid id, Guid referralId, ReturnPlanning planning, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await planning.ProposeAsync(id, referralId, ct)).ToOk(text);

    private static async Task<Ok<IReadOnlyList<ReturnSummary>>> Received(ReturnReception reception, CancellationToken ct) =>
        TypedResults.Ok(await reception.ListAsync(ct));

    private static async Task<Results<Ok<ReturnPlanView>, NotFound>> Read(Guid referralId, ReturnReception reception, CancellationToken ct) =>
        await reception.ReadAsync(referralId, ct) is { } plan ? TypedResults.Ok(plan) : TypedResults.NotFound();

    private static async Task<Results<Ok<ReturnPlanView>, NotFound, ValidationProblem>> Decide(
        Guid referralId, ReturnDecisionInput body, ReturnReception reception, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await reception.DecideAsync(referralId, body, ct)).ToOk(text);

    private static async Task<Results<Ok<ReturnPlanView>, NotFound, ValidationProblem>> HandOver(
        Guid referralId, ReturnHandoverInput body, ReturnReception reception, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await reception.HandOverAsync(referralId, body, ct)).ToOk(text);

    private static async Task<Results<Ok<ReturnPlanView>, NotFound, ValidationProblem>> Report(
        Guid referralId, ReturnFollowUpInput body, ReturnReception reception, IStringLocalizer<Text> text, CancellationToken ct) =>
        (await reception.ReportAsync(referralId, body, ct)).ToOk(text);
}
