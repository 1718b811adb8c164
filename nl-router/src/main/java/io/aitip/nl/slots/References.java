package io.aitip.nl.slots;

import io.aitip.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills the parameters that name an object (dataset, model, service, experiment, plan, target) and
 * the {@code name} of a new one: ids by prefix first, then names placed by the words around them
 * (best-scored pairs first, each name used once), then descriptions to resolve by vector search.
 */
final class References {

    private static final Set<String> REFS = Set.of("dataset", "model", "service", "target", "experiment", "plan");
    private static final Pattern ZH_NAME = Pattern.compile("(?:名为|名叫|叫做|命名为|名字是|名称为|名字叫)\\s*([\\p{IsHan}A-Za-z0-9_-]{1,40}?)(?=的|，|,|。|\\s|$)");
    private static final Set<String> EMPTY_WORDS = Set.of("new", "latest", "newest", "same", "this", "that", "first", "last",
            "best", "a", "an", "the", "current", "old", "previous", "registered", "whole", "entire", "training", "trained");
    private static final Pattern ZH_CUT = Pattern.compile(".*(?:用|在|把|将|对|给|基于|拿|的|使用|上|个|这|那|我|查看|显示|列出|看看|看|搜索|找|注册|登记|查询|训练|微调|评测|评估|部署|停止|停掉|扩容|缩容)");

    private References() {
    }

    static boolean isRef(String leaf) {
        return REFS.contains(leaf);
    }

    private record Candidate(SlotPath slot, Mention mention, double score) {
    }

