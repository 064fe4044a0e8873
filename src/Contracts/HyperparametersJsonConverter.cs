using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bench.Contracts;

/// <summary>Writes <see cref="Hyperparameters"/> as its JSON object (in manifests and trial plans).</summary>
public sealed class HyperparametersJsonConverter : JsonConverter<Hyperparameters>
{
    public override Hyperparameters Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? Hyperparameters.None : Hyperparameters.Parse(JsonNode.Parse(ref reader)?.ToJsonString());

    public override void Write(Utf8JsonWriter writer, Hyperparameters value, JsonSerializerOptions options) =>
        JsonNode.Parse(value.Json)!.WriteTo(writer);
}
