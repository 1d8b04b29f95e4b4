using System.Globalization;
using System.Text;

namespace Ura.Platform.Federation;

/// <summary>
/// The canonical JSON form that is signed and used as associated data: RFC 8785 (JCS) for the only
/// values envelopes, receipts and node cards hold, strings and integers. Members are sorted by their
/// names' UTF-16 code units, there is no whitespace, and strings escape only the quote, the backslash
/// and control characters (as \b \t \n \f \r or \u00xx).
/// </summary>
public static class Canonical
{
    public static string Json(IEnumerable<KeyValuePair<string, object>> members)
    {
        var text = new StringBuilder("{");
        var first = true;
        foreach (var (name, value) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!first)
                text.Append(',');
            first = false;
            AppendString(text, name);
            text.Append(':');
            switch (value)
            {
                case string s: AppendString(text, s); break;
                case long or int: text.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"Member '{name}' is neither a string nor an integer.", nameof(members));
            }
        }
        return text.Append('}').ToString();
    }

    public static byte[] Utf8(IEnumerable<KeyValuePair<string, object>> members) => Encoding.UTF8.GetBytes(Json(members));

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            // RFC 8785 takes I-JSON: a lone surrogate has no UTF-8 form, so two different strings would sign alike.
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
                continue;
            }
            if (char.IsSurrogate(c))
                throw new ArgumentException("A string with a lone surrogate has no canonical form.", nameof(value));
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                case < ' ': text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
