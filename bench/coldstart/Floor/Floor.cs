using System.Management.Automation;

namespace Floor;

public sealed class FloorSample
{
    public string Name { get; set; } = "floor";
}

[Cmdlet(VerbsCommon.Get, "FloorSample")]
[OutputType(typeof(FloorSample))]
public sealed class GetFloorSampleCommand : PSCmdlet
{
    protected override void ProcessRecord() => WriteObject(new FloorSample());
}
