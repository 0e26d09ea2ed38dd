using AngleSharp.Dom;
using Appliance.Web.Portal.Templates;
using Microsoft.Extensions.Primitives;

namespace Appliance.Portal.Tests.Templates;

/// <summary>What a browser submits for rendered markup, so a test can read a step back as the page would.</summary>
internal static class PostedForm
{
    /// <summary>Inputs and selects with their values, checked boxes and radios only, textareas; plus the button pressed, if any.</summary>
    public static Dictionary<string, StringValues> Of(string html, IElement? pressed = null)
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var document = parser.ParseDocument(html);
        var fields = new List<(string Name, string Value)>();
        foreach (var element in document.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element.TagName.ToLowerInvariant())
            {
                case "select":
                    fields.Add((name, element.QuerySelector("option[selected]")?.GetAttribute("value") ?? element.QuerySelector("option")?.GetAttribute("value") ?? string.Empty));
                    break;
                case "textarea":
                    fields.Add((name, element.TextContent));
                    break;
                default:
                    var type = element.GetAttribute("type") ?? "text";
                    if (type is "checkbox" or "radio" && !element.HasAttribute("checked"))
                    {
                        break;
                    }

                    fields.Add((name, element.GetAttribute("value") ?? (type == "checkbox" ? "on" : string.Empty)));
                    break;
            }
        }

        // Only the submit button that was pressed goes with the form.
        if (pressed?.GetAttribute("name") is { } button)
        {
            fields.Add((button, pressed.GetAttribute("value") ?? string.Empty));
        }

        return fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => new StringValues([.. g.Select(f => f.Value)]));
    }

    /// <summary>The posted form as the page looks its fields up.</summary>
    public static Func<string, StringValues> Fields(Dictionary<string, StringValues> form) =>
        name => form.TryGetValue(name, out var v) ? v : StringValues.Empty;

    /// <summary>The draft the page reads from the post.</summary>
    public static TemplateDraft Read(Dictionary<string, StringValues> form) => TemplateDraft.Read(Fields(form));
}
