using System.Management.Automation;
using System.Net;

namespace AmiPs.Tests.Module
{
    internal static class ModuleTestSupport
    {
        public static PSCredential Credential(string user, string secret) => new PSCredential(user, new NetworkCredential(string.Empty, secret).SecurePassword);
    }
}
