package io.aitip.nl.slots;

import io.aitip.tools.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the arguments of one tool from a sentence, driven by the tool's JSON Schema: each parameter
 * is filled by the reader its name, type, enum or description calls for (ids by prefix, URIs, GPUs
 * with counts, numbers with their cue words, enum words in both languages, names next to their
 * nouns, free text after its cue). Slots are filled from the most to the least specific so that each
 * piece of the sentence fills one slot. The result is validated against the schema by the caller.
 */
public final class SlotExtractor {

    private static final Pattern DESCRIBED_PREFIX = Pattern.compile("\\(([a-z]{2,5})-…\\)|\\b([a-z]{2,5})-…");

    public Extraction extract(String text, JsonNode schema, String toolset) {
        Sentence sentence = new Sentence(text);
        ObjectNode arguments = Json.object();
        List<EntityPhrase> phrases = new ArrayList<>();
        List<SlotPath> slots = new ArrayList<>(SlotPath.flatten(schema));
        slots.sort(Comparator.comparingInt(SlotExtractor::stage));
        List<SlotPath> refs = new ArrayList<>();
        for (SlotPath slot : slots) {
            if (stage(slot) == STAGE_REFS) {
                refs.add(slot);
                continue;
            }
            if (!refs.isEmpty()) {
                References.fill(sentence, refs, toolset, arguments, phrases);
                refs.clear();
            }
            JsonNode value = read(sentence, slot);
            if (value != null) {
                put(arguments, slot, value);
            }
        }
        if (!refs.isEmpty()) {
            References.fill(sentence, refs, toolset, arguments, phrases);
        }
        return new Extraction(arguments, phrases);
    }

    private static final int STAGE_REFS = 6;

    private static int stage(SlotPath slot) {
        String leaf = slot.leaf();
        if (idPrefix(slot) != null && !References.isRef(leaf)) {
            return 0;
        }
        if (leaf.equals("uri") || leaf.equals("url") || leaf.endsWith("_uri") || leaf.endsWith("_url")) {
            return 1;
        }
        if (leaf.equals("gpu_type") || leaf.equals("gpu_count")) {
            return 2;
        }
        if (NumericSlots.CUES.containsKey(leaf) || Durations.unit(leaf) != null) {
            return 3 + (leaf.equals("limit") ? 1 : 0);
        }
        if (slot.isEnum()) {
            return 4;
        }
        if (leaf.endsWith("version") && !leaf.equals("dataset_version")) {
            return 5;
        }
        if (FreeText.seriesFilter(slot)) {
            return 7;
        }
        if (References.isRef(leaf) || leaf.equals("name") || leaf.equals("model")) {
            return STAGE_REFS;
        }
        return 7;
    }

    /** The id prefix (regex alternatives) a parameter accepts, from its schema pattern, description or name. */
    static String idPrefix(SlotPath slot) {
        String pattern = slot.schema().path("pattern").asString("");
        Matcher fromPattern = Pattern.compile("^\\^\\(?([a-z|]{2,20})\\)?-").matcher(pattern);
        if (fromPattern.find()) {
            return fromPattern.group(1);
        }
        String described = RefCues.ID_PREFIXES.get(slot.leaf());
        if (described != null) {
            return described;
        }
        if (slot.leaf().endsWith("_id") || slot.leaf().endsWith("_ids")) {
            Matcher fromDescription = DESCRIBED_PREFIX.matcher(slot.schema().path("description").asString(""));
            if (fromDescription.find()) {
                return fromDescription.group(1) != null ? fromDescription.group(1) : fromDescription.group(2);
            }
        }
        return null;
    }

    private JsonNode read(Sentence sentence, SlotPath slot) {
        String leaf = slot.leaf();
        String type = slot.type();
        String prefix = idPrefix(slot);
        if (prefix != null && !References.isRef(leaf)) {
            Pattern wanted = Pattern.compile(prefix);
            if ("array".equals(type)) {
                List<Mention> ids = sentence.takeAll(m -> m.kind() == Mention.Kind.ID && wanted.matcher(m.detail()).matches());
                return ids.isEmpty() ? null : array(ids.stream().map(Mention::value).toList());
            }
            return sentence.take(m -> m.kind() == Mention.Kind.ID && wanted.matcher(m.detail()).matches())
                    .map(m -> (JsonNode) Json.tree(m.value())).orElse(null);
        }
        return switch (stage(slot)) {
            case 1 -> sentence.take(m -> m.kind() == Mention.Kind.URI).map(m -> (JsonNode) Json.tree(m.value())).orElse(null);
            case 2 -> gpu(sentence, leaf);
            case 3, 4 -> NumericSlots.CUES.containsKey(leaf) ? number(sentence, slot)
                    : Durations.unit(leaf) != null ? Durations.read(sentence, leaf) : enumValue(sentence, slot);
            case 5 -> sentence.take(m -> m.kind() == Mention.Kind.VERSION).map(m -> (JsonNode) Json.tree(m.value())).orElse(null);
            default -> FreeText.read(sentence, slot);
        };
    }

