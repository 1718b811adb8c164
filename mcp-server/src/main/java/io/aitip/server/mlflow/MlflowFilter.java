package io.aitip.server.mlflow;

import io.aitip.tools.model.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of MLflow's search filter AITIP understands: comparisons joined by AND, each
 * {@code metrics.<key> <op> <number>}, {@code params.<key> <op> '<text>'}, {@code tags.<key> <op> '<text>'}
 * or {@code attributes.status|run_name|run_id <op> '<text>'}, with ops = != < <= > >= (numbers) and
 * = != LIKE ILIKE (text). Keys may be quoted with backticks or double quotes. Anything else is refused.
 */
final class MlflowFilter {

    /** One comparison; {@code entity} is metrics, params, tags or attributes. */
    record Clause(String entity, String key, String op, String text, Double number) {
    }

    /** What a run offers to the filter and to ordering. */
    record Candidate(String runId, String runName, String status, long startTime, Map<String, Double> metrics,
                     Map<String, String> params, Map<String, String> tags) {
    }

    private static final Pattern CLAUSE = Pattern.compile(
            "\\s*(metrics|metric|params|param|parameters|tags|tag|attributes|attribute|attr|run)\\.(`[^`]+`|\"[^\"]+\"|[\\w.\\-/]+)"
                    + "\\s*(<=|>=|!=|=|<|>|ILIKE|LIKE)\\s*('(?:[^']*)'|\"(?:[^\"]*)\"|-?[0-9.eE+\\-]+)\\s*",
            Pattern.CASE_INSENSITIVE);

    private MlflowFilter() {
    }

    static List<Clause> parse(String filter) {
        List<Clause> out = new ArrayList<>();
        if (filter == null || filter.isBlank()) {
            return out;
        }
        for (String part : filter.split("(?i)\\s+AND\\s+")) {
            Matcher m = CLAUSE.matcher(part);
            if (!m.matches()) {
                throw ToolException.invalid("/filter", "Cannot read '" + part.trim() + "'. Supported: metrics.<key> <op> "
                        + "<number>, params.<key> = '<text>', tags.<key> = '<text>', attributes.status = 'FINISHED', "
                        + "joined by AND.");
            }
            String entity = switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "metrics", "metric" -> "metrics";
                case "params", "param", "parameters" -> "params";
                case "tags", "tag" -> "tags";
                default -> "attributes";
            };
            String key = unquote(m.group(2));
            String op = m.group(3).toUpperCase(Locale.ROOT);
            String raw = m.group(4);
            boolean quoted = raw.startsWith("'") || raw.startsWith("\"");
            if (entity.equals("metrics")) {
                if (quoted || op.contains("LIKE")) {
                    throw ToolException.invalid("/filter", "Compare metrics with numbers and = != < <= > >=, e.g. "
                            + "metrics.loss < 0.5.");
                }
                out.add(new Clause(entity, key, op, null, Double.parseDouble(raw)));
            } else {
                if (!quoted) {
                    throw ToolException.invalid("/filter", "Quote the value of " + entity + "." + key + ", e.g. '" + raw + "'.");
                }
                if (!op.equals("=") && !op.equals("!=") && !op.contains("LIKE")) {
                    throw ToolException.invalid("/filter", entity + " compare with = != LIKE or ILIKE.");
                }
                out.add(new Clause(entity, key.toLowerCase(Locale.ROOT).equals("run_name") && entity.equals("attributes")
                        ? "run_name" : key, op, raw.substring(1, raw.length() - 1), null));
            }
        }
        return out;
    }

    static boolean matches(Candidate run, List<Clause> clauses) {
        for (Clause c : clauses) {
            if (!holds(run, c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Candidate run, Clause c) {
        if (c.entity().equals("metrics")) {
            Double v = run.metrics().get(c.key());
            if (v == null) {
                return false;
            }
            int cmp = Double.compare(v, c.number());
            return switch (c.op()) {
                case "=" -> cmp == 0;
                case "!=" -> cmp != 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                default -> cmp >= 0;
            };
        }
        String value = switch (c.entity()) {
            case "params" -> run.params().get(c.key());
            case "tags" -> run.tags().get(c.key());
            default -> switch (c.key().toLowerCase(Locale.ROOT)) {
                case "status" -> run.status();
                case "run_name" -> run.runName();
                case "run_id" -> run.runId();
                default -> throw ToolException.invalid("/filter", "attributes." + c.key() + " is not searchable; use "
                        + "status, run_name or run_id.");
            };
        };
        if (value == null) {
            return false;
        }
        return switch (c.op()) {
            case "=" -> value.equals(c.text());
            case "!=" -> !value.equals(c.text());
            case "LIKE" -> like(value, c.text(), false);
            default -> like(value, c.text(), true);
        };
    }

    static boolean like(String value, String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            regex.append(ch == '%' ? ".*" : ch == '_' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                .matcher(value).matches();
    }

    private static String unquote(String key) {
        return (key.startsWith("`") || key.startsWith("\"")) ? key.substring(1, key.length() - 1) : key;
    }
}
