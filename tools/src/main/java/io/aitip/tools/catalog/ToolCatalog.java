package io.aitip.tools.catalog;

import io.aitip.tools.model.Tool;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every tool of the server, by wire name. Built once; fails fast on duplicate names, unknown
 * toolsets and inputs that cannot be turned into a schema.
 */
public final class ToolCatalog {

    private final Map<String, RegisteredTool> byName;
    private final Map<String, RegisteredTool> byAlias = new LinkedHashMap<>();

    public ToolCatalog(Collection<? extends Tool<?>> tools) {
        Map<String, RegisteredTool> map = new LinkedHashMap<>();
        tools.stream()
                .sorted((a, b) -> a.spec().name().compareTo(b.spec().name()))
                .forEach(tool -> {
                    String name = tool.spec().name();
                    if (!Toolsets.KNOWN.contains(tool.spec().toolset())) {
                        throw new IllegalStateException("tool " + name + " names unknown toolset '"
                                + tool.spec().toolset() + "'; known: " + Toolsets.KNOWN);
                    }
                    RegisteredTool previous = map.put(name, new RegisteredTool(tool));
                    if (previous != null) {
                        throw new IllegalStateException("duplicate tool name '" + name + "': "
                                + previous.spec().title() + " and " + tool.getClass().getName());
                    }
                });
        this.byName = Collections.unmodifiableMap(map);
        map.values().forEach(tool -> byAlias.put(tool.spec().dottedAlias(), tool));
    }

    /** Finds a tool by wire name ({@code training_submit}) or seed alias ({@code training.submit}). */
    public Optional<RegisteredTool> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        RegisteredTool tool = byName.get(name);
        return tool != null ? Optional.of(tool) : Optional.ofNullable(byAlias.get(name));
    }

    /** All tools, sorted by name. */
    public List<RegisteredTool> all() {
        return List.copyOf(byName.values());
    }

    public int size() {
        return byName.size();
    }
}
