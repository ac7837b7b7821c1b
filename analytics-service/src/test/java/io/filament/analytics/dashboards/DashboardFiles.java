package io.filament.analytics.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Grafana dashboards of {@code dashboards/grafana/} and the metric names their queries use. */
final class DashboardFiles {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent().resolve("dashboards");

    private static final Pattern LABELS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern STRINGS = Pattern.compile("\"[^\"]*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** Grafana's {@code label_values(metric, label)}: the second argument is a label name. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\s*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![$\\w])[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** PromQL functions, aggregations and keywords, and Grafana's template functions. */
    private static final Set<String> NOT_METRICS = Set.of("sum", "avg", "min", "max", "count", "rate", "irate",
            "increase", "histogram_quantile", "topk", "bottomk", "and", "or", "unless", "offset", "bool",
            "label_values", "abs", "clamp_min", "clamp_max", "delta", "deriv", "absent", "vector", "scalar");

    private DashboardFiles() {
    }

    static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(ROOT.resolve("grafana"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        return JsonMapper.builder().build().readTree(file.toFile());
    }

    /** Every PromQL text of a dashboard: panel targets and query variables. */
    static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asString(""));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asString("").equals("query")) {
                queries.add(variable.path("definition").asString(""));
            }
        }
        return queries;
    }

    static Set<String> metricNames(String promql) {
        String stripped = LABEL_VALUES.matcher(promql).replaceAll("$1");
        stripped = STRINGS.matcher(stripped).replaceAll("\"\"");
        stripped = LABELS.matcher(stripped).replaceAll(" ");
        stripped = RANGES.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            if (!NOT_METRICS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }
}
