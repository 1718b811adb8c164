package io.aitip.platform.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an evaluation's items add up to: the score, counts, the score per category, latency
 * percentiles, and chart-ready series ({@code {"name", "kind": "bar"|"line", "x": [...], "y": [...]}})
 * that a UI or a notebook plots without reshaping.
 */
final class EvaluationAggregates {

    /** Line series longer than this are thinned to evenly spaced points, the last one always kept. */
    static final int MAX_POINTS = 200;

    private EvaluationAggregates() {
    }

    static double score(List<ItemResult> items) {
        return items.isEmpty() ? 0 : round((double) items.stream().filter(ItemResult::correct).count() / items.size());
    }

    static Map<String, Object> of(List<ItemResult> items, String metric) {
        Map<String, Object> out = new LinkedHashMap<>();
        long correct = items.stream().filter(ItemResult::correct).count();
        long errors = items.stream().filter(i -> i.error() != null).count();
        out.put("metric", metric);
        out.put("score", score(items));
        out.put("correct", correct);
        out.put("total", items.size());
        out.put("errors", errors);
        Map<String, int[]> byCategory = new TreeMap<>();
        for (ItemResult item : items) {
            int[] counts = byCategory.computeIfAbsent(item.category() == null ? "uncategorized" : item.category(),
                    k -> new int[2]);
            counts[0] += item.correct() ? 1 : 0;
            counts[1]++;
        }
        List<Map<String, Object>> categories = new ArrayList<>();
        byCategory.forEach((name, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("category", name);
            row.put("correct", c[0]);
            row.put("total", c[1]);
            row.put("score", round((double) c[0] / c[1]));
            categories.add(row);
        });
        out.put("by_category", categories);
        out.put("latency_ms", latency(items));
        out.put("series", series(items, categories, metric));
        return out;
    }

    private static Map<String, Object> latency(List<ItemResult> items) {
        List<Integer> values = items.stream().map(ItemResult::latencyMs).filter(v -> v != null).sorted().toList();
        Map<String, Object> out = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return out;
        }
        out.put("p50", percentile(values, 0.50));
        out.put("p95", percentile(values, 0.95));
        out.put("max", values.get(values.size() - 1));
        out.put("mean", round(values.stream().mapToInt(Integer::intValue).average().orElse(0)));
        return out;
    }

    /** Nearest-rank percentile of sorted values. */
    static int percentile(List<Integer> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static List<Map<String, Object>> series(List<ItemResult> items, List<Map<String, Object>> categories,
                                                    String metric) {
        List<Map<String, Object>> series = new ArrayList<>();
        series.add(chart(metric + "_by_category", "bar", categories.stream().map(c -> c.get("category")).toList(),
                categories.stream().map(c -> c.get("score")).toList()));
        List<Object> x = new ArrayList<>();
        List<Object> running = new ArrayList<>();
        List<Object> latency = new ArrayList<>();
        int correct = 0;
        int step = Math.max(1, (int) Math.ceil(items.size() / (double) MAX_POINTS));
        for (int i = 0; i < items.size(); i++) {
            correct += items.get(i).correct() ? 1 : 0;
            if ((i + 1) % step == 0 || i == items.size() - 1) {
                x.add(i + 1);
                running.add(round((double) correct / (i + 1)));
                latency.add(items.get(i).latencyMs());
            }
        }
        series.add(chart("running_" + metric, "line", x, running));
        series.add(chart("latency_ms", "line", x, latency));
        return series;
    }

    private static Map<String, Object> chart(String name, String kind, List<?> x, List<?> y) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("name", name);
        chart.put("kind", kind);
        chart.put("x", x);
        chart.put("y", y);
        return chart;
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
