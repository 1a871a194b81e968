using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace UsageAlerts.Configuration;

/// <summary>How every feature registers its options: bound from its section, validated at start-up.</summary>
internal static class OptionsRegistration
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and checks its annotations at start-up, naming the setting.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(section));
        return services;
    }

    /// <summary>As above, plus the rules annotations cannot say (cross-field checks), in <typeparamref name="TValidator"/>.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddValidatedOptions<TOptions>(configuration, section);
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }
}
