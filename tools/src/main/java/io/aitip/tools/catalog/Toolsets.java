package io.aitip.tools.catalog;

import java.util.Set;

/** The toolsets of the catalog (DESIGN.md). A tool naming another toolset fails the catalog at start-up. */
public final class Toolsets {

    public static final Set<String> KNOWN = Set.of(
            "datasets", "experiments", "training", "models", "evaluation", "inference", "simulation",
            "releases", "tests", "resources", "approvals", "platform", "webhooks");

    private Toolsets() {
    }
}
