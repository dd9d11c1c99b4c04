using System.Text.Json;

namespace BedrockCompliance.Engine.Agreements;

/// <summary>
/// The Anthropic use-case form: the six documented keys, all JSON strings, intendedUsers as "0"/"1"/"2"
/// (bedrock-api.md §5). Length limits are ours (AWS's are not published): generous, and within the 16 KB blob.
/// </summary>
internal static class UseCaseForm
{
    public const int MaxShortField = 256, MaxUseCases = 4000;

    public static void Validate(BedrockModelUseCase form)
    {
        Require(form.CompanyName, "CompanyName", MaxShortField);
        Require(form.CompanyWebsite, "CompanyWebsite", MaxShortField);
        if (!Uri.TryCreate(form.CompanyWebsite, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !uri.Host.Contains("."))
            throw new ArgumentException($"CompanyWebsite '{form.CompanyWebsite}' is not a web address; expected e.g. https://example.com (a GitHub profile works for individuals).");
        if (!Enum.IsDefined(typeof(IntendedUsers), form.IntendedUsers))
            throw new ArgumentException($"IntendedUsers '{(int)form.IntendedUsers}' is not allowed; expected Internal, External or InternalAndExternal.");
        Require(form.IndustryOption, "IndustryOption", MaxShortField);
        if (form.OtherIndustryOption.Length > MaxShortField)
            throw new ArgumentException($"OtherIndustryOption is {form.OtherIndustryOption.Length} characters; at most {MaxShortField} are accepted.");
        Require(form.UseCases, "UseCases", MaxUseCases);
    }

    static void Require(string? value, string name, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{name} is empty; the use-case form needs it.");
        if (value!.Length > max)
            throw new ArgumentException($"{name} is {value.Length} characters; at most {max} are accepted.");
        if (value.Any(c => char.IsControl(c) && c != '\n' && c != '\r' && c != '\t'))
            throw new ArgumentException($"{name} contains a control character.");
    }

    /// <summary>The form as the JSON bytes the API stores (the client base64-encodes them once).</summary>
    public static byte[] ToJson(BedrockModelUseCase form)
    {
        Validate(form);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("companyName", form.CompanyName.Trim());
            w.WriteString("companyWebsite", form.CompanyWebsite.Trim());
            w.WriteString("intendedUsers", ((int)form.IntendedUsers).ToString());
            w.WriteString("industryOption", form.IndustryOption.Trim());
            w.WriteString("otherIndustryOption", form.OtherIndustryOption.Trim());
            w.WriteString("useCases", form.UseCases.Trim());
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static BedrockModelUseCase Parse(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string Get(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        string users = Get("intendedUsers");
        return new BedrockModelUseCase
        {
            CompanyName = Get("companyName"),
            CompanyWebsite = Get("companyWebsite"),
            IntendedUsers = long.TryParse(users, out long u) && Enum.IsDefined(typeof(IntendedUsers), u) ? (IntendedUsers)u : IntendedUsers.Internal,
            IndustryOption = Get("industryOption"),
            OtherIndustryOption = Get("otherIndustryOption"),
            UseCases = Get("useCases"),
        };
    }

    /// <summary>What an auditor needs to see in the evidence, bounded in size.</summary>
    public static string Summary(BedrockModelUseCase form)
    {
        string useCases = form.UseCases.Trim();
        if (useCases.Length > 500) useCases = useCases.Substring(0, 500) + "…";
        var sb = new StringBuilder();
        sb.Append("company=").Append(form.CompanyName.Trim())
          .Append("; website=").Append(form.CompanyWebsite.Trim())
          .Append("; intendedUsers=").Append(form.IntendedUsers)
          .Append("; industry=").Append(form.IndustryOption.Trim());
        if (!string.IsNullOrWhiteSpace(form.OtherIndustryOption)) sb.Append(" (").Append(form.OtherIndustryOption.Trim()).Append(')');
        sb.Append("; useCases=").Append(useCases.Replace("\r", " ").Replace("\n", " "));
        return sb.ToString();
    }
}
