namespace Flinq.Serialization;

/// <summary>
/// Turns values of <typeparamref name="T"/> into bytes for checkpoints and savepoints and back (Flink's
/// <c>TypeSerializer</c>). Flinq picks a fast binary serializer for numbers, strings, dates, enums, arrays,
/// lists, dictionaries, sets, nullables and value tuples of those, and a JSON one for other types;
/// <see cref="SerializerRegistry"/> lets a job bring its own.
/// </summary>
/// <remarks>
/// <para>Implementations must be stateless and thread-safe: one instance serves every task.</para>
/// <para>
/// <b>Versions.</b> Each snapshot records the <see cref="Version"/> of the serializer that wrote it, and restore
/// calls <see cref="Deserialize(StateReader, int)"/> with that version, so a newer serializer can read what an older
/// one wrote. A serializer whose format changes increments its version and handles the old one there.
/// </para>
/// </remarks>
public abstract class TypeSerializer<T>
{
    /// <summary>The version of the format this serializer writes. Starts at 1.</summary>
    public virtual int Version => 1;

    /// <summary>Writes one value.</summary>
    public abstract void Serialize(T value, StateWriter writer);

    /// <summary>Reads one value written by this serializer at its current <see cref="Version"/>.</summary>
    public abstract T Deserialize(StateReader reader);

    /// <summary>
    /// Reads one value written at <paramref name="writtenVersion"/>. The default reads the current version and
    /// rejects any other with a clear error; override to read older versions.
    /// </summary>
    public virtual T Deserialize(StateReader reader, int writtenVersion)
    {
        if (writtenVersion != Version)
        {
            throw new StateSerializationException(
                $"{GetType().Name} writes version {Version} and cannot read state written at version {writtenVersion}. Override Deserialize(reader, writtenVersion) to migrate it.");
        }

        return Deserialize(reader);
    }
}
