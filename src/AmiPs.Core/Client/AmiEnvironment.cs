using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace AmiPs.Client
{
    /// <summary>
    /// Settings from the environment, as the original service read them: <c>AMI_HOST</c>, <c>AMI_PORT</c>,
    /// <c>AMI_USERNAME</c>, <c>AMI_PASSWORD</c>, <c>AMI_CONNECTION_TIMEOUT</c>, <c>AMI_KEEPALIVE_INTERVAL</c>,
    /// <c>AMI_RECONNECT_DELAY</c>, <c>AMI_MAX_RECONNECT_ATTEMPTS</c> (times in milliseconds). Explicit parameters win: a variable is read only when its parameter is not given.
    /// </summary>
    internal static class AmiEnvironment
    {
        public const string Host = "AMI_HOST";
        public const string Port = "AMI_PORT";
        public const string Username = "AMI_USERNAME";
        public const string Password = "AMI_PASSWORD";
        public const string ConnectionTimeout = "AMI_CONNECTION_TIMEOUT";
        public const string KeepAliveInterval = "AMI_KEEPALIVE_INTERVAL";
        public const string ReconnectDelay = "AMI_RECONNECT_DELAY";
        public const string MaxReconnectAttempts = "AMI_MAX_RECONNECT_ATTEMPTS";

        /// <summary>Fills the settings the environment gives into <paramref name="options"/>; a malformed value is an error naming the variable.</summary>
        public static AmiSessionOptions Apply(AmiSessionOptions options, Func<string, string?>? read = null) =>
            Apply(options, Array.Empty<string>(), read);

        /// <summary>
        /// As <see cref="Apply(AmiSessionOptions, Func{string, string?})"/>, but the variables named in
        /// <paramref name="given"/> are not read at all: the caller has an explicit value for them, and an explicit
        /// value wins, even over a variable that would not parse.
        /// </summary>
        public static AmiSessionOptions Apply(AmiSessionOptions options, IEnumerable<string> given, Func<string, string?>? read = null)
        {
            var skip = new HashSet<string>(given ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            var env = read ?? Environment.GetEnvironmentVariable;
            Func<string, string?> readIfNotGiven = name => skip.Contains(name) ? null : env(name);
            var result = options;
            if (Value(readIfNotGiven, Host) is { } host)
            {
                result = result with { ComputerName = host };
            }

            if (Number(readIfNotGiven, Port, 1, 65535) is { } port)
            {
                result = result with { Port = port };
            }

            if (Number(readIfNotGiven, ConnectionTimeout, 1) is { } connect)
            {
                result = result with { ConnectTimeout = TimeSpan.FromMilliseconds(connect) };
            }

            if (Number(readIfNotGiven, KeepAliveInterval, 0) is { } keepAlive)
            {
                result = result with { KeepAliveInterval = TimeSpan.FromMilliseconds(keepAlive) };
            }

            if (Number(readIfNotGiven, ReconnectDelay, 1) is { } delay)
            {
                result = result with { ReconnectDelay = TimeSpan.FromMilliseconds(delay) };
            }

            if (Number(readIfNotGiven, MaxReconnectAttempts, 0) is { } attempts)
            {
                result = result with { MaxReconnectAttempts = attempts };
            }

            return result;
        }

        /// <summary>The credential from <c>AMI_USERNAME</c> and <c>AMI_PASSWORD</c>, or null when either is missing.</summary>
        public static NetworkCredential? Credential(Func<string, string?>? read = null)
        {
            read ??= Environment.GetEnvironmentVariable;
            var user = Value(read, Username);
            var password = Value(read, Password);
            return user is null || password is null ? null : new NetworkCredential(user, password);
        }

        private static string? Value(Func<string, string?> read, string name)
        {
            var value = read(name);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        private static int? Number(Func<string, string?> read, string name, int min, int max = int.MaxValue)
        {
            var text = Value(read, name);
            if (text is null)
            {
                return null;
            }

            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            {
                var range = max == int.MaxValue ? $"a whole number of {min} or more" : $"a whole number from {min} to {max}";
                throw new ArgumentException($"Environment variable {name} must be {range}, not '{text}'. Pass the matching parameter, or fix or clear the variable.", name);
            }

            return number;
        }
    }
}
