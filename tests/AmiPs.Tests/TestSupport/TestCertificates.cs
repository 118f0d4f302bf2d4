using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>Certificates made on the fly for TLS tests; never trusted by the machine.</summary>
    public static class TestCertificates
    {
        /// <summary>A self-signed server certificate for 127.0.0.1 and localhost, with its private key.</summary>
        public static X509Certificate2 SelfSigned(string subject = "CN=amips-test-pbx")
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, critical: false));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
            return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        }
    }
}
