using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flinq.Serialization.Serializers;

/// <summary>
/// The fallback for records and classes: UTF-8 JSON of the public properties and fields (System.Text.Json),
/// length-prefixed. Slower than the binary serializers but tolerant of evolution: a property added to the type
/// reads as its default from older snapshots, a removed one is ignored. Renaming needs
/// <see cref="JsonPropertyNameAttribute"/> with the old name; changing a property's type is not supported.
/// </summary>
internal sealed class JsonStateSerializer<T> : TypeSerializer<T>
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public override void Serialize(T value, StateWriter writer) =>
        writer.WriteBytes(JsonSerializer.SerializeToUtf8Bytes(value, s_options));

    public override T Deserialize(StateReader reader)
    {
        var bytes = reader.ReadRaw(reader.ReadLength("JSON value"));
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, s_options)!;
        }
        catch (JsonException e)
        {
            throw new StateSerializationException($"State of type {typeof(T).Name} cannot be read from its JSON form: {e.Message}", e);
        }
    }
}
