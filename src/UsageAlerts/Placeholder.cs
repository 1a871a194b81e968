namespace UsageAlerts;
internal static class Placeholder;
