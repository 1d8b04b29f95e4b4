using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Admin;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.CaseContent;

/// <summary>Tasks on a case, and each worker's "due and overdue" list.</summary>
public sealed class TasksTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private static object Task(Guid assignee, DateOnly due, string title = "Call the school", string kind = "FollowUp") =>
        new { title, kind, dueOn = Iso(due), assigneeId = assignee };

    /// <summary>A task written straight to the table, as another feature (reflection period reminders) would, with any due date.</summary>
    private Task<Guid> AddTaskRowAsync(CaseView opened, Guid assignee, DateOnly due, string title, DateTime? completedAt = null) =>
        factory.WithDb(async db =>
        {
            var organisationId = await db.Cases.Where(c => c.Id == opened.Id).Select(c => c.OrganisationId).SingleAsync();
            var task = new CaseTask
            {
                CaseId = opened.Id, OrganisationId = organisationId, Kind = CaseTaskKind.ReflectionPeriodEnd, Title = title,
                DueOn = due, AssigneeId = assignee, CreatedAt = DateTime.UtcNow, CompletedAt = completedAt,
            };
            db.CaseTasks.Add(task);
            await db.SaveChangesAsync();
            return task.Id;
        });

    [Fact]
    public async Task CreateTask_ForTeamMember_SavedEncryptedOnTimeline()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Arbëresha", "Kola"));
        var supervisor = await factory.UserAsync(Demo.Supervisor);

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/tasks", Task(supervisor.Id, Today.AddDays(3), "Review Arbëresha's plan", "Review"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var task = (await response.Content.ReadFromJsonAsync<TaskView>(WebJson))!;
        Assert.Equal(("Review", supervisor.Id, false), (task.Kind, task.AssigneeId, task.Overdue));
        var stored = await factory.WithDb(db => db.Database.SqlQuery<string>($"""SELECT "Title" AS "Value" FROM "CaseTasks" WHERE "Id" = {task.Id}""").SingleAsync());
        Assert.DoesNotContain("Arbëresha", stored, StringComparison.Ordinal);
        Assert.True(await factory.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "task.add" && e.Detail == "CaseTaskKind.Review")));
    }

    public static TheoryData<string, string, string> BadTasks => new()
    {
        { "title", "", "Validation.Required" },
        { "kind", "Party", "Tasks.UnknownKind" },
        { "dueOn", "past", "Tasks.DueInPast" },
        { "dueOn", "far", "Tasks.DueTooFar" },
        { "assigneeId", "outsider", "Tasks.AssigneeNotInTeam" },
        { "assigneeId", "other-org", "Tasks.AssigneeNotInTeam" },
    };

    [Theory]
    [MemberData(nameof(BadTasks))]
    public async Task CreateTask_BadInput_LocalisedErrorInAlbanianNothingSaved(string field, string value, string key)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(client, Adult("Fatjona", "Rama"));
        var worker = await factory.UserAsync(Demo.CaseWorker);
        var body = new Dictionary<string, object?> { ["title"] = "Visit", ["kind"] = "FollowUp", ["dueOn"] = Iso(Today.AddDays(1)), ["assigneeId"] = worker.Id };
        body[field] = value switch
        {
            "past" => Iso(Today.AddDays(-1)),
            "far" => Iso(Today.AddYears(6)),
            // A case worker of the organisation not assigned to this case, and a user of another organisation.
            "outsider" => await factory.CreateUserAsync($"worker{Guid.NewGuid():N}@demo.ura", worker.OrganisationId, "CaseWorker"),
            "other-org" => (await factory.UserAsync(Demo.SocialWorker)).Id,
            _ => value,
        };
        var before = await factory.ContentCountsAsync(opened.Id);

        var response = await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/tasks", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(key, "sq")], await ProblemErrorsAsync(response, field));
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
    }

    [Fact]
    public async Task CompleteTask_Once_DoneThenSecondTimeRefused()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");
        var opened = await OpenAsync(client, Adult("Сара", "Илиевска"));
        var worker = await factory.UserAsync(Demo.CaseWorker);
        var created = await (await client.PostAsJsonAsync($"/api/v1/cases/{opened.Id}/tasks", Task(worker.Id, Today))).Content.ReadFromJsonAsync<TaskView>(WebJson);

        var first = await client.PostAsync($"/api/v1/cases/{opened.Id}/tasks/{created!.Id}/completion", null);
        var completedAt = await factory.WithDb(db => db.CaseTasks.Where(t => t.Id == created.Id).Select(t => t.CompletedAt).SingleAsync());
        var second = await client.PostAsync($"/api/v1/cases/{opened.Id}/tasks/{created.Id}/completion", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(completedAt);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal([factory.Text("Tasks.AlreadyCompleted", "mk")], await ProblemErrorsAsync(second, ""));
        Assert.Equal(completedAt, await factory.WithDb(db => db.CaseTasks.Where(t => t.Id == created.Id).Select(t => t.CompletedAt).SingleAsync()));
    }

    [Fact]
    public async Task TasksPage_CreateAndComplete_ThroughForms()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sr-Latn");
        var opened = await OpenAsync(client, Adult("Dragana", "Ilić"));
        var worker = await factory.UserAsync(Demo.CaseWorker);
        var url = $"/cases/{opened.Id}/tasks";

        var created = await UraFactory.PostFormAsync(client, url, new()
        {
            ["Input.Title"] = "Pozvati centar za socijalni rad",
            ["Input.Kind"] = "FollowUp",
            ["Input.DueOn"] = Iso(Today.AddDays(2)),
            ["Input.AssigneeId"] = worker.Id.ToString(),
        });
        var taskId = await factory.WithDb(db => db.CaseTasks.Where(t => t.CaseId == opened.Id).Select(t => t.Id).SingleAsync());
        var completed = await UraFactory.PostFormAsync(client, $"{url}?handler=Complete&taskId={taskId}", [], url);
        var html = await (await client.GetAsync(url)).HtmlAsync();

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        Assert.Contains("Pozvati centar za socijalni rad", html, StringComparison.Ordinal);
        Assert.NotNull(await factory.WithDb(db => db.CaseTasks.Where(t => t.Id == taskId).Select(t => t.CompletedAt).SingleAsync()));
    }

    [Fact]
    public async Task DueList_MixOfTasks_OverdueFirstThenDueWithinAWeekOnlyOpenOnes()
    {
        var worker = await factory.CreateUserAsync($"due{Guid.NewGuid():N}@demo.ura", (await factory.UserAsync(Demo.CaseWorker)).OrganisationId, "CaseWorker");
        var opener = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(opener, Adult("Mirela", "Topalli"));
        await factory.WithDb(async db => { db.CaseTeamMembers.Add(new CaseTeamMember { CaseId = opened.Id, UserId = worker, AssignedAt = DateTime.UtcNow }); await db.SaveChangesAsync(); });
        await AddTaskRowAsync(opened, worker, Today.AddDays(3), "due in three days");
        await AddTaskRowAsync(opened, worker, Today.AddDays(-10), "ten days overdue");
        await AddTaskRowAsync(opened, worker, Today, "due today");
        await AddTaskRowAsync(opened, worker, Today.AddDays(8), "next week but one");
        await AddTaskRowAsync(opened, worker, Today.AddDays(-2), "already done", completedAt: DateTime.UtcNow);
        var supervisor = await factory.SignInAsync(Demo.Supervisor, "en");

        var list = await supervisor.GetFromJsonAsync<Paged<DueTaskView>>($"/api/v1/tasks?workerId={worker}", WebJson);
        var html = await (await supervisor.GetAsync($"/tasks?workerId={worker}")).HtmlAsync();

        Assert.Equal(["ten days overdue", "due today", "due in three days"], list!.Items.Select(t => t.Title));
        Assert.Equal([true, false, false], list.Items.Select(t => t.Overdue));
        Assert.All(list.Items, t => Assert.Equal(opened.Reference, t.CaseReference));
        Assert.Contains($"href=\"/cases/{opened.Id}/tasks\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("ten days overdue", StringComparison.Ordinal) < html.IndexOf("due today", StringComparison.Ordinal));
        Assert.DoesNotContain("next week but one", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DueList_OwnList_ShowsOnlyTheSignedInUsersTasks()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Eni", "Meta"));
        var worker = await factory.UserAsync(Demo.CaseWorker);
        var supervisor = await factory.UserAsync(Demo.Supervisor);
        await AddTaskRowAsync(opened, worker.Id, Today.AddDays(1), "mine tomorrow");
        await AddTaskRowAsync(opened, supervisor.Id, Today.AddDays(1), "the supervisor's");

        var list = await client.GetFromJsonAsync<Paged<DueTaskView>>("/api/v1/tasks", WebJson);

        Assert.Contains(list!.Items, t => t.Title == "mine tomorrow");
        Assert.DoesNotContain(list.Items, t => t.Title == "the supervisor's");
    }

    [Theory]
    [InlineData("caseworker", "al")]
    [InlineData("supervisor", "xk")]
    public async Task DueList_AnotherWorkersList_WithoutSupervisingThem_404(string login, string country)
    {
        var worker = await factory.UserAsync(Demo.CaseWorker);
        var client = await factory.SignInAsync(Demo.Email(login, country));
        var target = login == "caseworker" ? (await factory.UserAsync(Demo.Supervisor)).Id : worker.Id;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tasks?workerId={target}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tasks?workerId={target}")).StatusCode);
    }

    [Fact]
    public async Task DueList_Read_IsAudited()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var worker = await factory.UserAsync(Demo.CaseWorker);
        var before = await factory.ReadsAsync("TaskList", worker.Id, worker.Id);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tasks")).StatusCode);

        Assert.Equal(before + 1, await factory.ReadsAsync("TaskList", worker.Id, worker.Id));
    }

    [Theory]
    [InlineData("orgadmin")]
    [InlineData("coordinator")]
    [InlineData("analyst")]
    [InlineData("outreach")]
    [InlineData("sheltermanager")]
    public async Task DueList_RoleWithoutCaseWork_Forbidden(string login)
    {
        var client = await factory.SignInAsync(Demo.Email(login));

        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, new HttpRequestMessage(HttpMethod.Get, "/tasks")));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/tasks")).StatusCode);
    }

    [Fact]
    public async Task Navigation_MyTasksLink_ForCaseWorkNotForAdmins()
    {
        var worker = await (await (await factory.SignInAsync(Demo.Police)).GetAsync("/")).Content.ReadAsStringAsync();
        var admin = await (await (await factory.SignInAsync(Demo.OrgAdmin)).GetAsync("/")).Content.ReadAsStringAsync();

        Assert.Contains("href=\"/tasks\"", worker, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/tasks\"", admin, StringComparison.Ordinal);
    }
}
