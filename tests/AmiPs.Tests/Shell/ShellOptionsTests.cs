using System;
using AmiPs.Shell;
using Xunit;

namespace AmiPs.Tests.Shell
{
    public sealed class ShellOptionsTests
    {
        [Fact]
        public void File_takes_the_rest_of_the_line_as_script_arguments()
        {
            var options = ShellOptions.Parse(new[] { "-NoProfile", "-File", "demo.ps1", "-Name", "x", "-Command", "y" });

            Assert.Equal(ShellMode.File, options.Mode);
            Assert.Equal("demo.ps1", options.File);
            Assert.Equal(new[] { "-Name", "x", "-Command", "y" }, options.ScriptArguments);
        }

        [Theory]
        [InlineData("-c")]
        [InlineData("-Command")]
        [InlineData("-COMMAND")]
        [InlineData("/command")]
        public void Command_may_be_shortened_and_joins_the_rest(string name)
        {
            var options = ShellOptions.Parse(new[] { name, "Get-AmiStatus", "|", "Out-Host" });

            Assert.Equal(ShellMode.Command, options.Mode);
            Assert.Equal("Get-AmiStatus | Out-Host", options.Command);
        }

        [Fact]
        public void No_arguments_is_the_prompt_a_bare_path_is_a_file_and_help_is_help()
        {
            Assert.Equal(ShellMode.Interactive, ShellOptions.Parse(new[] { "-NoProfile" }).Mode);
            Assert.Equal("x.ps1", ShellOptions.Parse(new[] { "x.ps1", "1" }).File);
            Assert.Equal(ShellMode.Help, ShellOptions.Parse(new[] { "-?" }).Mode);
            Assert.Equal(ShellMode.Help, ShellOptions.Parse(new[] { "-Help" }).Mode);
        }

        [Theory]
        [InlineData("-Bogus")]
        [InlineData("-No")]
        [InlineData("-File")]
        public void Unknown_ambiguous_or_incomplete_parameters_are_refused(string arg)
        {
            Assert.Throws<ArgumentException>(() => ShellOptions.Parse(new[] { arg }));
        }
    }
}
