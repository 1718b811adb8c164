package io.aitip.policy.cedar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where policies come from: the files shipped on the classpath under {@code policy/}, then the
 * operator's {@code *.cedar} files from a directory. An operator file with the name of a shipped file
 * replaces it (to change a default threshold); other names add to the set.
 */
public final class PolicySources {

    /** The shipped policy files, in load order. */
    public static final List<String> SHIPPED = List.of("rbac.cedar", "tenancy.cedar", "confirmations.cedar", "approvals.cedar",
            "approvers.cedar");
    public static final String SCHEMA = "aitip.cedarschema";

    private PolicySources() {
    }

    public static String schema() {
        return classpath(SCHEMA);
    }

    /** The policy files in force for this directory (null = shipped only). */
    public static List<PolicyFile> read(Path dir) {
        Map<String, PolicyFile> files = new LinkedHashMap<>();
        for (String name : SHIPPED) {
            files.put(name, new PolicyFile(name, "classpath:policy/" + name, classpath(name)));
        }
        for (Path path : operatorFiles(dir)) {
            String name = path.getFileName().toString();
            try {
                files.put(name, new PolicyFile(name, path.toString(), Files.readString(path, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new PolicyLoadException("Cannot read policy file " + path + ": " + e.getMessage());
            }
        }
        return List.copyOf(files.values());
    }

    /** A cheap fingerprint of the directory (names, sizes, modification times) to notice changes. */
    public static String fingerprint(Path dir) {
        StringBuilder out = new StringBuilder();
        for (Path path : operatorFiles(dir)) {
            try {
                out.append(path.getFileName()).append(':').append(Files.size(path)).append(':')
                        .append(Files.getLastModifiedTime(path).toMillis()).append(';');
            } catch (IOException e) {
                out.append(path.getFileName()).append(":unreadable;");
            }
        }
        return out.toString();
    }

    private static List<Path> operatorFiles(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return new ArrayList<>(listing.filter(p -> p.getFileName().toString().endsWith(".cedar") && Files.isRegularFile(p))
                    .sorted().toList());
        } catch (IOException e) {
            throw new PolicyLoadException("Cannot list the policy directory " + dir + ": " + e.getMessage());
        }
    }

    private static String classpath(String name) {
        try (InputStream in = PolicySources.class.getResourceAsStream("/policy/" + name)) {
            if (in == null) {
                throw new IllegalStateException("policy/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
