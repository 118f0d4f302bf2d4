using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>
    /// Places a call (an asynchronous Originate) and returns its record once it exists; with <c>-Wait</c>, once it
    /// has ended, so a check can read its <c>Disposition</c>.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AmiCall", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = nameof(ParameterSets.Extension))]
    [OutputType(typeof(AmiCall))]
    public sealed class NewAmiCallCommand : AmiSessionCmdlet
    {
        private enum ParameterSets
        {
            Extension,
            Application,
        }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Channel { get; set; } = string.Empty;

        [Parameter(ParameterSetName = nameof(ParameterSets.Extension))]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContextCompleter))]
        public string Context { get; set; } = "default";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = nameof(ParameterSets.Extension))]
        [ValidateNotNullOrEmpty]
        public string Exten { get; set; } = string.Empty;

        [Parameter(ParameterSetName = nameof(ParameterSets.Extension))]
        [ValidateRange(1, int.MaxValue)]
        public int Priority { get; set; } = 1;

        [Parameter(Mandatory = true, ParameterSetName = nameof(ParameterSets.Application))]
        [ValidateNotNullOrEmpty]
        public string Application { get; set; } = string.Empty;

        [Parameter(ParameterSetName = nameof(ParameterSets.Application))]
        public string? Data { get; set; }

        [Parameter]
        public string? CallerId { get; set; }

        [Parameter]
        public Hashtable? Variable { get; set; }

        /// <summary>How long the first channel may ring (default 30 s).</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: how long the whole call may last before the wait gives up (default 1 hour).</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromHours(1);

        protected override void ProcessRecord()
        {
            var target = ParameterSetName == nameof(ParameterSets.Application) ? $"application {Application}" : $"{Exten}@{Context}";
            var request = new AmiOriginateRequest
            {
                Channel = Channel,
                Context = ParameterSetName == nameof(ParameterSets.Extension) ? Context : null,
                Exten = ParameterSetName == nameof(ParameterSets.Extension) ? Exten : null,
                Priority = Priority,
                Application = ParameterSetName == nameof(ParameterSets.Application) ? Application : null,
                Data = Data,
                CallerId = CallerId,
                Variables = ToStrings(Variable),
                Timeout = Timeout,
            };
            foreach (var session in ResolveSessions())
            {
                if (!ShouldProcess($"{Channel} on {session.Name}", $"Originate a call to {target}"))
                {
                    continue;
                }

                try
                {
                    using (ForwardLog(session))
                    {
                        var call = Await(session.OriginateAsync(request, StopToken));
                        if (Wait)
                        {
                            WriteVerbose($"Call {call.Id} started; waiting for it to end.");
                            call = Await(session.WaitForCallEndAsync(call.Id, WaitTimeout, StopToken));
                        }

                        WriteObject(call);
                    }
                }
                catch (AmiResponseException ex)
                {
                    WriteError(AmiErrors.FromResponse(ex.Response));
                }
                catch (Exception ex) when (ex is AmiException or ArgumentException or TimeoutException or InvalidOperationException)
                {
                    WriteAmiError(ex, Channel);
                }
            }
        }

        private static IReadOnlyDictionary<string, string>? ToStrings(Hashtable? table)
        {
            if (table is null)
            {
                return null;
            }

            var result = new Dictionary<string, string>();
            foreach (DictionaryEntry entry in table)
            {
                result[LanguagePrimitives.ConvertTo<string>(entry.Key)] = LanguagePrimitives.ConvertTo<string>(entry.Value) ?? string.Empty;
            }

            return result;
        }
    }
}
