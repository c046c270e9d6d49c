using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>
/// Marathon's <c>label=</c> selector for <c>GET /v2/apps</c>: comma-separated clauses that must all hold —
/// <c>key</c> (exists), <c>key==value</c>, <c>key!=value</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>.
/// Keys and values are made of <c>-A-Za-z0-9_.</c>; a backslash escapes any other character; blanks between tokens
/// are skipped. As in Marathon, every clause needs the label to be present: <c>tier!=web</c> and
/// <c>tier notin (web)</c> do not select apps without a <c>tier</c> label.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<(string Key, Func<string, bool> Test)> _clauses;

    private LabelSelector(List<(string Key, Func<string, bool> Test)> clauses) => _clauses = clauses;

    public bool Matches(ValueMap labels) => _clauses.All(c => labels.TryGetValue(c.Key, out var value) && c.Test(value));

    /// <summary>
    /// An empty text gives no selector (and no error); a text that does not parse gives Marathon's message
    /// (answered with 422, as Marathon maps its IllegalArgumentException).
    /// </summary>
    public static bool TryParse(string text, out LabelSelector? selector, out string? error)
    {
        selector = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parser = new Parser(text);
        var clauses = new List<(string, Func<string, bool>)>();
        do
        {
            if (parser.Clause() is not { } clause)
            {
                error = $"Can not parse label selector {text}. Reason: {parser.Problem}";
                return false;
            }

            clauses.Add(clause);
        }
        while (parser.Accept(','));

        if (!parser.AtEnd)
        {
            error = $"Can not parse label selector {text}. Reason: unexpected '{parser.Rest}'";
            return false;
        }

        selector = new LabelSelector(clauses);
        return true;
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public string Problem { get; private set; } = "";

        public bool AtEnd
        {
            get
            {
                SkipBlanks();
                return _at >= text.Length;
            }
        }

        public string Rest => text[_at..];

        public bool Accept(char c)
        {
            SkipBlanks();
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        public (string, Func<string, bool>)? Clause()
        {
            if (Term() is not { } key)
            {
                return null;
            }

            SkipBlanks();
            foreach (var (op, equal) in new[] { ("==", true), ("!=", false) })
            {
                if (AcceptWord(op, needsParenthesis: false))
                {
                    return Term() is { } value ? (key, actual => (actual == value) == equal) : null;
                }
            }

            foreach (var (op, member) in new[] { ("notin", false), ("in", true) })
            {
                if (AcceptWord(op, needsParenthesis: true))
                {
                    return Set() is { } set ? (key, actual => set.Contains(actual) == member) : null;
                }
            }

            return (key, _ => true);
        }

        private HashSet<string>? Set()
        {
            var values = new HashSet<string>(StringComparer.Ordinal);
            if (!Accept('('))
            {
                Problem = $"'(' expected at {_at}";
                return null;
            }

            if (Accept(')'))
            {
                return values;
            }

            do
            {
                if (Term() is not { } value)
                {
                    return null;
                }

                values.Add(value);
            }
            while (Accept(','));

            if (!Accept(')'))
            {
                Problem = $"')' expected at {_at}";
                return null;
            }

            return values;
        }

        /// <summary>An operator; <c>in</c>/<c>notin</c> only count when a set follows (else they would be a key).</summary>
        private bool AcceptWord(string word, bool needsParenthesis)
        {
            if (!text.AsSpan(_at).StartsWith(word, StringComparison.Ordinal))
            {
                return false;
            }

            var after = _at + word.Length;
            while (needsParenthesis && after < text.Length && char.IsWhiteSpace(text[after]))
            {
                after++;
            }

            if (needsParenthesis && (after >= text.Length || text[after] != '('))
            {
                return false;
            }

            _at += word.Length;
            return true;
        }

        private string? Term()
        {
            SkipBlanks();
            var term = new System.Text.StringBuilder();
            while (_at < text.Length)
            {
                var c = text[_at];
                if (c == '\\' && _at + 1 < text.Length)
                {
                    term.Append(text[_at + 1]);
                    _at += 2;
                }
                else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
                {
                    term.Append(c);
                    _at++;
                }
                else
                {
                    break;
                }
            }

            if (term.Length == 0)
            {
                Problem = _at < text.Length ? $"unexpected '{text[_at]}' at {_at}" : "unexpected end of input";
                return null;
            }

            return term.ToString();
        }

        private void SkipBlanks()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }
    }
}
