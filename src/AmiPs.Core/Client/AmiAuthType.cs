namespace AmiPs.Client
{
    /// <summary>How the session proves who it is.</summary>
    public enum AmiAuthType : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary><c>Action: Challenge</c>, then <c>Login</c> with <c>Key</c> = md5(challenge + secret); the secret never crosses the wire.</summary>
        MD5,

        /// <summary><c>Login</c> with <c>Secret</c> in clear text; use only over TLS or a trusted network.</summary>
        Plain,
    }
}
