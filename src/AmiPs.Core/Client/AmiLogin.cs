using System;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Protocol;
using Microsoft.Extensions.Logging;

namespace AmiPs.Client
{
    /// <summary>
    /// Plain and MD5 challenge login. The secret is read out of the credential only here, for the moment the
    /// <c>Login</c> action or the MD5 key is built, and never logged. MD5 never falls back to plain silently.
    /// </summary>
    internal static class AmiLogin
    {
        public static async Task LoginAsync(AmiConnection connection, NetworkCredential credential, AmiSessionOptions options, ILogger logger, CancellationToken cancellationToken)
        {
            try
            {
                await ExchangeAsync(connection, credential, options, logger, cancellationToken).ConfigureAwait(false);
            }
            catch (AmiConnectionException ex)
            {
                // "The server closed the connection" alone does not say it happened at the login.
                throw new AmiConnectionException(
                    ex.Failure,
                    $"The connection to {options.ComputerName}:{options.EffectivePort} was lost during the Login of '{credential.UserName}': {ex.Message} (an IP deny rule or a session limit in manager.conf can cause this).",
                    ex);
            }
        }

        private static async Task ExchangeAsync(AmiConnection connection, NetworkCredential credential, AmiSessionOptions options, ILogger logger, CancellationToken cancellationToken)
        {
            logger.LogInformation(AmiLogEvents.Authenticating, "Authenticating as {User} ({AuthType})", credential.UserName, options.AuthType);
            var login = new AmiAction("Login").Add("Username", credential.UserName);
            if (options.AuthType == AmiAuthType.MD5)
            {
                var challenge = await connection.SendAsync(new AmiAction("Challenge").Add("AuthType", "MD5"), options.ActionTimeout, cancellationToken).ConfigureAwait(false);
                var text = challenge["Challenge"];
                if (!challenge.IsSuccess || string.IsNullOrEmpty(text))
                {
                    throw new AmiAuthenticationException(
                        $"The server at {options.ComputerName} refused the MD5 challenge ({challenge.Message ?? challenge.Response}). Use -AuthType Plain, preferably over TLS (-UseTls).");
                }

                login.Add("AuthType", "MD5").Add("Key", Md5Key(text!, credential.Password));
            }
            else
            {
                login.Add("Secret", credential.Password);
            }

            login.Add("Events", options.Events);
            var response = await connection.SendAsync(login, options.ActionTimeout, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                logger.LogWarning(AmiLogEvents.AuthenticationFailed, "Authentication failed for {User}: {Message}", credential.UserName, response.Message);
                throw new AmiAuthenticationException(
                    $"Authentication failed for user '{credential.UserName}' on {options.ComputerName}:{options.EffectivePort} ({response.Message ?? "no reason given"}). Check the user name and secret in manager.conf.");
            }

            logger.LogInformation(AmiLogEvents.Authenticated, "Authenticated as {User}", credential.UserName);
        }

        /// <summary>Lowercase hex md5(challenge + secret): Asterisk compares it as text and rejects uppercase.</summary>
        internal static string Md5Key(string challenge, string secret)
        {
            var hash = AmiMd5.Hash(Encoding.UTF8.GetBytes(challenge + secret));
            var hex = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }
    }
}
