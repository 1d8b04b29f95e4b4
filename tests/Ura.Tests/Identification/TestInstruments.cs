using System.Text.Json.Nodes;
using Ura.Features.Identification;

namespace Ura.Tests.Identification;

/// <summary>
/// Instruments built for tests: every dimension of every list holds strong s1–s3, medium m1–m3 and
/// weak w1–w3 (ids such as <c>ecw-s1</c>), with the ILO thresholds and combinations.
/// </summary>
internal static class TestInstruments
{
    public static readonly Dictionary<string, string> Prefix = new()
    {
        ["deceptive_recruitment"] = "dr",
        ["coercive_recruitment"] = "cr",
        ["recruitment_by_abuse_of_vulnerability"] = "rav",
        ["exploitative_conditions_of_work"] = "ecw",
        ["coercion_at_destination"] = "cad",
        ["abuse_of_vulnerability_at_destination"] = "avd",
    };

    public static JsonObject Verified(string key = "test-instrument", string version = "1")
    {
        var lists = new JsonObject();
        foreach (var list in InstrumentDocument.ListNames.Keys)
        {
            var dimensions = new JsonObject();
            foreach (var (dimension, prefix) in Prefix)
            {
                var items = new JsonArray();
                foreach (var (strength, letter) in new[] { ("strong", "s"), ("medium", "m"), ("weak", "w") })
                    for (var i = 1; i <= 3; i++)
                        items.Add(new JsonObject
                        {
                            ["id"] = $"{prefix}-{letter}{i}",
                            ["text"] = new JsonObject { ["en"] = $"{dimension} {strength} {i}", ["sq"] = $"sq {prefix} {letter}{i}" },
                            ["strength"] = strength,
                        });
                dimensions[dimension] = items;
            }
            lists[list] = new JsonObject { ["status"] = "verified", ["provenance"] = "test", ["dimensions"] = dimensions };
        }
        return new JsonObject
        {
            ["format"] = InstrumentDocument.Format,
            ["key"] = key,
            ["version"] = version,
            ["status"] = "verified",
            ["title"] = new JsonObject { ["en"] = "Test instrument", ["mk"] = "Тест инструмент" },
            ["provenance"] = "written for tests",
            ["decision_rule"] = new JsonObject
            {
                ["status"] = "verified",
                ["provenance"] = "test",
                ["dimension_positive"] = JsonNode.Parse("""[{"strong":2},{"strong":1,"medium_or_weak":1},{"medium":3},{"medium":2,"weak":1}]"""),
                ["adult"] = JsonNode.Parse("""{"all_of":[["deceptive_recruitment","coercive_recruitment","recruitment_by_abuse_of_vulnerability"],["exploitative_conditions_of_work"],["coercion_at_destination","abuse_of_vulnerability_at_destination"]]}"""),
                ["child"] = JsonNode.Parse("""{"all_of":[["exploitative_conditions_of_work"]]}"""),
            },
            ["lists"] = lists,
        };
    }

    public static InstrumentDocument Parse(JsonObject json)
    {
        var parsed = InstrumentDocument.Parse(json.ToJsonString());
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors.Select(e => $"{e.Path} {e.MessageKey} {string.Join(",", e.Arguments)}")));
        return parsed.Document!;
    }

    /// <summary>Yes to the given number of strong, medium and weak indicators of one dimension.</summary>
    public static IEnumerable<KeyValuePair<string, Answer>> Yes(string dimension, int strong = 0, int medium = 0, int weak = 0) =>
        new[] { ("s", strong), ("m", medium), ("w", weak) }
            .SelectMany(x => Enumerable.Range(1, x.Item2).Select(i => KeyValuePair.Create($"{Prefix[dimension]}-{x.Item1}{i}", Answer.Yes)));

    /// <summary>A dimension made positive by two strong indicators.</summary>
    public static IEnumerable<KeyValuePair<string, Answer>> Positive(string dimension) => Yes(dimension, strong: 2);

    public static Dictionary<string, Answer> Answers(params IEnumerable<KeyValuePair<string, Answer>>[] parts) =>
        parts.SelectMany(p => p).ToDictionary();
}
