using System;
using System.Management.Automation;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>Runs an Asterisk CLI command through AMI (<c>Action: Command</c>) and writes its output lines.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AmiCommand")]
    [OutputType(typeof(string))]
    public sealed class InvokeAmiCommandCommand : AmiSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CliCommandCompleter))]
        public string Command { get; set; } = string.Empty;

        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan Timeout { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var session in ResolveSessions())
            {
                AmiResponse response;
                try
                {
                    var timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? Timeout : (TimeSpan?)null;
                    response = Await(session.InvokeCommandAsync(Command, timeout, StopToken));
                }
                catch (Exception ex) when (ex is AmiException or ArgumentException)
                {
                    WriteAmiError(ex, session);
                    continue;
                }

                if (!response.IsSuccess)
                {
                    WriteError(AmiErrors.FromResponse(response));
                    continue;
                }

                foreach (var line in response.Output)
                {
                    WriteObject(line);
                }
            }
        }
    }
}
