package io.aitip.nl.slots;

import io.aitip.tools.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Parameters whose value is a word from a known family (metric, benchmark, format, framework,
 * events, tool names) or free text after a cue word (query, description, hypothesis, reason, …).
 */
final class FreeText {

    private static final Map<String, String> METRICS = Map.ofEntries(
            Map.entry("val_loss", "val_loss"), Map.entry("validation loss", "val_loss"), Map.entry("验证集损失", "val_loss"),
            Map.entry("验证损失", "val_loss"), Map.entry("loss", "loss"), Map.entry("损失", "loss"),
            Map.entry("accuracy", "accuracy"), Map.entry("准确率", "accuracy"), Map.entry("精度", "accuracy"),
            Map.entry("f1", "f1"), Map.entry("bleu", "bleu"), Map.entry("rouge", "rouge"), Map.entry("perplexity", "perplexity"),
            Map.entry("困惑度", "perplexity"), Map.entry("latency", "latency"), Map.entry("延迟", "latency"),
            Map.entry("throughput", "throughput"), Map.entry("吞吐", "throughput"), Map.entry("auc", "auc"));
    private static final List<String> BENCHMARKS = List.of("mmlu", "cmmlu", "gsm8k", "humaneval", "hellaswag", "truthfulqa",
            "c-eval", "ceval", "arc", "mbpp", "bbh", "winogrande", "toxigen", "squad", "glue");
    private static final List<String> FORMATS = List.of("parquet", "jsonl", "csv", "json", "arrow", "tfrecord", "webdataset",
            "onnx", "safetensors", "gguf", "torchscript", "pickle", "images", "text");
    private static final List<String> FRAMEWORKS = List.of("pytorch", "tensorflow", "jax", "transformers", "keras", "sklearn",
            "xgboost", "paddle", "onnx");
    private static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("(?i)job events|all job|训练任务事件|任务事件|所有任务", "job.*"),
            Map.entry("(?i)\\bfails?\\b|\\bfailed\\b|\\bfailure|失败", "job.failed"),
            Map.entry("(?i)succeed|\\bsuccess|finishes|成功|完成", "job.succeeded"),
            Map.entry("(?i)cancel|取消", "job.cancelled"),
            Map.entry("(?i)approval|审批", "approval.*"),
            Map.entry("(?i)deployment|部署", "deployment.ready"),
            Map.entry("(?i)simulation|仿真|红队", "simulation.completed"),
            Map.entry("(?i)promot|晋升|全量", "release.promoted"),
            Map.entry("(?i)roll(?:ed)?\\s*back|回滚", "release.rolled_back"));
    /** Most specific first: "last 30 days" before "last month". */
    private static final Map<Pattern, String> PERIODS = periods(
            "(?:last|past|previous)\\s+(?:7|seven)\\s+days|(?:最近|近|过去)\\s*(?:7|七)\\s*天|(?:最近|过去)一周", "last_7_days",
            "(?:last|past|previous)\\s+(?:30|thirty)\\s+days|(?:最近|近|过去)\\s*(?:30|三十)\\s*天", "last_30_days",
            "(?:last|previous|past)\\s+month|上个?月", "last_month",
            "(?:this|current)\\s+month|month\\s+to\\s+date|本月|这个月|当月", "this_month",
            "(?:this|current)\\s+year|year\\s+to\\s+date|今年|本年度?", "this_year",
            "\\byesterday\\b|昨天|昨日", "yesterday",
            "\\btoday\\b|今天|今日", "today");
    private static final Pattern COMMAND = Pattern.compile("(?i)(?:run|running|execute|command|运行|执行|命令)\\s*[`\"“]?((?:python3?|bash|sh|torchrun|accelerate|deepspeed|make|\\./)[^，。,;`\"”]*)");
    private static final Pattern IMAGE = Pattern.compile("(?i)(?:image|镜像)\\s*[:：]?\\s*([a-z0-9.-]+(?:/[a-z0-9._-]+)+(?::[\\w.-]+)?|[a-z0-9._-]+:[\\w.-]+)");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern TOOL_NAME = Pattern.compile("(?<![\\w.])([a-z]+[_.][a-z_]+)(?![\\w.])");
    private static final Pattern TAGS = Pattern.compile("(?i)(?:tagged|tags?|labels?|标签(?:是|为)?)\\s*[:：]?\\s*([\\w-]+(?:\\s*(?:,|，|、|and|和)\\s*[\\w-]+)*)");

    private static final Map<String, Pattern> TEXT_CUES = Map.of(
            "hypothesis", Pattern.compile("(?i)(?:hypothesis(?:\\s+is)?(?:\\s+that)?|假设是|假设)\\s*[:：]?\\s*(.+?)[。.!?]*$"),
            "description", Pattern.compile("(?i)(?:described\\s+as|description(?:\\s+is)?|描述为|描述是|描述|说明是|说明)\\s*[:：]?\\s*(.+?)[。.!?]*$|(?i)\\bto\\s+((?:test|compare|study|measure|see|check|try|find)\\b.+?)[.!?]*$"),
            "changes", Pattern.compile("(?i)(?:changes?(?:\\s+are)?|with|改动是|变更是|变化是|变更|改动)\\s*[:：]?\\s*(.+?)[。.!?]*$|[，,]\\s*([^，,]+?)[。.]*$"),
            "comment", Pattern.compile("(?i)(?:comment(?:\\s+is)?|saying|note|with\\s+the\\s+note|备注|评论|意见是|说)\\s*[:：]?\\s*(.+?)[。.!?]*$"),
            "reason", Pattern.compile("(?i)(?:because(?:\\s+of)?|reason(?:\\s+is)?|due\\s+to|原因是|原因|因为|理由是|理由)\\s*[:：]?\\s*(.+?)[。.!?]*$"),
            "query", Pattern.compile("(?i)(?:about|for|on|related\\s+to|regarding|containing|with)\\s+(.+?)(?:\\s+data(?:sets?)?)?\\s*[?.!]*$"));
    private static final Pattern ZH_QUERY = Pattern.compile("(?:和|与|跟|关于|有关)?([\\p{IsHan}A-Za-z0-9 -]{2,30}?)(?:有关|相关)?的?(?:数据集|数据)");
    private static final Pattern ZH_QUERY_LEAD = Pattern.compile("^(?:搜索|查找|查一下|找一下|找找|找|搜一下|搜|有没有|有无|我们有|我想找|帮我找)+");

    private FreeText() {
    }

    private static Map<Pattern, String> periods(String... patternThenValue) {
        Map<Pattern, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < patternThenValue.length; i += 2) {
            out.put(Pattern.compile(patternThenValue[i]), patternThenValue[i + 1]);
        }
        return out;
    }

    static JsonNode read(Sentence sentence, SlotPath slot) {
        String leaf = slot.leaf();
        String lower = sentence.text.toLowerCase(Locale.ROOT);
        return switch (leaf) {
            case "metric" -> word(sentence, lower, METRICS);
            case "name" -> seriesFilter(slot) ? word(sentence, lower, METRICS) : null;
            case "period" -> period(sentence, lower);
            case "benchmark" -> listed(sentence, lower, BENCHMARKS);
            case "format" -> listed(sentence, lower, FORMATS);
            case "framework" -> listed(sentence, lower, FRAMEWORKS);
            case "command" -> group(sentence, COMMAND).map(s -> (JsonNode) Json.tree(s.trim())).orElse(null);
            case "image" -> group(sentence, IMAGE).map(s -> (JsonNode) Json.tree(s)).orElse(null);
            case "since", "until" -> group(sentence, TIMESTAMP, 0).map(s -> (JsonNode) Json.tree(s)).orElse(null);
            case "events" -> events(sentence);
            case "tags" -> group(sentence, TAGS).map(s -> (JsonNode) SlotExtractor.array(
                    List.of(s.split("\\s*(?:,|，|、|\\band\\b|和)\\s*")))).orElse(null);
            case "tool" -> toolName(sentence);
            case "query" -> query(sentence);
            default -> TEXT_CUES.containsKey(leaf)
                    ? group(sentence, TEXT_CUES.get(leaf)).map(s -> (JsonNode) Json.tree(s.trim())).orElse(null) : null;
        };
    }

    private static Optional<String> group(Sentence sentence, Pattern pattern) {
        Matcher matcher = pattern.matcher(sentence.text);
        while (matcher.find()) {
            for (int g = 1; g <= matcher.groupCount(); g++) {
                if (matcher.group(g) != null && sentence.free(matcher.start(g), matcher.end(g)) && !matcher.group(g).isBlank()) {
                    sentence.use(matcher.start(g), matcher.end(g));
                    return Optional.of(matcher.group(g));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> group(Sentence sentence, Pattern pattern, int group) {
        return sentence.find(pattern, group).map(m -> m.group(group));
    }

    /** A {@code name} that filters metric series ("Only series whose name contains …") takes a metric word. */
    static boolean seriesFilter(SlotPath slot) {
        return slot.leaf().equals("name") && slot.schema().path("description").asString("").contains("series");
    }

    private static JsonNode word(Sentence sentence, String lower, Map<String, String> words) {
        String best = null;
        int bestLength = 0;
        for (var entry : words.entrySet()) {
            Matcher matcher = Pattern.compile("(?<![a-z_])" + Pattern.quote(entry.getKey()) + "(?![a-z_])").matcher(lower);
            while (matcher.find()) {
                if (sentence.free(matcher.start(), matcher.end())) {
                    if (entry.getKey().length() > bestLength) {
                        best = entry.getValue();
                        bestLength = entry.getKey().length();
                    }
                    break;
                }
            }
        }
        return best == null ? null : Json.tree(best);
    }

    /** The first free occurrence of a listed word (one inside a URI or id that another slot took does not count). */
    private static JsonNode listed(Sentence sentence, String lower, List<String> words) {
        for (String word : words) {
            Matcher matcher = Pattern.compile("(?<![a-z0-9_-])" + Pattern.quote(word) + "(?![a-z0-9_-])").matcher(lower);
            while (matcher.find()) {
                if (sentence.free(matcher.start(), matcher.end())) {
                    sentence.use(matcher.start(), matcher.end());
                    return Json.tree(word);
                }
            }
        }
        return null;
    }

    /** A reporting period in words, as the resources tools name it ("last month" → last_month, "本月" → this_month). */
    private static JsonNode period(Sentence sentence, String lower) {
        for (Map.Entry<Pattern, String> entry : PERIODS.entrySet()) {
            Matcher matcher = entry.getKey().matcher(lower);
            while (matcher.find()) {
                if (sentence.free(matcher.start(), matcher.end())) {
                    sentence.use(matcher.start(), matcher.end());
                    return Json.tree(entry.getValue());
                }
            }
        }
        return null;
    }

    private static JsonNode events(Sentence sentence) {
        Set<String> found = new LinkedHashSet<>();
        for (var entry : EVENTS.entrySet()) {
            if (Pattern.compile(entry.getKey()).matcher(sentence.text).find()) {
                found.add(entry.getValue());
            }
        }
        if (found.contains("job.*")) {
            found.removeIf(e -> e.startsWith("job.") && !e.equals("job.*"));
        }
        List<String> ordered = new ArrayList<>(found);
        ordered.sort(java.util.Comparator.comparingInt(FreeText::eventOrder));
        return ordered.isEmpty() ? null : SlotExtractor.array(ordered);
    }

    private static int eventOrder(String event) {
        return List.of("job.*", "job.succeeded", "job.failed", "job.cancelled").indexOf(event) & 0xff;
    }

    private static JsonNode toolName(Sentence sentence) {
        Matcher matcher = TOOL_NAME.matcher(sentence.text);
        while (matcher.find()) {
            if (sentence.free(matcher.start(1), matcher.end(1))) {
                sentence.use(matcher.start(1), matcher.end(1));
                return Json.tree(matcher.group(1));
            }
        }
        return null;
    }

    private static JsonNode query(Sentence sentence) {
        Optional<String> english = group(sentence, TEXT_CUES.get("query"));
        if (english.isPresent()) {
            return Json.tree(english.get().replaceAll("(?i)^(?:the|some|any)\\s+", "").trim());
        }
        Matcher zh = ZH_QUERY.matcher(sentence.text);
        if (zh.find()) {
            String topic = ZH_QUERY_LEAD.matcher(zh.group(1).trim()).replaceFirst("").replaceAll("^(?:和|与|跟|关于)", "").trim();
            if (topic.length() >= 2) {
                sentence.use(zh.start(1), zh.end(1));
                return Json.tree(topic);
            }
        }
        return null;
    }
}
