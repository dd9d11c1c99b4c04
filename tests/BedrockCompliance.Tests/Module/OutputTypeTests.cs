using System.Globalization;
using System.Reflection;

namespace BedrockCompliance.Tests.Module;

/// <summary>
/// The rules that make every output type survive Export-Csv and ConvertTo-Json, checked on the whole Models assembly so
/// members added later are held to them: list members are ValueLists (ToString joins the items), every DateTime member
/// has an ISO-8601 companion, and every enum is long-based (PowerShell's ConvertTo-Json writes those by name).
/// </summary>
public class OutputTypeTests
{
    static readonly Assembly Models = typeof(BedrockModelLicense).Assembly;

    static IEnumerable<PropertyInfo> PublicProperties() =>
        Models.GetExportedTypes().Where(t => t.IsClass)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance));

    [Fact]
    public void Every_enum_of_the_output_types_is_long_based()
    {
        var int32 = Models.GetExportedTypes().Where(t => t.IsEnum && Enum.GetUnderlyingType(t) != typeof(long)).Select(t => t.Name).ToList();
        Assert.Empty(int32);
    }

    [Fact]
    public void Every_list_member_holds_a_ValueList_whatever_is_assigned()
    {
        foreach (var type in Models.GetExportedTypes().Where(t => t.IsClass && !t.IsGenericTypeDefinition && t.GetConstructor(Type.EmptyTypes) != null))
        {
            object instance = Activator.CreateInstance(type)!;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                if (p.PropertyType == typeof(string) || !typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType)) continue;
                Assert.False(p.PropertyType.IsArray, $"{type.Name}.{p.Name} is an array: Export-Csv would write its type name; use IReadOnlyList with a ValueList");
                var empty = p.GetValue(instance);
                Assert.True(empty != null && empty.GetType().Name.StartsWith("ValueList", StringComparison.Ordinal), $"{type.Name}.{p.Name} starts as {empty?.GetType().Name ?? "null"}, not a ValueList");
                if (!p.CanWrite) continue;
                var element = p.PropertyType.GetGenericArguments().Single();
                p.SetValue(instance, Array.CreateInstance(element, 0));
                Assert.StartsWith("ValueList", p.GetValue(instance)!.GetType().Name, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_DateTime_member_has_an_Iso_companion()
    {
        var missing = PublicProperties()
            .Where(p => p.PropertyType == typeof(DateTime) || p.PropertyType == typeof(DateTime?)
                || p.PropertyType == typeof(DateTimeOffset) || p.PropertyType == typeof(DateTimeOffset?))
            .Where(p => p.DeclaringType!.GetProperty(p.Name + "Iso")?.PropertyType != typeof(string))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}").Distinct().ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void A_ValueList_reads_as_its_items_joined()
    {
        var license = new BedrockModelLicense
        {
            SourceUrls = new List<string> { "https://a.example", "https://b.example" },
            Restrictions = new[] { new LicenseRestriction("NO_TRAINING_COMPETING_MODELS", "x"), new LicenseRestriction("MAU_THRESHOLD", "y") },
        };
        Assert.Equal("https://a.example; https://b.example", license.SourceUrls.ToString());
        Assert.Equal("NO_TRAINING_COMPETING_MODELS; MAU_THRESHOLD", license.Restrictions.ToString());
        Assert.Equal("https://b.example", license.SourceUrls[1]);
        Assert.Equal("", new BedrockModelLicense().InputModalities.ToString());
        license.SourceUrls = null!;
        Assert.Empty(license.SourceUrls);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("ja-JP")]
    public void Iso_companions_do_not_depend_on_the_culture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            var check = new BedrockPrivacyCheck { CheckedAt = new DateTime(2026, 5, 1, 12, 30, 5, DateTimeKind.Utc) };
            Assert.Equal("2026-05-01T12:30:05Z", check.CheckedAtIso);
            var licence = new BedrockModelLicense { EndOfLifeDate = new DateTime(2027, 1, 31) };
            Assert.Equal("2027-01-31", licence.EndOfLifeDateIso);
            Assert.Null(new BedrockModelLicense().EndOfLifeDateIso);
            Assert.Equal("2026-05-01T12:30:05.250Z", IsoText.Timestamp(new DateTime(2026, 5, 1, 12, 30, 5, 250, DateTimeKind.Utc)));
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }
}
