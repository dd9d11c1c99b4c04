using System;
using System.Diagnostics;
using System.Management.Automation;

namespace BedrockCompliance.Commands.Infrastructure
{
    /// <summary>
    /// Progress by bytes for a long file operation: at most four records a second (more only slow the host), and
    /// always the last one, so the bar closes. Stopwatch rather than TimeProvider: this assembly loads in
    /// PowerShell's default context and takes no engine dependency.
    /// </summary>
    internal sealed class ProgressThrottle
    {
        const long IntervalMs = 250;
        readonly Stopwatch _clock = Stopwatch.StartNew();
        long _lastMs = -IntervalMs * 4;

        /// <summary>The record to write now, or null when the last one was too recent (or nothing is known of the total).</summary>
        public ProgressRecord? Next(int activityId, string activity, long done, long total)
        {
            if (total <= 0) return null;
            long now = _clock.ElapsedMilliseconds;
            if (done < total && now - _lastMs < IntervalMs) return null;
            _lastMs = now;
            return new ProgressRecord(activityId, activity, $"{done / 1048576.0:0.0} of {total / 1048576.0:0.0} MiB")
            {
                PercentComplete = (int)Math.Min(100, done * 100 / total),
                RecordType = done >= total ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
        }
    }
}
