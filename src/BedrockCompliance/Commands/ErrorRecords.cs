using System;
using System.Management.Automation;

namespace BedrockCompliance.Commands
{
    /// <summary>Stable ErrorIds shared by the cmdlets, so scripts can match on them.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord InvalidModelId(Exception ex, object? target) =>
            new ErrorRecord(ex, "InvalidModelId", ErrorCategory.InvalidArgument, target);

        public static ErrorRecord InvalidCatalog(Exception ex, object? target) =>
            new ErrorRecord(ex, "InvalidLicenseCatalog", ErrorCategory.InvalidData, target);
    }
}
