package io.aitip.tools.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the platform knows about a tool besides its input type and handler: identity, the
 * text a model reads, behaviour hints, and the policy metadata (permission, risk, confirmation).
 *
 * @param permission    the permission a caller needs, {@code <area>:read|write|admin}
 * @param approvalRule  the policy rule that may demand another person's approval, or null
 * @param longRunning   the call may wait on work: it reports progress and honours cancellation
 */
public record ToolSpec(
        String name,
        String toolset,
        String title,
        String description,
        ToolKind kind,
        String permission,
        Risk risk,
        Confirmation confirmation,
        String approvalRule,
        boolean idempotent,
        boolean openWorld,
        boolean longRunning,
        List<NlExample> examples) {

    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(toolset, "toolset");
        Objects.requireNonNull(kind, "kind: choose readOnly(), write() or destructive()");
        examples = List.copyOf(examples);
    }

    public boolean readOnly() {
        return kind == ToolKind.READ_ONLY;
    }

    public boolean destructive() {
        return kind == ToolKind.DESTRUCTIVE;
    }

    /** The dotted alias from the seed documents: {@code training_submit} → {@code training.submit}. */
    public String dottedAlias() {
        int underscore = name.indexOf('_');
        return underscore < 0 ? name : name.substring(0, underscore) + "." + name.substring(underscore + 1);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Fluent builder; the hint (read-only, write, destructive) has no default on purpose. */
    public static final class Builder {
        private final String name;
        private String toolset;
        private String title;
        private String description;
        private ToolKind kind;
        private String permission;
        private Risk risk = Risk.LOW;
        private Confirmation confirmation = Confirmation.NONE;
        private String approvalRule;
        private boolean idempotent;
        private boolean openWorld;
        private boolean longRunning;
        private final List<NlExample> examples = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder toolset(String toolset) {
            this.toolset = toolset;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Reads only; read-only tools are idempotent by nature. */
        public Builder readOnly() {
            this.kind = ToolKind.READ_ONLY;
            this.idempotent = true;
            return this;
        }

        public Builder write() {
            this.kind = ToolKind.WRITE;
            return this;
        }

        /** Destructive tools ask for confirmation unless an approval rule is set. */
        public Builder destructive() {
            this.kind = ToolKind.DESTRUCTIVE;
            this.confirmation = Confirmation.ALWAYS;
            this.risk = Risk.HIGH;
            return this;
        }

        public Builder permission(String permission) {
            this.permission = permission;
            return this;
        }

        public Builder risk(Risk risk) {
            this.risk = risk;
            return this;
        }

        public Builder confirmation(Confirmation confirmation) {
            this.confirmation = confirmation;
            return this;
        }

        public Builder approvalRule(String rule) {
            this.approvalRule = rule;
            return this;
        }

        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** The tool reaches outside the platform (a URL the caller gives). */
        public Builder openWorld() {
            this.openWorld = true;
            return this;
        }

        public Builder longRunning() {
            this.longRunning = true;
            return this;
        }

        public Builder example(String language, String text, Map<String, Object> arguments) {
            examples.add(new NlExample(language, text, arguments));
            return this;
        }

        public ToolSpec build() {
            return new ToolSpec(name, toolset, title, description, kind, permission, risk, confirmation,
                    approvalRule, idempotent, openWorld, longRunning, examples);
        }
    }
}
