package io.aitip.executors.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels and annotations on everything the executor creates. Labels select (informers, the
 * reconciler's list, log streaming); annotations carry the values labels cannot hold.
 */
public final class Labels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "aitip";
    public static final String ORG = "aitip.io/org-id";
    public static final String PROJECT = "aitip.io/project-id";
    public static final String ID = "aitip.io/id";
    public static final String KIND = "aitip.io/kind";
    public static final String ROLE = "aitip.io/role";
    public static final String RANK = "aitip.io/rank";
    public static final String OWNER_ANNOTATION = "aitip.io/owner-id";
    public static final String EXPERIMENT_ANNOTATION = "aitip.io/experiment-id";
    public static final String NAME_ANNOTATION = "aitip.io/name";
    public static final String KUEUE_QUEUE = "kueue.x-k8s.io/queue-name";

    /** The selector of everything AITIP manages. */
    public static final Map<String, String> SELECTOR = Map.of(MANAGED_BY, MANAGER);

    private Labels() {
    }

    /** Labels of an AITIP object of {@code kind} ({@code training}, {@code evaluation}, {@code inference}, …). */
    public static Map<String, String> of(String kind, String id, String orgId, String projectId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(KIND, kind);
        labels.put(ID, Names.dnsLabel(id));
        labels.put(ORG, value(orgId));
        labels.put(PROJECT, value(projectId));
        return labels;
    }

    /** A label value: at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends. */
    static String value(String text) {
        String s = text.replaceAll("[^A-Za-z0-9._-]+", "-");
        if (s.length() > 63) {
            s = s.substring(0, 63);
        }
        return s.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }
}
