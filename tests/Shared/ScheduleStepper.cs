using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Configuration;
using UsageAlerts.Jobs;

namespace UsageAlerts.Testing;

/// <summary>
/// Steps a fake clock through the fire times of the schedules the app ships (<see cref="ScheduleOptions"/> defaults)
/// for some jobs, running those due at each. Jobs due in the same second run in the order given (polls before the
/// evaluation). Compiled into both the tests and the bench, which drive the app on the same schedules.
/// </summary>
internal sealed class ScheduleStepper
{
    private readonly FakeTimeProvider _clock;
    private readonly IReadOnlyList<string> _jobs;
    private readonly Dictionary<string, CronSchedule> _schedules;

    public ScheduleStepper(FakeTimeProvider clock, IReadOnlyList<string> jobs)
    {
        var defaults = new ScheduleOptions();
        (_clock, _jobs) = (clock, jobs);
        _schedules = jobs.ToDictionary(job => job, job => CronSchedule.Parse(defaults.ExpressionFor(job)));
    }

    /// <summary>
    /// Moves the clock to each fire time after now, up to and including <paramref name="until"/>, running the jobs due;
    /// stops early (clock at that fire time) once <paramref name="done"/> holds after a fire time.
    /// </summary>
    public async Task RunUntilAsync(DateTimeOffset until, Func<string, Task> run, Func<bool>? done = null)
    {
        while (true)
        {
            var now = _clock.GetUtcNow();
            var next = _schedules.Values.Min(s => s.Next(now));
            if (next > until)
            {
                _clock.AdjustTime(until);
                return;
            }

            _clock.AdjustTime(next);
            foreach (var job in _jobs.Where(j => _schedules[j].Next(now) == next))
            {
                await run(job);
            }

            if (done?.Invoke() == true)
            {
                return;
            }
        }
    }
}
