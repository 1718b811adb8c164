package io.aitip.executors.kubernetes;

import java.util.Locale;

/**
 * Deterministic names: a workload's name is its AITIP id ({@code train-7f3a2c1b}), so a retried
 * submit or a restarted server finds the workload it already created (409 Conflict) instead of
 * making a second one. Namespaces come from a template over the org and project ids.
 */
public final class Names {

    private static final int DNS_LABEL = 63;

    private final String namespaceTemplate;
    private final String queueTemplate;

    public Names(String namespaceTemplate, String queueTemplate) {
        this.namespaceTemplate = namespaceTemplate;
        this.queueTemplate = queueTemplate;
    }

    public String namespace(String orgId, String projectId) {
        return dnsLabel(fill(namespaceTemplate, orgId, projectId));
    }

    /** The Kueue LocalQueue of the project. */
    public String queue(String orgId, String projectId) {
        return dnsLabel(fill(queueTemplate, orgId, projectId));
    }

    /** The workload of an AITIP object: its id as a DNS label (ids are already lower-case and short). */
    public static String workload(String aitipId) {
        return dnsLabel(aitipId);
    }

    private static String fill(String template, String orgId, String projectId) {
        return template.replace("{org}", orgId).replace("{project}", projectId);
    }

    /** Lower-case letters, digits and '-', starting and ending alphanumeric, at most 63 characters. */
    public static String dnsLabel(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
        s = s.replaceAll("^-+", "");
        if (s.length() > DNS_LABEL) {
            s = s.substring(0, DNS_LABEL);
        }
        s = s.replaceAll("-+$", "");
        return s.isEmpty() ? "x" : s;
    }
}
