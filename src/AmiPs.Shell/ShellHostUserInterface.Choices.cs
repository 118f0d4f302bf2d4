using System;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Text;

namespace AmiPs.Shell
{
    /// <summary>Credential and choice prompts (Get-Credential, Connect-Ami without -Credential, -Confirm).</summary>
    internal sealed partial class ShellHostUserInterface
    {
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

        public override PSCredential PromptForCredential(
            string caption,
            string message,
            string userName,
            string targetName,
            PSCredentialTypes allowedCredentialTypes,
            PSCredentialUIOptions options)
        {
            EnsureCanPrompt("prompt for a credential");
            WriteCaption(caption, message);
            if (string.IsNullOrEmpty(userName))
            {
                Write("User: ");
                userName = ReadLine();
            }

            Write($"Password for user {userName}: ");
            return new PSCredential(userName, ReadLineAsSecureString());
        }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            EnsureCanPrompt("ask for a choice (" + caption + ")");
            WriteCaption(caption, message);
            var line = ChoiceLine(choices, defaultChoice);
            while (true)
            {
                Write(line);
                var answer = ReadLine().Trim();
                if (answer.Length == 0 && defaultChoice >= 0 && defaultChoice < choices.Count)
                {
                    return defaultChoice;
                }

                if (answer == "?")
                {
                    foreach (var choice in choices)
                    {
                        WriteLine($"{HotKey(choice.Label)} - {choice.HelpMessage}");
                    }

                    continue;
                }

                for (var i = 0; i < choices.Count; i++)
                {
                    var label = choices[i].Label;
                    if (string.Equals(answer, HotKey(label), StringComparison.OrdinalIgnoreCase) ||
                        string.Equals(answer, label.Replace("&", string.Empty), StringComparison.OrdinalIgnoreCase))
                    {
                        return i;
                    }
                }
            }
        }

        /// <summary>pwsh's form: <c>[Y] Yes  [A] Yes to All  [?] Help (default is "Y"): </c>.</summary>
        private static string ChoiceLine(Collection<ChoiceDescription> choices, int defaultChoice)
        {
            var text = new StringBuilder();
            foreach (var choice in choices)
            {
                text.Append('[').Append(HotKey(choice.Label)).Append("] ").Append(choice.Label.Replace("&", string.Empty)).Append("  ");
            }

            text.Append("[?] Help");
            if (defaultChoice >= 0 && defaultChoice < choices.Count)
            {
                text.Append(" (default is \"").Append(HotKey(choices[defaultChoice].Label)).Append("\")");
            }

            return text.Append(": ").ToString();
        }

        /// <summary>The letter after '&amp;' in a choice label ("&amp;Yes" -> "Y"), or the whole label when there is none.</summary>
        private static string HotKey(string label)
        {
            var amp = label.IndexOf('&');
            return amp >= 0 && amp + 1 < label.Length
                ? label.Substring(amp + 1, 1).ToUpper(CultureInfo.CurrentCulture)
                : label;
        }
    }
}
