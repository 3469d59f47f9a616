namespace CloudPatterns.Testing.PubSub;

/// <summary>
/// The subset of CEL that Dapr routing rules in this project use, evaluated against a CloudEvent as
/// Dapr does (the event is bound to the variable <c>event</c>): field access (<c>event.type</c>,
/// <c>event.data.status</c>), string/number/bool literals, <c>==</c>, <c>!=</c>, <c>&amp;&amp;</c>,
/// <c>||</c>, <c>!</c>, parentheses, <c>x in [a, b]</c> and the string functions startsWith, endsWith
/// and contains. Anything else is rejected when the rule is parsed.
/// </summary>
public sealed class CelExpression
{
    private readonly Func<JsonObject, object?> _evaluate;

    private CelExpression(string text, Func<JsonObject, object?> evaluate)
    {
        Text = text;
        _evaluate = evaluate;
    }

    public string Text { get; }

    public static CelExpression Parse(string text) => new(text, new Parser(text).ParseAll());

    public bool Matches(JsonObject cloudEvent) => _evaluate(cloudEvent) switch
    {
        bool b => b,
        null => false,
        var other => throw new CelNotSupportedException(Text, $"it evaluates to {other}, not a bool"),
    };

    private sealed class Parser(string text)
    {
        private readonly List<string> _tokens = Tokenize(text);
        private int _position;

        public Func<JsonObject, object?> ParseAll()
        {
            var expression = ParseOr();
            if (_position != _tokens.Count)
            {
                throw new CelNotSupportedException(text, $"unexpected `{_tokens[_position]}`");
            }

            return expression;
        }

        private Func<JsonObject, object?> ParseOr()
        {
            var left = ParseAnd();
            while (Accept("||"))
            {
                var (l, r) = (left, ParseAnd());
                left = e => Truthy(l(e)) || Truthy(r(e));
            }

            return left;
        }

        private Func<JsonObject, object?> ParseAnd()
        {
            var left = ParseUnary();
            while (Accept("&&"))
            {
                var (l, r) = (left, ParseUnary());
                left = e => Truthy(l(e)) && Truthy(r(e));
            }

            return left;
        }

        private Func<JsonObject, object?> ParseUnary()
        {
            if (Accept("!"))
            {
                var operand = ParseUnary();
                return e => !Truthy(operand(e));
            }

            var left = ParsePrimary();
            if (Accept("=="))
            {
                var right = ParsePrimary();
                return e => AreEqual(left(e), right(e));
            }

            if (Accept("!="))
            {
                var right = ParsePrimary();
                return e => !AreEqual(left(e), right(e));
            }

            if (Accept("in"))
            {
                var right = ParsePrimary();
                return e => right(e) is List<object?> list && list.Any(item => AreEqual(left(e), item));
            }

            return left;
        }

        private Func<JsonObject, object?> ParsePrimary()
        {
            var token = Next();
            if (token == "(")
            {
                var inner = ParseOr();
                Expect(")");
                return inner;
            }

            if (token == "[")
            {
                var items = new List<Func<JsonObject, object?>>();
                while (!Accept("]"))
                {
                    items.Add(ParseOr());
                    if (!Accept(","))
                    {
                        Expect("]");
                        break;
                    }
                }

                return e => items.Select(i => i(e)).ToList();
            }

            if (token.Length >= 2 && token[0] is '"' or '\'')
            {
                var literal = token[1..^1];
                return _ => literal;
            }

            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return _ => number;
            }

            switch (token)
            {
                case "true":
                    return _ => true;
                case "false":
                    return _ => false;
                case "null":
                    return _ => null;
                case "event":
                    return ParsePath();
                default:
                    throw new CelNotSupportedException(text, $"`{token}` is not a literal or the variable `event`");
            }
        }

        private Func<JsonObject, object?> ParsePath()
        {
            var segments = new List<string>();
            while (Accept("."))
            {
                var name = Next();
                if (Peek() == "(")
                {
                    return ParseMethod(segments, name);
                }

                segments.Add(name);
            }

            return e => Resolve(e, segments);
        }

        private Func<JsonObject, object?> ParseMethod(List<string> target, string method)
        {
            Expect("(");
            var argument = ParseOr();
            Expect(")");
            Func<string, string, bool> test = method switch
            {
                "startsWith" => (s, a) => s.StartsWith(a, StringComparison.Ordinal),
                "endsWith" => (s, a) => s.EndsWith(a, StringComparison.Ordinal),
                "contains" => (s, a) => s.Contains(a, StringComparison.Ordinal),
                _ => throw new CelNotSupportedException(text, $"the function `{method}` is not supported"),
            };
            return e => Resolve(e, target) is string s && argument(e) is string a && test(s, a);
        }

        private static object? Resolve(JsonObject cloudEvent, List<string> segments)
        {
            JsonNode? node = cloudEvent;
            foreach (var segment in segments)
            {
                node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? child : null;
            }

            return node switch
            {
                null => null,
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
                JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
                _ => node.ToJsonString(),
            };
        }

        private static bool AreEqual(object? left, object? right) => Equals(left, right);

        private bool Truthy(object? value) => value switch
        {
            bool b => b,
            null => false,
            _ => throw new CelNotSupportedException(text, $"`{value}` is not a bool"),
        };

        private bool Accept(string token)
        {
            if (Peek() != token)
            {
                return false;
            }

            _position++;
            return true;
        }

        private void Expect(string token)
        {
            if (!Accept(token))
            {
                throw new CelNotSupportedException(text, $"expected `{token}`");
            }
        }

        private string? Peek() => _position < _tokens.Count ? _tokens[_position] : null;

        private string Next() => _position < _tokens.Count
            ? _tokens[_position++]
            : throw new CelNotSupportedException(text, "it ends too early");

        private static List<string> Tokenize(string text)
        {
            var tokens = new List<string>();
            for (var i = 0; i < text.Length;)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c is '"' or '\'')
                {
                    var end = text.IndexOf(c, i + 1);
                    if (end < 0)
                    {
                        throw new CelNotSupportedException(text, "a string literal is not closed");
                    }

                    tokens.Add(text[i..(end + 1)]);
                    i = end + 1;
                }
                else if (i + 1 < text.Length && text.Substring(i, 2) is "==" or "!=" or "&&" or "||")
                {
                    tokens.Add(text.Substring(i, 2));
                    i += 2;
                }
                else if (c is '(' or ')' or '[' or ']' or ',' or '.' or '!')
                {
                    tokens.Add(c.ToString());
                    i++;
                }
                else if (char.IsLetterOrDigit(c) || c == '_' || c == '-')
                {
                    var start = i;
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-'
                                               || (text[i] == '.' && char.IsDigit(text[start]))))
                    {
                        i++;
                    }

                    tokens.Add(text[start..i]);
                }
                else
                {
                    throw new CelNotSupportedException(text, $"the character `{c}` is not supported");
                }
            }

            return tokens;
        }
    }
}
