using System.Collections.ObjectModel;
using System.Reflection;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// A cmdlet's dynamic parameters taken from several declaring classes (<see cref="EvidenceParameters"/>,
/// <see cref="CatalogParameters"/>, <see cref="OutputFileParameters"/>), so each parameter is declared once and
/// offered by exactly the cmdlets that need it. PowerShell takes one dynamic-parameter object, so the classes'
/// [Parameter] properties are offered as runtime-defined parameters with their attributes, and what PowerShell bound
/// is copied back into each instance when it is read.
/// </summary>
internal sealed class DynamicParameterGroups
{
    readonly RuntimeDefinedParameterDictionary _offered = new RuntimeDefinedParameterDictionary();
    readonly List<(object Group, PropertyInfo Property, RuntimeDefinedParameter Parameter)> _parameters = new List<(object, PropertyInfo, RuntimeDefinedParameter)>();

    /// <param name="offered">False: the cmdlet does not offer the group (reading it gives its defaults).</param>
    /// <param name="parameterSetName">Offer the group's parameters in this parameter set only (default: as declared).</param>
    public DynamicParameterGroups Add(object group, bool offered = true, string? parameterSetName = null)
    {
        if (!offered) return this;
        foreach (var property in group.GetType().GetProperties())
        {
            // A fresh copy of the attributes, so a parameter set given here changes no other cmdlet's.
            var attributes = property.GetCustomAttributes(true).OfType<Attribute>().ToList();
            if (!attributes.OfType<ParameterAttribute>().Any()) continue;
            if (parameterSetName != null)
                foreach (var p in attributes.OfType<ParameterAttribute>()) p.ParameterSetName = parameterSetName;
            var parameter = new RuntimeDefinedParameter(property.Name, property.PropertyType, new Collection<Attribute>(attributes));
            _offered.Add(property.Name, parameter);
            _parameters.Add((group, property, parameter));
        }
        return this;
    }

    /// <summary>What IDynamicParameters.GetDynamicParameters returns: null when no group was added.</summary>
    public object? Offered => _offered.Count == 0 ? null : _offered;

    /// <summary><paramref name="group"/> with the values PowerShell bound to its parameters (read after binding, e.g. in BeginProcessing).</summary>
    public T Bound<T>(T group) where T : class
    {
        foreach (var (owner, property, parameter) in _parameters)
            if (ReferenceEquals(owner, group) && parameter.IsSet) property.SetValue(group, parameter.Value);
        return group;
    }
}
