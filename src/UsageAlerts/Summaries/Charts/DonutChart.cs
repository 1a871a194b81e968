using System.Globalization;

namespace UsageAlerts.Summaries.Charts;

/// <summary>A share-of-total ring; slices start at twelve o'clock and run clockwise in the order given.</summary>
internal static class DonutChart
{
    private const double Size = 240;
    private const double Outer = 110;
    private const double Inner = 64;

    public static string Render(string label, IReadOnlyList<ChartSlice> slices)
    {
        var total = slices.Sum(s => Math.Max(0, s.Value));
        var svg = new SvgWriter(Size, Size, label);
        var center = Size / 2;
        double start = 0;
        foreach (var slice in slices.Where(s => s.Value > 0))
        {
            var fraction = slice.Value / total;
            (string, string)[] data = [("series", slice.Name), ("value", SvgWriter.N(slice.Value)), ("share", fraction.ToString("0.####", CultureInfo.InvariantCulture))];
            if (fraction >= 0.9999)
            {
                // A full-circle arc has equal end points and would draw nothing.
                svg.Circle(center, center, (Outer + Inner) / 2, slice.Color, Outer - Inner, slice.Label, data);
                break;
            }

            svg.Path(Slice(center, start, start + fraction), slice.Color, slice.Label, data);
            start += fraction;
        }

        return svg.ToString();
    }

    private static string Slice(double center, double from, double to)
    {
        var large = to - from > 0.5 ? 1 : 0;
        var (ox1, oy1) = Point(center, Outer, from);
        var (ox2, oy2) = Point(center, Outer, to);
        var (ix2, iy2) = Point(center, Inner, to);
        var (ix1, iy1) = Point(center, Inner, from);
        static string N(double v) => SvgWriter.N(v);
        return $"M{N(ox1)} {N(oy1)}A{N(Outer)} {N(Outer)} 0 {large} 1 {N(ox2)} {N(oy2)}L{N(ix2)} {N(iy2)}A{N(Inner)} {N(Inner)} 0 {large} 0 {N(ix1)} {N(iy1)}Z";
    }

    private static (double X, double Y) Point(double center, double radius, double fraction)
    {
        var angle = (fraction * 2 * Math.PI) - (Math.PI / 2);
        return (center + (radius * Math.Cos(angle)), center + (radius * Math.Sin(angle)));
    }
}
