package io.aitip.platform.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark question: the text, up to four options (A–D) for multiple choice, and the reference
 * answer (an option letter, a number or a text).
 */
public record EvalItem(String id, String category, String question, List<String> choices, String answer) {

    public EvalItem {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** The scoring type for this item under a benchmark's scoring ({@code by_item} decides from the item). */
    String scoring(String benchmarkScoring) {
        if (!benchmarkScoring.equals("by_item")) {
            return benchmarkScoring;
        }
        if (!choices.isEmpty()) {
            return "choice";
        }
        return answer.trim().replace(",", "").matches("-?\\d+(\\.\\d+)?") ? "number" : "exact";
    }

    /** The user message: the question, then the options as lines {@code A. …}. */
    String prompt() {
        if (choices.isEmpty()) {
            return question;
        }
        StringBuilder text = new StringBuilder(question);
        for (int i = 0; i < choices.size(); i++) {
            text.append('\n').append((char) ('A' + i)).append(". ").append(choices.get(i));
        }
        return text.append("\nAnswer:").toString();
    }

    /** What the sandboxed probe sends and how it scores the answer. */
    Map<String, Object> probe(String benchmarkScoring) {
        String type = scoring(benchmarkScoring);
        String instruction = switch (type) {
            case "choice" -> "Answer with the letter (A, B, C or D) of the correct option.";
            case "number" -> "Solve the problem and finish with the final number.";
            default -> "Answer briefly.";
        };
        List<Map<String, Object>> messages = new ArrayList<>();
        messages.add(Map.of("role", "system", "content", instruction));
        messages.add(Map.of("role", "user", "content", prompt()));
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("id", id);
        probe.put("messages", messages);
        probe.put("check", Map.of("type", type, "expected", answer));
        return probe;
    }
}
