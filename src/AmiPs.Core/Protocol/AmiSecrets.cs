using System;

namespace AmiPs.Protocol
{
    /// <summary>
    /// Secrets a PBX sends in clear text and AmiPs never lets through: PJSIP's <c>AuthDetail</c>/<c>AuthList</c> items
    /// carry <c>Password</c> and <c>Md5Cred</c> (and OAuth secrets), <c>TransportDetail</c>/<c>TransportList</c> a TLS key
    /// <c>Password</c>. The connection redacts each such message as it is read, before it is routed to an action, a
    /// tracker, a subscriber, the event history or a log, and drops its bytes, so nothing downstream holds the secret.
    /// </summary>
    public static class AmiSecrets
    {
        /// <summary>What a redacted value reads (an empty value stays empty: "no password" is no secret).</summary>
        public const string Redacted = "(redacted)";

        /// <summary>
        /// The message with every secret value replaced by <see cref="Redacted"/>, or the same instance when it has
        /// none. Costs one name comparison for any other event.
        /// </summary>
        public static AmiMessage Redact(AmiMessage message)
        {
            if (message is null)
            {
                throw new ArgumentNullException(nameof(message));
            }

            if (message.Kind != AmiMessageKind.Event || !CarriesSecrets(message.Name))
            {
                return message;
            }

            var keys = message.Shape.Keys;
            string[]? values = null;
            for (var i = 0; i < keys.Length; i++)
            {
                var value = message[i].Value;
                if (value.Length != 0 && IsSecretKey(keys[i]))
                {
                    if (values is null)
                    {
                        values = new string[keys.Length];
                        for (var j = 0; j < keys.Length; j++)
                        {
                            values[j] = message[j].Value;
                        }
                    }

                    values[i] = Redacted;
                }
            }

            return values is null ? message : new AmiMessage(message.Shape, values);
        }

        /// <summary>The PJSIP items that hold credentials.</summary>
        public static bool CarriesSecrets(string eventName) => eventName switch
        {
            "AuthDetail" or "AuthList" or "TransportDetail" or "TransportList" => true,
            _ => false,
        };

        // Password, PasswordDigest, Md5Cred, OauthSecret, RefreshToken (and any future *Password/*Secret key).
        private static bool IsSecretKey(string key) =>
            key.IndexOf("Password", StringComparison.OrdinalIgnoreCase) >= 0
            || key.IndexOf("Secret", StringComparison.OrdinalIgnoreCase) >= 0
            || string.Equals(key, "Md5Cred", StringComparison.OrdinalIgnoreCase)
            || string.Equals(key, "RefreshToken", StringComparison.OrdinalIgnoreCase);
    }
}
