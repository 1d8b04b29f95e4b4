using Ura.Features.Identification;

namespace Ura.Tests.Identification;

public sealed class ReflectionPeriodTests
{
    [Fact]
    public void EndsOn_ThirtyDays_EndsThirtyDaysAfterTheDecision() =>
        Assert.Equal(new DateOnly(2026, 3, 31), ReflectionPeriod.EndsOn(new DateOnly(2026, 3, 1), 30));

    [Fact]
    public void EndsOn_AcrossYearEnd_CountsCalendarDays() =>
        Assert.Equal(new DateOnly(2027, 3, 1), ReflectionPeriod.EndsOn(new DateOnly(2026, 12, 1), 90));

    [Fact]
    public void RemindersFor_ThirtyDayPeriod_LeadTimeBeforeEndAndOnEnd()
    {
        var start = new DateOnly(2026, 3, 1);
        var end = ReflectionPeriod.EndsOn(start, 30);

        Assert.Equal([end.AddDays(-ReflectionPeriod.ReminderLeadDays), end], ReflectionPeriod.RemindersFor(start, end));
        Assert.Equal(7, ReflectionPeriod.ReminderLeadDays);
    }

    [Fact]
    public void RemindersFor_PeriodShorterThanLeadTime_EarlyReminderOnStartDay()
    {
        var start = new DateOnly(2026, 3, 1);

        Assert.Equal([start, start.AddDays(3)], ReflectionPeriod.RemindersFor(start, start.AddDays(3)));
    }

    [Fact]
    public void RemindersFor_ZeroDayPeriod_OneReminder()
    {
        var start = new DateOnly(2026, 3, 1);

        Assert.Equal([start], ReflectionPeriod.RemindersFor(start, start));
    }
}
