using System;
using System.Security.Cryptography;
using System.Text;
using AmiPs.Client;
using Xunit;

namespace AmiPs.Tests.Client
{
    public sealed class AmiMd5Tests
    {
        [Theory]
        // RFC 1321, appendix A.5 ("test suite").
        [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
        [InlineData("a", "0cc175b9c0f1b6a831c399e269772661")]
        [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
        [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
        [InlineData("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
        [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
        [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
        public void Hashes_the_RFC_1321_test_suite(string message, string digest)
        {
            Assert.Equal(digest, Convert.ToHexString(AmiMd5.Hash(Encoding.ASCII.GetBytes(message))).ToLowerInvariant());
        }

        [Fact]
        public void Agrees_with_the_platform_MD5_at_every_length_across_three_blocks()
        {
            // Every padding case: lengths 55, 56 and 63, 64 put the bit count in the same block or the next one.
            var random = new Random(1321);
            for (var length = 0; length <= 200; length++)
            {
                var message = new byte[length];
                random.NextBytes(message);
                Assert.Equal(MD5.HashData(message), AmiMd5.Hash(message));
            }
        }

        [Fact]
        public void The_login_key_hashes_the_challenge_and_a_non_ascii_secret_as_UTF8()
        {
            var expected = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes("507813437" + "Sécrét-€"))).ToLowerInvariant();

            Assert.Equal(expected, AmiLogin.Md5Key("507813437", "Sécrét-€"));
        }
    }
}
