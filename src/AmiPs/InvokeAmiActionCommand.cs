using System;
using System.Collections;
using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Protocol;

namespace AmiPs.Commands
{
    /// <summary>
    /// Sends any AMI action and returns its response (with the items of list actions). An <c>Error</c> response is a
    /// non-terminating error carrying the server's message. A value given as an array sends its key once per element
    /// (<c>Variable</c>); use an ordered dictionary (<c>[ordered]@{}</c>) when field order matters.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AmiAction")]
    [OutputType(typeof(AmiResponse))]
    public sealed class InvokeAmiActionCommand : AmiSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ActionCompleter))]
        public string Action { get; set; } = string.Empty;

        [Parameter(Position = 1)]
        public IDictionary? Parameters { get; set; }

        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan Timeout { get; set; }

        protected override void ProcessRecord()
        {
            AmiAction action;
            try
            {
                action = BuildAction(Action, Parameters);
            }
            catch (AmiActionException ex)
            {
                WriteAmiError(ex, Action);
                return;
            }

            foreach (var session in ResolveSessions())
            {
                var response = Send(session, action);
                if (response is null)
                {
                    continue;
                }

                if (response.IsSuccess)
                {
                    WriteObject(response);
                }
                else
                {
                    WriteError(AmiErrors.FromResponse(response));
                }
            }
        }

        internal static AmiAction BuildAction(string name, IDictionary? parameters)
        {
            var action = new AmiAction(name);
            if (parameters is null)
            {
                return action;
            }

            foreach (DictionaryEntry entry in parameters)
            {
                var key = LanguagePrimitives.ConvertTo<string>(entry.Key);
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                if (value is IEnumerable many and not string)
                {
                    foreach (var item in many)
                    {
                        action.Add(key, LanguagePrimitives.ConvertTo<string>(item));
                    }
                }
                else
                {
                    action.Add(key, value is null ? string.Empty : LanguagePrimitives.ConvertTo<string>(value));
                }
            }

            return action;
        }

        private AmiResponse? Send(AmiSession session, AmiAction action)
        {
            try
            {
                var timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? Timeout : (TimeSpan?)null;
                return Await(session.SendActionAsync(action, timeout, StopToken));
            }
            catch (AmiException ex)
            {
                WriteAmiError(ex, session);
                return null;
            }
        }
    }
}
