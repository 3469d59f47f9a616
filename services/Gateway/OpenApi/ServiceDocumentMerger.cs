namespace CloudPatterns.Gateway.OpenApi;

/// <summary>
/// The public API, from the services' own documents and the route table: each service operation that a route
/// forwards to that service (the route that would take its public path and method, as the gateway's routing picks
/// the most specific), at its public path (the route's prefix put back), with what the gateway adds on that route
/// (the bearer requirement, 401/403, 413 for bodies, 429). Schemas the operations use come along; a name two services
/// give different schemas becomes <c>{app-id}.{name}</c> in both. Works on the documents' JSON, so nothing is lost
/// in translation.
/// </summary>
public static class ServiceDocumentMerger
{
    public const string SchemaRefPrefix = "#/components/schemas/";
    public const string RouteExtension = "x-gateway-route";

    private static readonly string[] s_operationKeys = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>What the services contribute: public paths, the schemas they use, their tags, and the routes they cover.</summary>
    public sealed record Merged(JsonObject Paths, JsonObject Schemas, JsonArray Tags, IReadOnlySet<string> CoveredRouteIds);

    public static Merged Merge(IEnumerable<RouteConfig> routeTable, IEnumerable<ServiceDocument> documents, Func<RouteConfig, string> bodyLimit, Func<RouteConfig, string> rateLimit)
    {
        var routes = routeTable.Select(PublicRoute.From).OfType<PublicRoute>().ToList();
        var available = documents.Where(d => d.IsAvailable).OrderBy(d => d.AppId, StringComparer.Ordinal).ToList();

        // Which operations each service contributes, and through which route.
        var included = available.SelectMany(document => Operations(document.Document!)
                .Select(o => (document.AppId, o.Path, o.Method, o.Operation, o.PathItem, Route: RouteFor(routes, o.Path, o.Method)))
                .Where(o => o.Route is { } route && route.Route.AppId == document.AppId))
            .ToList();

        var used = available.ToDictionary(
            d => d.AppId,
            d => Reachable(d.Document!, included.Where(o => o.AppId == d.AppId).SelectMany(o => SharedParts(o.PathItem).Select(p => p.Value).Prepend(o.Operation))),
            StringComparer.Ordinal);
        var clashing = Clashing(available, used);
        string Rename(string appId, string name) => clashing.Contains(name) ? $"{appId}.{name}" : name;

        var schemas = new JsonObject();
        foreach (var document in available)
        {
            var all = document.Document!["components"]?["schemas"] as JsonObject;
            foreach (var name in used[document.AppId].Order(StringComparer.Ordinal))
            {
                schemas[Rename(document.AppId, name)] = WithRefsRenamed(all![name]!, n => Rename(document.AppId, n));
            }
        }

        var paths = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var tagNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (appId, _, method, operation, pathItem, match) in included)
        {
            var (route, publicPath) = match!.Value;
            var item = paths.TryGetValue(publicPath, out var existing) ? existing : paths[publicPath] = PathItem(pathItem, n => Rename(appId, n));
            var copy = (JsonObject)WithRefsRenamed(operation, n => Rename(appId, n));
            AddGatewayAnswers(copy, route, bodyLimit(route.Config), rateLimit(route.Config));
            item[method] = copy;
            foreach (var tag in (copy["tags"] as JsonArray ?? []).OfType<JsonValue>())
            {
                tagNames.Add(tag.GetValue<string>());
            }
        }

