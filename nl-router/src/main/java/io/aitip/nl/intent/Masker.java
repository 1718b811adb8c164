package io.aitip.nl.intent;

import io.aitip.nl.slots.Mention;
import io.aitip.nl.slots.MentionScanner;
import java.util.List;
import java.util.Locale;

/**
 * Replaces slot values with placeholders before a sentence is embedded, so that "train resnet50
 * on cats-vs-dogs with 2 A100s" and "train bert on tickets with 8 H100s" land on the same point:
 * the intent is in the words around the values, not in the values.
 */
public final class Masker {

    private Masker() {
    }

    public static String mask(String text) {
        List<Mention> mentions = MentionScanner.scan(text);
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Mention mention : mentions) {
            out.append(text, at, mention.start());
            out.append(placeholder(mention));
            at = mention.end();
        }
        out.append(text.substring(at));
        return out.toString().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }

    private static String placeholder(Mention mention) {
        return switch (mention.kind()) {
            case URI -> "uri";
            case ID -> switch (mention.detail()) {
                case "train" -> "job-id";
                case "ds" -> "dataset-id";
                case "mdl" -> "model-id";
                case "svc" -> "service-id";
                case "eval" -> "eval-id";
                case "sim" -> "simulation-id";
                case "rel" -> "release-id";
                case "apr" -> "approval-id";
                case "exec" -> "execution-id";
                case "texec" -> "test-execution-id";   // a test run's results (test_results), not a tool execution
                case "whd" -> "delivery-id";
                case "wh" -> "webhook-id";
                case "exp" -> "experiment-id";
                case "tp" -> "plan-id";
                default -> "id";
            };
            case QUOTED, IDENTIFIER -> "name";
            case GPU -> mention.detail() == null ? "gpu" : "n gpu";
            case GPU_COUNT -> "n gpus";
            case VERSION -> "version";
            case SCI_NUMBER, NUMBER -> "n";
        };
    }
}
