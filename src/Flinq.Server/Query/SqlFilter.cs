using System.Text;

namespace Flinq.Server.Query;

/// <summary>A WHERE clause built from the filters a request gives, with positional parameters.</summary>
internal sealed class SqlFilter
{
    private readonly StringBuilder _where = new();

    public List<object?> Arguments { get; } = [];

    public SqlFilter Add(string condition, params object?[] arguments)
    {
        _where.Append(_where.Length == 0 ? " WHERE " : " AND ").Append('(').Append(condition).Append(')');
        Arguments.AddRange(arguments);
        return this;
    }

    public SqlFilter AddIf(bool present, string condition, params object?[] arguments) => present ? Add(condition, arguments) : this;

    public override string ToString() => _where.ToString();
}
