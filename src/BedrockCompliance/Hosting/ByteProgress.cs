using System.Diagnostics;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>Progress of a pass over a file, in MiB, at most four times a second (the last report always).</summary>
internal sealed class ByteProgress
{
    readonly Action<ProgressRecord> _write;
    readonly int _activityId;
    readonly string _activity;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    long _lastMs = -1000;

    public ByteProgress(Action<ProgressRecord> write, int activityId, string activity)
    {
        _write = write;
        _activityId = activityId;
        _activity = activity;
    }

    public void Report(long done, long total)
    {
        if (total <= 0) return;
        long now = _clock.ElapsedMilliseconds;
        if (done < total && now - _lastMs < 250) return;
        _lastMs = now;
        _write(new ProgressRecord(_activityId, _activity, $"{done / 1048576.0:0.0} of {total / 1048576.0:0.0} MiB")
        {
            PercentComplete = (int)Math.Min(100, done * 100 / total),
            RecordType = done >= total ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        });
    }
}
