package io.aitip.server.mlflow;

import io.aitip.platform.runs.RunService;
import io.aitip.platform.runs.RunStore;
import io.aitip.platform.support.Scope;
import io.aitip.platform.training.TrainingJob;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * runs/search: the newest {@value #MAX_SCANNED} runs of the experiments, filtered and ordered in
 * memory by {@link MlflowFilter}, a page at a time (the page token is an offset into that order).
 */
final class MlflowSearch {

    static final int MAX_SCANNED = 10_000;
    static final int MAX_RESULTS = 1000;
    static final int MAX_HISTORY = 1_000_000;

    private MlflowSearch() {
    }

    static ObjectNode search(RunService runs, Scope scope, List<String> experimentIds, String filter, int maxResults,
                             List<String> orderBy, String pageToken) {
        List<MlflowFilter.Clause> clauses = MlflowFilter.parse(filter);
        int limit = Math.max(1, Math.min(MAX_RESULTS, maxResults));
        int offset = offset(pageToken);
        RunStore store = runs.store();
        List<TrainingJob> jobs = experimentIds.isEmpty() ? List.of() : store.runs(scope, experimentIds, MAX_SCANNED);
        List<String> ids = jobs.stream().map(TrainingJob::id).toList();
        Map<String, List<RunStore.Metric>> latest = store.latest(ids);
        Map<String, Map<String, String>> params = store.keyValues("run_params", ids);
        Map<String, Map<String, String>> tags = store.keyValues("run_tags", ids);
        List<MlflowFilter.Candidate> matching = new ArrayList<>();
        Map<String, TrainingJob> byId = new HashMap<>();
        for (TrainingJob j : jobs) {
            Map<String, Double> metrics = new HashMap<>();
            latest.getOrDefault(j.id(), List.of()).forEach(m -> metrics.put(m.key(), m.value()));
            MlflowFilter.Candidate c = new MlflowFilter.Candidate(j.id(), j.name(), MlflowViews.status(j.status()),
                    MlflowViews.startTime(j), metrics, MlflowViews.params(j, params.get(j.id())),
                    tags.getOrDefault(j.id(), Map.of()));
            if (MlflowFilter.matches(c, clauses)) {
                matching.add(c);
                byId.put(j.id(), j);
            }
        }
        matching.sort(order(orderBy));
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray("runs");
        for (MlflowFilter.Candidate c : matching.subList(Math.min(offset, matching.size()),
                Math.min(offset + limit, matching.size()))) {
            TrainingJob j = byId.get(c.runId());
            array.add(MlflowViews.run(j, latest.get(j.id()), c.params(), c.tags()));
        }
        if (offset + limit < matching.size()) {
            out.put("next_page_token", token(offset + limit));
        }
        return out;
    }

    /** {@code metrics.loss ASC}, {@code attributes.start_time DESC}, {@code params.lr}…; default newest first. */
    static Comparator<MlflowFilter.Candidate> order(List<String> orderBy) {
        Comparator<MlflowFilter.Candidate> byStart = Comparator.comparingLong(MlflowFilter.Candidate::startTime).reversed()
                .thenComparing(MlflowFilter.Candidate::runId);
        Comparator<MlflowFilter.Candidate> out = null;
        for (String clause : orderBy) {
            String[] parts = clause.trim().split("\\s+");
            boolean desc = parts.length > 1 && parts[1].equalsIgnoreCase("DESC");
            String field = parts[0];
            int dot = field.indexOf('.');
            String entity = dot < 0 ? "attributes" : field.substring(0, dot).toLowerCase(Locale.ROOT);
            String key = (dot < 0 ? field : field.substring(dot + 1)).replace("`", "").replace("\"", "");
            Comparator<MlflowFilter.Candidate> c = switch (entity) {
                case "metrics", "metric" -> Comparator.comparing((MlflowFilter.Candidate r) -> r.metrics().get(key),
                        Comparator.nullsLast(desc ? Comparator.<Double>reverseOrder() : Comparator.<Double>naturalOrder()));
                case "params", "param" -> Comparator.comparing((MlflowFilter.Candidate r) -> r.params().get(key),
                        Comparator.nullsLast(desc ? Comparator.<String>reverseOrder() : Comparator.<String>naturalOrder()));
                case "tags", "tag" -> Comparator.comparing((MlflowFilter.Candidate r) -> r.tags().get(key),
                        Comparator.nullsLast(desc ? Comparator.<String>reverseOrder() : Comparator.<String>naturalOrder()));
                case "attributes", "attribute", "attr" -> switch (key) {
                    case "start_time" -> desc ? Comparator.comparingLong(MlflowFilter.Candidate::startTime).reversed()
                            : Comparator.comparingLong(MlflowFilter.Candidate::startTime);
                    case "run_name" -> desc ? Comparator.comparing(MlflowFilter.Candidate::runName).reversed()
                            : Comparator.comparing(MlflowFilter.Candidate::runName);
                    case "status" -> desc ? Comparator.comparing(MlflowFilter.Candidate::status).reversed()
                            : Comparator.comparing(MlflowFilter.Candidate::status);
                    default -> throw ToolException.invalid("/order_by", "Cannot order by attributes." + key
                            + "; use start_time, run_name or status.");
                };
                default -> throw ToolException.invalid("/order_by", "Cannot order by '" + clause + "'.");
            };
            out = out == null ? c : out.thenComparing(c);
        }
        return out == null ? byStart : out.thenComparing(byStart);
    }

    static int offset(String token) {
        if (token == null || token.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw ToolException.invalid("/page_token", "This page_token is not valid; pass next_page_token unchanged.");
        }
    }

    static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(offset).getBytes(StandardCharsets.UTF_8));
    }
}