        var tags = new JsonArray();
        foreach (var name in tagNames.Order(StringComparer.Ordinal))
        {
            var declared = available.SelectMany(d => d.Document!["tags"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(t => t["name"]?.GetValue<string>() == name);
            tags.Add(declared?.DeepClone() ?? new JsonObject { ["name"] = name });
        }

        var pathsObject = new JsonObject();
        foreach (var (path, item) in paths)
        {
            pathsObject[path] = item;
        }

        return new Merged(pathsObject, schemas, tags, included.Select(o => o.Route!.Value.Route.Config.RouteId).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The route that takes this service path (with the route's prefix put back) and method, if any, and the public path.</summary>
    private static (PublicRoute Route, string PublicPath)? RouteFor(IReadOnlyList<PublicRoute> routes, string servicePath, string method) =>
        routes
            .Select(route => (Route: route, PublicPath: route.Prefix + servicePath))
            .Where(candidate => candidate.Route.Takes(candidate.PublicPath, method))
            .OrderBy(candidate => candidate.Route.Config.Order ?? 0)
            .ThenBy(candidate => candidate.Route.Specificity, SpecificityComparer.Instance)
            .Select(candidate => ((PublicRoute, string)?)candidate)
            .FirstOrDefault();

    private static IEnumerable<(string Path, string Method, JsonObject Operation, JsonObject PathItem)> Operations(JsonObject document) =>
        (document["paths"] as JsonObject ?? []).Where(p => p.Value is JsonObject).SelectMany(path => s_operationKeys
            .Where(method => path.Value![method] is JsonObject)
            .Select(method => (path.Key, method, (JsonObject)path.Value![method]!, (JsonObject)path.Value!)));

    /// <summary>A new path item with what the service's item says besides its operations (summary, shared parameters).</summary>
    private static JsonObject PathItem(JsonObject serviceItem, Func<string, string> rename)
    {
        var item = new JsonObject();
        foreach (var (key, value) in SharedParts(serviceItem))
        {
            item[key] = WithRefsRenamed(value, rename);
        }

        return item;
    }

    /// <summary>What a path item says besides its operations.</summary>
    private static IEnumerable<KeyValuePair<string, JsonNode>> SharedParts(JsonObject pathItem) =>
        pathItem.Where(p => !s_operationKeys.Contains(p.Key) && p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value!));

    private static void AddGatewayAnswers(JsonObject operation, PublicRoute route, string bodyLimit, string rateLimit)
    {
        var responses = operation["responses"] as JsonObject ?? (JsonObject)(operation["responses"] = new JsonObject());
        if (!route.Anonymous)
        {
            operation["security"] ??= new JsonArray(new JsonObject { [ProxyRoutesDocumentTransformer.BearerScheme] = new JsonArray() });
            responses.TryAdd("401", new JsonObject { ["description"] = "No token, or one that is not valid; WWW-Authenticate says why." });
            responses.TryAdd("403", new JsonObject { ["description"] = $"The token lacks what the route needs ({route.Config.AuthorizationPolicy})." });
        }

        if (operation["requestBody"] is not null)
        {
            responses.TryAdd("413", new JsonObject { ["description"] = $"The body is larger than the gateway accepts on this route ({bodyLimit} bytes)." });
        }

        responses.TryAdd("429", new JsonObject { ["description"] = $"Rate limit ({rateLimit}) used up; see Retry-After." });
        operation[RouteExtension] = route.Config.RouteId;
    }

    /// <summary>The schema names the operations (and their path items' shared parameters) use, directly or through other schemas.</summary>
    private static HashSet<string> Reachable(JsonObject document, IEnumerable<JsonNode> roots)
    {
        var all = document["components"]?["schemas"] as JsonObject;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode>(roots);
        while (pending.TryPop(out var node))
        {
            foreach (var name in References(node))
            {
                if (all?[name] is { } schema && reached.Add(name))
                {
                    pending.Push(schema);
                }
            }
        }

        return reached;
    }

    /// <summary>
    /// Names that two services use for different schemas. Checked again until nothing changes: a schema that is the
    /// same in two services but refers to a name that had to be prefixed is no longer the same.
    /// </summary>
    private static HashSet<string> Clashing(IReadOnlyList<ServiceDocument> documents, Dictionary<string, HashSet<string>> used)
    {
        var clashing = new HashSet<string>(StringComparer.Ordinal);
        var shared = used.Values.SelectMany(names => names).GroupBy(name => name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var name in shared.Where(n => !clashing.Contains(n)))
            {
                var versions = documents.Where(d => used[d.AppId].Contains(name))
                    .Select(d => WithRefsRenamed(d.Document!["components"]!["schemas"]![name]!, n => clashing.Contains(n) ? $"{d.AppId}.{n}" : n))
                    .ToList();
                if (versions.Skip(1).Any(v => !JsonNode.DeepEquals(v, versions[0])))
                {
                    changed |= clashing.Add(name);
                }
            }
        }
        while (changed);

        return clashing;
    }

    private static IEnumerable<string> References(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var text) && text.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
                    {
                        yield return text[SchemaRefPrefix.Length..];
                    }
                    else if (value is not null)
                    {
                        foreach (var name in References(value))
                        {
                            yield return name;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var name in array.OfType<JsonNode>().SelectMany(References))
                {
                    yield return name;
                }

                break;
        }
    }

    private static JsonNode WithRefsRenamed(JsonNode node, Func<string, string> rename)
    {
        var copy = node.DeepClone();
        Rename(copy);
        return copy;

        void Rename(JsonNode current)
        {
            switch (current)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj.ToList())
                    {
                        if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var text) && text.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
                        {
                            obj[key] = SchemaRefPrefix + rename(text[SchemaRefPrefix.Length..]);
                        }
                        else if (value is not null)
                        {
                            Rename(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array.OfType<JsonNode>())
                    {
                        Rename(item);
                    }

                    break;
            }
        }
    }