    static void fill(Sentence sentence, List<SlotPath> slots, String toolset, ObjectNode arguments, List<EntityPhrase> phrases) {
        List<SlotPath> open = new ArrayList<>();
        for (SlotPath slot : slots) {
            String prefix = SlotExtractor.idPrefix(slot);
            Optional<Mention> id = prefix == null ? Optional.empty()
                    : sentence.take(m -> m.kind() == Mention.Kind.ID && m.detail().matches(prefix));
            if (id.isEmpty() && slot.leaf().equals("target")) {
                id = sentence.take(m -> m.kind() == Mention.Kind.URI);
            }
            if (id.isPresent()) {
                SlotExtractor.put(arguments, slot, Json.tree(id.get().value()));
            } else {
                open.add(slot);
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (SlotPath slot : open) {
            for (Mention mention : sentence.mentions) {
                if ((mention.kind() == Mention.Kind.IDENTIFIER || mention.kind() == Mention.Kind.QUOTED)
                        && sentence.free(mention.start(), mention.end())) {
                    double score = score(sentence.text, slot, mention, toolset);
                    if (score > 0) {
                        candidates.add(new Candidate(slot, mention, score + (mention.kind() == Mention.Kind.QUOTED ? 0.5 : 0)));
                    }
                }
            }
        }
        candidates.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                : Integer.compare(a.mention().start(), b.mention().start()));
        for (Candidate candidate : candidates) {
            if (open.contains(candidate.slot()) && sentence.free(candidate.mention().start(), candidate.mention().end())) {
                sentence.use(candidate.mention());
                SlotExtractor.put(arguments, candidate.slot(), Json.tree(candidate.mention().value()));
                open.remove(candidate.slot());
            }
        }
        // "train distilbert on …", "训练 distilbert": a plain word right after a verb that takes a model
        for (SlotPath slot : List.copyOf(open)) {
            if (slot.leaf().equals("model")) {
                Matcher plain = MODEL_AFTER_VERB.matcher(sentence.text);
                while (plain.find()) {
                    String word = plain.group(1);
                    if (!NOT_MODEL_NAMES.contains(word.toLowerCase(Locale.ROOT)) && sentence.free(plain.start(1), plain.end(1))) {
                        sentence.use(plain.start(1), plain.end(1));
                        SlotExtractor.put(arguments, slot, Json.tree(word));
                        open.remove(slot);
                        break;
                    }
                }
            }
        }
        for (SlotPath slot : List.copyOf(open)) {
            if (slot.leaf().equals("name")) {
                Optional<Matcher> zh = sentence.find(ZH_NAME, 1);
                if (zh.isPresent()) {
                    SlotExtractor.put(arguments, slot, Json.tree(zh.get().group(1)));
                    open.remove(slot);
                }
            }
        }
        for (SlotPath slot : List.copyOf(open)) {
            String kind = kind(slot.leaf());
            if (kind != null) {
                Optional<String> phrase = phrase(sentence, kind);
                if (phrase.isPresent()) {
                    phrases.add(new EntityPhrase(slot, kind, phrase.get()));
                    open.remove(slot);
                }
            }
        }
        // a required name with no cue: the one name-like word left, if there is exactly one
        for (SlotPath slot : List.copyOf(open)) {
            if (slot.required()) {
                List<Mention> left = sentence.mentions.stream()
                        .filter(m -> (m.kind() == Mention.Kind.IDENTIFIER || m.kind() == Mention.Kind.QUOTED)
                                && sentence.free(m.start(), m.end())).toList();
                if (left.size() == 1) {
                    sentence.use(left.get(0));
                    SlotExtractor.put(arguments, slot, Json.tree(left.get(0).value()));
                    open.remove(slot);
                }
            }
        }
    }

    private static String kind(String leaf) {
        return switch (leaf) {
            case "dataset" -> "dataset";
            case "model" -> "model";
            case "service", "target" -> "service";
            default -> null;
        };
    }

    private static double score(String text, SlotPath slot, Mention mention, String toolset) {
        String before = text.substring(Math.max(0, mention.start() - 40), mention.start());
        String after = text.substring(mention.end(), Math.min(text.length(), mention.end() + 16));
        String leaf = slot.leaf();
        if (leaf.equals("name")) {
            if (RefCues.CUES.get("name").nounBefore().matcher(before).find()) {
                return 4;
            }
            String nouns = RefCues.NAME_NOUNS.get(toolset);
            if (nouns != null && Pattern.compile("(?i)(?:" + nouns + ")\\s*(?:the\\s+)?$").matcher(before).find()) {
                return 3;
            }
            if (nouns != null && Pattern.compile("(?i)^\\s*(?:的)?\\s*(?:" + nouns + ")").matcher(after).find()) {
                return 2.5;
            }
            return 0;
        }
        RefCues.Cue cue = RefCues.CUES.get(leaf);
        if (cue == null) {
            return 0;
        }
        if (cue.nounBefore().matcher(before).find() || cue.nounAfter().matcher(after).find()) {
            return 3;
        }
        if (cue.verbBefore() != null && cue.verbBefore().matcher(before).find()) {
            return 2;
        }
        // "news-classifier v3", "tiny-chat 的 v2 版本": a name with a version after it is a model
        if (leaf.equals("model") && MODEL_VERSION_AFTER.matcher(after).find()) {
            return 2.5;
        }
        return 0;
    }

    private static final Pattern MODEL_AFTER_VERB = Pattern.compile(
            "(?i)(?:(?<![a-z])(?:train|fine-?tune|finetune|retrain|deploy|serve|evaluate|benchmark)\\s+|(?:训练|微调|部署|评测|评估)\\s*)"
                    + "(?:a\\s+|an\\s+|the\\s+|my\\s+|一个\\s*|一下\\s*)?(?:model\\s+|模型\\s*)?([A-Za-z][A-Za-z]{2,30})(?![\\w-])"
                    + "(?!\\s*(?:model|dataset|data|corpus|service|bot|assistant|模型|数据|服务)(?![a-z]))");
    private static final Set<String> NOT_MODEL_NAMES = Set.of("model", "models", "job", "jobs", "run", "runs", "on", "with", "using",
            "for", "new", "it", "this", "that", "again", "now", "please", "the", "my", "our", "some", "another", "dataset", "data",
            "service", "version", "classifier", "network", "from", "and", "to", "in", "at", "of", "without", "asking", "me");
    private static final Pattern MODEL_VERSION_AFTER = Pattern.compile("(?i)^\\s*(?:的\\s*)?(?:v\\d+\\b|version\\s+\\d|版本)");
    private static final Pattern EN_PHRASE_DATASET = Pattern.compile("(?i)\\b(?:my|the|our|that|this)\\s+((?:[a-z0-9-]+\\s+){0,4}?[a-z0-9-]+)\\s+(?:dataset|data\\s*set|data|corpus)\\b");
    private static final Pattern EN_PHRASE_MODEL = Pattern.compile("(?i)\\b(?:my|the|our|that|this)\\s+((?:[a-z0-9-]+\\s+){0,4}?[a-z0-9-]+)\\s+model\\b");
    private static final Pattern EN_PHRASE_SERVICE = Pattern.compile("(?i)\\b(?:my|the|our|that|this)\\s+((?:[a-z0-9-]+\\s+){0,4}?[a-z0-9-]+\\s+(?:bot|assistant)|(?:[a-z0-9-]+\\s+){0,4}?[a-z0-9-]+(?=\\s+(?:service|endpoint|deployment)\\b))");
    private static final Pattern ZH_NOUN_DATASET = Pattern.compile("数据集|语料|数据");
    private static final Pattern ZH_NOUN_MODEL = Pattern.compile("模型");
    private static final Pattern ZH_NOUN_SERVICE = Pattern.compile("服务|机器人|助手");

    /** "my customer service dataset" → "customer service"; "用客服数据集" → "客服". */
    static Optional<String> phrase(Sentence sentence, String kind) {
        Pattern en = switch (kind) {
            case "dataset" -> EN_PHRASE_DATASET;
            case "model" -> EN_PHRASE_MODEL;
            default -> EN_PHRASE_SERVICE;
        };
        Matcher matcher = en.matcher(sentence.text);
        while (matcher.find()) {
            String words = matcher.group(1).trim();
            boolean empty = java.util.Arrays.stream(words.toLowerCase(Locale.ROOT).split("\\s+")).allMatch(EMPTY_WORDS::contains);
            if (!empty && sentence.free(matcher.start(1), matcher.end(1))) {
                sentence.use(matcher.start(1), matcher.end(1));
                return Optional.of(words);
            }
        }
        Pattern zh = switch (kind) {
            case "dataset" -> ZH_NOUN_DATASET;
            case "model" -> ZH_NOUN_MODEL;
            default -> ZH_NOUN_SERVICE;
        };
        Matcher noun = zh.matcher(sentence.text);
        while (noun.find()) {
            int end = noun.start();
            int start = end;
            while (start > 0 && start > end - 12 && isHan(sentence.text.charAt(start - 1))) {
                start--;
            }
            String window = sentence.text.substring(start, end);
            Matcher cut = ZH_CUT.matcher(window);
            String words = cut.lookingAt() ? window.substring(cut.end()) : window;
            if (words.length() >= 2 && sentence.free(end - words.length(), end)) {
                sentence.use(end - words.length(), end);
                String suffix = kind.equals("service") && !noun.group().equals("服务") ? noun.group() : "";
                return Optional.of(words + suffix);
            }
        }
        return Optional.empty();
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}