    private static JsonNode gpu(Sentence sentence, String leaf) {
        if (leaf.equals("gpu_type")) {
            for (Mention m : sentence.mentions) {
                if (m.kind() == Mention.Kind.GPU) {
                    return Json.tree(m.value());
                }
            }
            return null;
        }
        for (Mention m : sentence.mentions) {
            if (m.kind() == Mention.Kind.GPU && m.detail() != null) {
                sentence.use(m);
                return Json.tree(Integer.parseInt(m.detail()));
            }
        }
        Optional<Mention> count = sentence.take(m -> m.kind() == Mention.Kind.GPU_COUNT);
        if (count.isPresent()) {
            return Json.tree(Integer.parseInt(count.get().value()));
        }
        return null;
    }

    private static JsonNode number(Sentence sentence, SlotPath slot) {
        NumericSlots.Cue cue = NumericSlots.CUES.get(slot.leaf());
        for (Pattern pattern : new Pattern[] {cue.before(), cue.after()}) {
            if (pattern == null) {
                continue;
            }
            Optional<Matcher> found = sentence.find(pattern, 1);
            if (found.isPresent()) {
                Double value = Numerals.parse(found.get().group(1));
                if (value != null) {
                    return typed(value, slot);
                }
            }
        }
        if (slot.leaf().equals("learning_rate")) {
            Optional<Mention> sci = sentence.take(m -> m.kind() == Mention.Kind.SCI_NUMBER);
            if (sci.isPresent()) {
                return typed(Double.parseDouble(sci.get().value()), slot);
            }
        }
        if (slot.leaf().equals("traffic_percent") || slot.leaf().equals("replicas")) {
            // "send 10 to the new version", "scale svc-… 3": a lone number left after the ids
            return null;
        }
        return null;
    }

    static JsonNode typed(double value, SlotPath slot) {
        if ("integer".equals(slot.type())) {
            return value == Math.rint(value) ? Json.tree((long) value) : null;
        }
        return value == Math.rint(value) && Math.abs(value) >= 1 ? Json.tree((long) value) : Json.tree(value);
    }

    private static JsonNode enumValue(Sentence sentence, SlotPath slot) {
        JsonNode values = slot.schema().has("enum") ? slot.schema().get("enum")
                : slot.schema().path("items").has("enum") ? slot.schema().path("items").path("enum")
                : Json.tree(slot.describedValues());
        String lower = sentence.text.toLowerCase(Locale.ROOT);
        String best = null;
        int bestAt = Integer.MAX_VALUE;
        int bestLength = 0;
        int[] bestSpan = null;
        for (JsonNode allowed : values) {
            String value = allowed.asString();
            List<String> words = new ArrayList<>(EnumLexicon.WORDS.getOrDefault(value, List.of()));
            words.add(value.toLowerCase(Locale.ROOT));
            words.add(value.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' '));
            for (String word : words) {
                Matcher matcher = Pattern.compile(wordPattern(word)).matcher(lower);
                while (matcher.find()) {
                    if (!sentence.free(matcher.start(), matcher.end())) {
                        continue;
                    }
                    // the longest word wins where two overlap ("prompt injection" over "injection")
                    if (word.length() > bestLength || (word.length() == bestLength && matcher.start() < bestAt)) {
                        best = value;
                        bestAt = matcher.start();
                        bestLength = word.length();
                        bestSpan = new int[] {matcher.start(), matcher.end()};
                    }
                    break;
                }
            }
        }
        if (best == null) {
            return null;
        }
        sentence.use(bestSpan[0], bestSpan[1]);
        return "array".equals(slot.type()) ? array(List.of(best)) : Json.tree(best);
    }

    private static String wordPattern(String word) {
        String quoted = Pattern.quote(word);
        boolean latin = word.chars().allMatch(c -> c < 0x3000);
        return latin ? "(?<![a-z0-9_])" + quoted + "(?![a-z0-9_])" : quoted;
    }

    static ArrayNode array(List<String> values) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    static void put(ObjectNode arguments, SlotPath slot, JsonNode value) {
        ObjectNode node = arguments;
        List<String> path = slot.path();
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = node.get(path.get(i));
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(path.get(i));
            }
            node = (ObjectNode) child;
        }
        node.set(slot.leaf(), value);
    }

    /** Values of one slot across a map, for tests. */
    static Map<String, Object> debug(Extraction extraction) {
        return Map.of("arguments", extraction.arguments().toString(), "phrases", extraction.phrases().toString());
    }
}