    private enum SegmentKind
    {
        Literal,
        Parameter,
        CatchAll,
    }

    /// <summary>A route as the document needs it: its app, the prefix it removes before forwarding, its pattern's segments.</summary>
    private sealed record PublicRoute(RouteConfig Config, string AppId, string Prefix, string[] Segments, SegmentKind[] Specificity)
    {
        public bool Anonymous => string.Equals(Config.AuthorizationPolicy, "Anonymous", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Null for a route the document cannot map back: no app, or a path transform other than removing a prefix.
        /// </summary>
        public static PublicRoute? From(RouteConfig route)
        {
            if (route.Match.Path is not { } path || route.Metadata?.GetValueOrDefault(DaprRoutes.AppIdMetadata) is not { Length: > 0 } appId)
            {
                return null;
            }

            var pathTransforms = (route.Transforms ?? []).SelectMany(t => t.Keys).Where(k => k.StartsWith("Path", StringComparison.Ordinal)).ToList();
            if (pathTransforms.Any(k => k != "PathRemovePrefix"))
            {
                return null;
            }

            var prefix = (route.Transforms ?? []).Select(t => t.GetValueOrDefault("PathRemovePrefix")).OfType<string>().FirstOrDefault() ?? string.Empty;
            var segments = Split(path);
            return new PublicRoute(route, appId, prefix.TrimEnd('/'), segments, [.. segments.Select(KindOf)]);
        }

        /// <summary>Whether this route takes a public path (whose "{name}" segments stand for any value) and method.</summary>
        public bool Takes(string publicPath, string method)
        {
            if (Config.Match.Methods is { } methods && !methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            var path = Split(publicPath);
            for (var i = 0; i < Segments.Length; i++)
            {
                switch (Specificity[i])
                {
                    case SegmentKind.CatchAll:
                        return true;
                    case SegmentKind.Parameter when i < path.Length:
                        continue;
                    case SegmentKind.Literal when i < path.Length && KindOf(path[i]) == SegmentKind.Literal
                                                 && string.Equals(path[i], Segments[i], StringComparison.OrdinalIgnoreCase):
                        continue;
                    default:
                        return false;
                }
            }

            return path.Length == Segments.Length;
        }

        private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        private static SegmentKind KindOf(string segment) =>
            segment.StartsWith("{*", StringComparison.Ordinal) ? SegmentKind.CatchAll
            : segment.StartsWith('{') ? SegmentKind.Parameter
            : SegmentKind.Literal;
    }

    /// <summary>
    /// As ASP.NET Core's routing ranks routes (RoutePrecedence.ComputeInbound): segment by segment, a literal beats a
    /// parameter, which beats a catch-all; where one route is the other with a catch-all after it, the shorter wins.
    /// </summary>
    private sealed class SpecificityComparer : IComparer<SegmentKind[]>
    {
        public static readonly SpecificityComparer Instance = new();

        public int Compare(SegmentKind[]? x, SegmentKind[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
            {
                if (x[i] != y[i])
                {
                    return x[i].CompareTo(y[i]);
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}
