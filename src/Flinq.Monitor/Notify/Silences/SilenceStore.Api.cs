using Flinq.Time;

namespace Flinq.Monitor.Notify.Silences;

/// <summary><see cref="ISilenceStore"/>: the view the notification pipeline and the Alertmanager API take of the store.</summary>
public sealed partial class SilenceStore : ISilenceStore
{
    /// <inheritdoc />
    /// <remarks>Validation uses the store's own clock; <paramref name="now"/> is not needed.</remarks>
    string ISilenceStore.Upsert(Silence silence, Timestamp now)
    {
        try
        {
            return Set(silence).Id;
        }
        catch (SilenceValidationException e)
        {
            throw new ArgumentException(e.Message, nameof(silence), e);
        }
    }

    /// <inheritdoc />
    bool ISilenceStore.Expire(string id, Timestamp now)
    {
        try
        {
            Expire(id);
            return true;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
        catch (SilenceValidationException e)
        {
            throw new ArgumentException(e.Message, nameof(id), e);
        }
    }

    /// <inheritdoc />
    IReadOnlyList<Silence> ISilenceStore.List() => List();
}
