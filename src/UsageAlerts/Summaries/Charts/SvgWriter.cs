using System.Globalization;
using System.Text;

namespace UsageAlerts.Summaries.Charts;

/// <summary>
/// Writes inline SVG with presentation attributes only (no <c>style</c> attributes, which a strict Content Security
/// Policy blocks). Every text goes through <see cref="Html.Encode"/>; every mark carries its data as
/// <c>data-*</c> attributes and a <c>&lt;title&gt;</c> tooltip.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _svg = new();

    public SvgWriter(double width, double height, string label)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {N(width)} {N(height)}\" role=\"img\" aria-label=\"{Html.Encode(label)}\">");
    }

    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public SvgWriter Rect(double x, double y, double width, double height, string fill, string title, string cssClass, params (string Name, string Value)[] data)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\" fill=\"{fill}\"");
        return Data(data).Titled(title, "rect");
    }

    public SvgWriter Path(string d, string fill, string title, params (string Name, string Value)[] data)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<path class=\"mark\" d=\"{d}\" fill=\"{fill}\"");
        return Data(data).Titled(title, "path");
    }

    public SvgWriter Circle(double cx, double cy, double r, string stroke, double strokeWidth, string title, params (string Name, string Value)[] data)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"mark\" cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"");
        return Data(data).Titled(title, "circle");
    }

    public SvgWriter Line(double x1, double y1, double x2, double y2, string cssClass)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{cssClass}\" x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\"/>");
        return this;
    }

    /// <param name="anchor">start, middle or end.</param>
    public SvgWriter Text(double x, double y, string text, string anchor, string cssClass, string? tooltip = null)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<text class=\"{cssClass}\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">");
        if (tooltip is not null)
        {
            _svg.Append("<title>").Append(Html.Encode(tooltip)).Append("</title>");
        }

        _svg.Append(Html.Encode(text)).Append("</text>");
        return this;
    }

    public override string ToString() => _svg + "</svg>";

    private SvgWriter Data((string Name, string Value)[] data)
    {
        foreach (var (name, value) in data)
        {
            _svg.Append(" data-").Append(name).Append("=\"").Append(Html.Encode(value)).Append('"');
        }

        return this;
    }

    private SvgWriter Titled(string title, string element)
    {
        _svg.Append("><title>").Append(Html.Encode(title)).Append("</title></").Append(element).Append('>');
        return this;
    }
}
