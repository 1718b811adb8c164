package io.aitip.nl.llm;

import io.aitip.tools.catalog.RegisteredTool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The tools offered to the model: only those the caller may use (a caller never sees a tool it may
 * not use), and with a limit, the offline router's best-ranked ones first to keep the prompt small.
 */
final class ToolOffer {

    private ToolOffer() {
    }

    /**
     * @param ranked  tool names, best first (the offline reading; names it does not know are skipped)
     * @param max     at most this many; 0 offers every allowed tool
     */
    static List<RegisteredTool> choose(List<RegisteredTool> catalog, Predicate<RegisteredTool> allowed, List<String> ranked, int max) {
        Map<String, RegisteredTool> usable = new LinkedHashMap<>();
        for (RegisteredTool tool : catalog) {
            if (allowed.test(tool)) {
                usable.put(tool.name(), tool);
            }
        }
        if (max <= 0 || usable.size() <= max) {
            return List.copyOf(usable.values());
        }
        List<RegisteredTool> offered = new ArrayList<>();
        for (String name : ranked) {
            RegisteredTool tool = usable.remove(name);
            if (tool != null) {
                offered.add(tool);
                if (offered.size() == max) {
                    return offered;
                }
            }
        }
        usable.values().stream().limit(max - offered.size()).forEach(offered::add);
        return offered;
    }
}
