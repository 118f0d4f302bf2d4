// An MSBuild task (compiled by RoslynCodeTaskFactory, see MarkdownHelp.targets): platyPS-style markdown -> MAML.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ConvertMarkdownToMaml : Task
{
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    [Required]
    public ITaskItem[] Pages { get; set; }

    [Required]
    public string OutputFile { get; set; }

    public override bool Execute()
    {
        var pages = Pages.Select(p => p.GetMetadata("FullPath")).OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(OutputFile));
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var stream = new MemoryStream())
        {
            using (var xml = XmlWriter.Create(stream, settings))
            {
                xml.WriteStartDocument();
                xml.WriteStartElement("helpItems", "http://msh");
                xml.WriteAttributeString("schema", "maml");
                foreach (var path in pages)
                {
                    var page = Page.Parse(File.ReadAllText(path), path);
                    if (page.Error != null)
                    {
                        Log.LogError(null, "AMIHELP1", null, path, 0, 0, 0, 0, page.Error);
                        continue;
                    }

                    WriteCommand(xml, page);
                }

                xml.WriteEndElement();
                xml.WriteEndDocument();
            }

            if (Log.HasLoggedErrors)
            {
                return false;
            }

            var bytes = stream.ToArray();
            if (!File.Exists(OutputFile) || !File.ReadAllBytes(OutputFile).SequenceEqual(bytes))
            {
                File.WriteAllBytes(OutputFile, bytes);
            }
        }

        Log.LogMessage(MessageImportance.Normal, "Help: {0} pages -> {1}", pages.Count, OutputFile);
        return true;
    }

    private static void WriteCommand(XmlWriter xml, Page page)
    {
        xml.WriteStartElement("command", "command", Command);
        xml.WriteAttributeString("xmlns", "maml", null, Maml);
        xml.WriteAttributeString("xmlns", "dev", null, Dev);
        xml.WriteStartElement("command", "details", Command);
        xml.WriteElementString("command", "name", Command, page.Name);
        var dash = page.Name.IndexOf('-');
        xml.WriteElementString("command", "verb", Command, page.Name.Substring(0, dash));
        xml.WriteElementString("command", "noun", Command, page.Name.Substring(dash + 1));
        Paras(xml, "description", page.Synopsis);
        xml.WriteEndElement();
        Paras(xml, "description", page.Description);

        xml.WriteStartElement("command", "syntax", Command);
        foreach (var line in page.Syntax)
        {
            xml.WriteStartElement("command", "syntaxItem", Command);
            xml.WriteElementString("maml", "name", Maml, page.Name);
            foreach (Match m in Regex.Matches(line, @"(\[?)-(\w+)"))
            {
                var name = m.Groups[2].Value;
                if (page.Parameters.TryGetValue(name, out var parameter))
                {
                    WriteParameter(xml, parameter, m.Groups[1].Value.Length == 0, inSyntax: true);
                }
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();

        xml.WriteStartElement("command", "parameters", Command);
        foreach (var parameter in page.Parameters.Values)
        {
            WriteParameter(xml, parameter, string.Equals(parameter.Field("Required"), "True", StringComparison.OrdinalIgnoreCase), inSyntax: false);
        }

        xml.WriteEndElement();
        TypeList(xml, "inputTypes", "inputType", page.Inputs);
        TypeList(xml, "returnValues", "returnValue", page.Outputs);
        if (page.Notes.Count > 0)
        {
            xml.WriteStartElement("maml", "alertSet", Maml);
            xml.WriteStartElement("maml", "alert", Maml);
            foreach (var para in page.Notes)
            {
                xml.WriteElementString("maml", "para", Maml, para);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteStartElement("command", "examples", Command);
        foreach (var example in page.Examples)
        {
            xml.WriteStartElement("command", "example", Command);
            xml.WriteElementString("maml", "title", Maml, "--------- " + example.Title + " ---------");
            xml.WriteElementString("dev", "code", Dev, example.Code);
            xml.WriteStartElement("dev", "remarks", Dev);
            foreach (var para in example.Remarks)
            {
                xml.WriteElementString("maml", "para", Maml, para);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteStartElement("maml", "relatedLinks", Maml);
        foreach (var link in page.Links)
        {
            xml.WriteStartElement("maml", "navigationLink", Maml);
            xml.WriteElementString("maml", "linkText", Maml, link.Key);
            xml.WriteElementString("maml", "uri", Maml, link.Value);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteParameter(XmlWriter xml, Parameter parameter, bool required, bool inSyntax)
    {
        var type = parameter.Field("Type") ?? "Object";
        var isSwitch = type == "SwitchParameter";
        var position = parameter.Field("Position") ?? "Named";
        xml.WriteStartElement("command", "parameter", Command);
        xml.WriteAttributeString("required", required ? "true" : "false");
        xml.WriteAttributeString("variableLength", type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false");
        xml.WriteAttributeString("globbing", parameter.Field("Accept wildcard characters") ?? "False");
        xml.WriteAttributeString("pipelineInput", parameter.Field("Accept pipeline input") ?? "False");
        xml.WriteAttributeString("position", position.ToLowerInvariant() == "named" ? "named" : position);
        xml.WriteAttributeString("aliases", parameter.Field("Aliases") ?? "none");
        xml.WriteElementString("maml", "name", Maml, parameter.Name);
        Paras(xml, "description", parameter.Description);
        if (!(inSyntax && isSwitch))
        {
            xml.WriteStartElement("command", "parameterValue", Command);
            xml.WriteAttributeString("required", isSwitch ? "false" : "true");
            xml.WriteAttributeString("variableLength", "false");
            xml.WriteString(type);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("dev", "type", Dev);
        xml.WriteElementString("maml", "name", Maml, type);
        xml.WriteElementString("maml", "uri", Maml, string.Empty);
        xml.WriteEndElement();
        xml.WriteElementString("dev", "defaultValue", Dev, parameter.Field("Default value") ?? "None");
        xml.WriteEndElement();
    }

    private static void TypeList(XmlWriter xml, string list, string item, List<KeyValuePair<string, List<string>>> types)
    {
        xml.WriteStartElement("command", list, Command);
        foreach (var type in types)
        {
            xml.WriteStartElement("command", item, Command);
            xml.WriteStartElement("dev", "type", Dev);
            xml.WriteElementString("maml", "name", Maml, type.Key);
            xml.WriteEndElement();
            Paras(xml, "description", type.Value);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Paras(XmlWriter xml, string element, List<string> paras)
    {
        xml.WriteStartElement("maml", element, Maml);
        foreach (var para in paras)
        {
            xml.WriteElementString("maml", "para", Maml, para);
        }

        xml.WriteEndElement();
    }

    private sealed class Parameter
    {
        public string Name;
        public List<string> Description = new List<string>();
        public Dictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public string Field(string key) => Fields.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
    }

    private sealed class Example
    {
        public string Title;
        public string Code = string.Empty;
        public List<string> Remarks = new List<string>();
    }

    private sealed class Page
    {
        public string Name;
        public string Error;
        public List<string> Synopsis = new List<string>();
        public List<string> Syntax = new List<string>();
        public List<string> Description = new List<string>();
        public List<Example> Examples = new List<Example>();
        public Dictionary<string, Parameter> Parameters = new Dictionary<string, Parameter>(StringComparer.OrdinalIgnoreCase);
        public List<KeyValuePair<string, List<string>>> Inputs = new List<KeyValuePair<string, List<string>>>();
        public List<KeyValuePair<string, List<string>>> Outputs = new List<KeyValuePair<string, List<string>>>();
        public List<string> Notes = new List<string>();
        public List<KeyValuePair<string, string>> Links = new List<KeyValuePair<string, string>>();

        public static Page Parse(string text, string path)
        {
            var page = new Page();
            var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
            var start = 0;
            if (lines.Count > 0 && lines[0].Trim() == "---")
            {
                start = lines.FindIndex(1, l => l.Trim() == "---") + 1;
            }

            string section = null;
            var body = new List<string>();
            var sections = new List<KeyValuePair<string, List<string>>>();
            for (var i = start; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line.StartsWith("# ", StringComparison.Ordinal) && page.Name == null)
                {
                    page.Name = line.Substring(2).Trim();
                }
                else if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    if (section != null)
                    {
                        sections.Add(new KeyValuePair<string, List<string>>(section, body));
                    }

                    section = line.Substring(3).Trim().ToUpperInvariant();
                    body = new List<string>();
                }
                else
                {
                    body.Add(line);
                }
            }

            if (section != null)
            {
                sections.Add(new KeyValuePair<string, List<string>>(section, body));
            }

            if (page.Name == null || page.Name.IndexOf('-') < 1)
            {
                page.Error = "The page has no '# Verb-Noun' title.";
                return page;
            }

            if (!string.Equals(Path.GetFileNameWithoutExtension(path), page.Name, StringComparison.OrdinalIgnoreCase))
            {
                page.Error = "The page's title '" + page.Name + "' does not match its file name.";
                return page;
            }

            foreach (var pair in sections)
            {
                switch (pair.Key)
                {
                    case "SYNOPSIS": page.Synopsis = Paragraphs(pair.Value); break;
                    case "SYNTAX": page.Syntax = Blocks(pair.Value).Select(b => Regex.Replace(b.Trim(), @"\s+", " ")).ToList(); break;
                    case "DESCRIPTION": page.Description = Paragraphs(pair.Value); break;
                    case "EXAMPLES": page.Examples = ParseExamples(pair.Value); break;
                    case "PARAMETERS": ParseParameters(page, pair.Value); break;
                    case "INPUTS": page.Inputs = Subsections(pair.Value).Select(s => new KeyValuePair<string, List<string>>(s.Key, Paragraphs(s.Value))).ToList(); break;
                    case "OUTPUTS": page.Outputs = Subsections(pair.Value).Select(s => new KeyValuePair<string, List<string>>(s.Key, Paragraphs(s.Value))).ToList(); break;
                    case "NOTES": page.Notes = Paragraphs(pair.Value); break;
                    case "RELATED LINKS":
                        foreach (Match m in Regex.Matches(string.Join("\n", pair.Value), @"\[([^\]]+)\]\(([^)]*)\)"))
                        {
                            var uri = m.Groups[2].Value;
                            page.Links.Add(new KeyValuePair<string, string>(m.Groups[1].Value, uri.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? uri : string.Empty));
                        }

                        break;
                }
            }

            if (page.Synopsis.Count == 0)
            {
                page.Error = "The page has no SYNOPSIS.";
            }

            return page;
        }

        private static List<Example> ParseExamples(List<string> lines)
        {
            var examples = new List<Example>();
            foreach (var sub in Subsections(lines))
            {
                var example = new Example { Title = sub.Key };
                var blocks = Blocks(sub.Value);
                example.Code = blocks.Count > 0 ? blocks[0].TrimEnd() : string.Empty;
                var afterCode = SkipFirstBlock(sub.Value);
                example.Remarks = Paragraphs(afterCode);
                examples.Add(example);
            }

            return examples;
        }

        private static void ParseParameters(Page page, List<string> lines)
        {
            foreach (var sub in Subsections(lines))
            {
                if (!sub.Key.StartsWith("-", StringComparison.Ordinal))
                {
                    continue; // e.g. "### CommonParameters"
                }

                var parameter = new Parameter { Name = sub.Key.Substring(1).Trim() };
                var yaml = Blocks(sub.Value).LastOrDefault() ?? string.Empty;
                foreach (var entry in yaml.Split('\n'))
                {
                    var colon = entry.IndexOf(':');
                    if (colon > 0)
                    {
                        parameter.Fields[entry.Substring(0, colon).Trim()] = entry.Substring(colon + 1).Trim();
                    }
                }

                parameter.Description = Paragraphs(sub.Value);
                page.Parameters[parameter.Name] = parameter;
            }
        }

        // "### Heading" subsections of a section.
        private static List<KeyValuePair<string, List<string>>> Subsections(List<string> lines)
        {
            var result = new List<KeyValuePair<string, List<string>>>();
            List<string> current = null;
            var fenced = false;
            foreach (var line in lines)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    fenced = !fenced;
                }

                if (!fenced && line.StartsWith("### ", StringComparison.Ordinal))
                {
                    current = new List<string>();
                    result.Add(new KeyValuePair<string, List<string>>(line.Substring(4).Trim(), current));
                }
                else if (current != null)
                {
                    current.Add(line);
                }
            }

            return result;
        }

        // The contents of fenced code blocks.
        private static List<string> Blocks(List<string> lines)
        {
            var result = new List<string>();
            StringBuilder current = null;
            foreach (var line in lines)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    if (current == null)
                    {
                        current = new StringBuilder();
                    }
                    else
                    {
                        result.Add(current.ToString().TrimEnd('\n'));
                        current = null;
                    }
                }
                else if (current != null)
                {
                    current.Append(line).Append('\n');
                }
            }

            return result;
        }

        private static List<string> SkipFirstBlock(List<string> lines)
        {
            var fences = 0;
            var rest = new List<string>();
            foreach (var line in lines)
            {
                if (fences < 2)
                {
                    if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                    {
                        fences++;
                    }

                    continue;
                }

                rest.Add(line);
            }

            return fences < 2 ? lines : rest;
        }

        // Text paragraphs outside code blocks (a later code block, such as sample output, is kept as its own paragraph).
        private static List<string> Paragraphs(List<string> lines)
        {
            var result = new List<string>();
            var current = new StringBuilder();
            var fenced = false;
            var yaml = false;
            foreach (var line in lines)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    Flush(result, current);
                    if (!fenced)
                    {
                        yaml = line.Trim().EndsWith("yaml", StringComparison.OrdinalIgnoreCase);
                    }
                    else if (!yaml)
                    {
                        Flush(result, current, keepLines: true);
                    }

                    fenced = !fenced;
                    continue;
                }

                if (fenced)
                {
                    if (!yaml)
                    {
                        current.Append(line).Append('\n');
                    }

                    continue;
                }

                if (line.Trim().Length == 0)
                {
                    Flush(result, current);
                }
                else
                {
                    if (current.Length > 0)
                    {
                        current.Append(line.StartsWith("- ", StringComparison.Ordinal) ? "\n" : " ");
                    }

                    current.Append(line.Trim());
                }
            }

            Flush(result, current);
            return result;
        }

        private static void Flush(List<string> result, StringBuilder current, bool keepLines = false)
        {
            var text = keepLines ? current.ToString().TrimEnd('\n') : current.ToString().Trim();
            if (text.Length > 0)
            {
                result.Add(text);
            }

            current.Clear();
        }
    }
}
