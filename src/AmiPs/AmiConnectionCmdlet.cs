using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>
    /// A cmdlet that opens its own connection to a PBX: the one definition of the connection parameters
    /// (<c>-ComputerName</c>, <c>-Port</c>, <c>-Credential</c>, <c>-AuthType</c>, <c>-UseTls</c>,
    /// <c>-SkipCertificateCheck</c>) and of how they, the cmdlet's own settings and the <c>AMI_*</c> environment
    /// variables become session options. A parameter given wins; its variable is then not read at all.
    /// </summary>
    public abstract class AmiConnectionCmdlet : AmiCmdlet
    {
        // Which variable each parameter stands in for: given the parameter, the variable is not read.
        private static readonly Dictionary<string, string> VariableOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [nameof(ComputerName)] = AmiEnvironment.Host,
            [nameof(Port)] = AmiEnvironment.Port,
            ["ConnectTimeout"] = AmiEnvironment.ConnectionTimeout,
            ["KeepAliveInterval"] = AmiEnvironment.KeepAliveInterval,
            ["ReconnectDelay"] = AmiEnvironment.ReconnectDelay,
            ["MaxReconnectAttempts"] = AmiEnvironment.MaxReconnectAttempts,
        };

        /// <summary>The PBX's host name or address; <c>AMI_HOST</c> when omitted. There is no default host.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Server", "HostName")]
        [ValidateNotNullOrEmpty]
        public string? ComputerName { get; set; }

        /// <summary>The AMI port; <c>AMI_PORT</c>, else 5038 (5039 with -UseTls).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <summary>The AMI user and secret; <c>AMI_USERNAME</c>/<c>AMI_PASSWORD</c> when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? Credential { get; set; }

        [Parameter]
        public AmiAuthType AuthType { get; set; } = AmiAuthType.MD5;

        [Parameter]
        public SwitchParameter UseTls { get; set; }

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>The log id of a refused login: the cmdlet reports it as its error (or result), so it is not also a warning.</summary>
        protected static readonly int AuthenticationFailedWarning = AmiLogEvents.AuthenticationFailed.Id;

        /// <summary>True when the caller gave this parameter (by name or from the pipeline).</summary>
        protected bool IsGiven(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        /// <summary>
        /// True when the cmdlet sets <paramref name="setting"/> itself, so its environment variable is not read:
        /// when the parameter is given, or (overridden) when the cmdlet fixes the setting whatever the caller says.
        /// </summary>
        protected virtual bool Sets(string setting) => IsGiven(setting);

        /// <summary>
        /// The session options: the defaults, then the environment (only for parameters not given), then the
        /// connection parameters, then <paramref name="specific"/> (the cmdlet's own settings); validated.
        /// </summary>
        /// <exception cref="ArgumentException">A setting or variable that cannot work, named.</exception>
        protected AmiSessionOptions BuildOptions(Func<AmiSessionOptions, AmiSessionOptions>? specific = null)
        {
            var given = new List<string>();
            foreach (var pair in VariableOf)
            {
                if (Sets(pair.Key))
                {
                    given.Add(pair.Value);
                }
            }

            var options = AmiEnvironment.Apply(AmiSessionOptions.Default, given);
            options = options with
            {
                ComputerName = ComputerName ?? options.ComputerName,
                Port = IsGiven(nameof(Port)) ? Port : options.Port,
                AuthType = AuthType,
                UseTls = UseTls,
                SkipCertificateCheck = SkipCertificateCheck,
            };
            options = specific?.Invoke(options) ?? options;
            options.Validate();
            return options;
        }

        /// <summary>The options and the credential, or a terminating error naming what is wrong or missing.</summary>
        protected (AmiSessionOptions Options, NetworkCredential Credential) ResolveConnection(Func<AmiSessionOptions, AmiSessionOptions>? specific = null)
        {
            try
            {
                return (BuildOptions(specific), ResolveCredential(Credential));
            }
            catch (ArgumentException ex)
            {
                ThrowAmiError(ex, ComputerName);
                throw; // not reached: ThrowTerminatingError throws
            }
        }
    }
}
