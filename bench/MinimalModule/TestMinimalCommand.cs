using System.Management.Automation;

namespace MinimalModule
{
    /// <summary>Writes its argument back: a cmdlet for the import to find, nothing more.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "Minimal")]
    public sealed class TestMinimalCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        public string? Name { get; set; }

        protected override void ProcessRecord() => WriteObject(Name);
    }
}
