package io.aitip.server.policy;

import io.aitip.policy.explain.PermissionMatrix;
import io.aitip.tools.testing.DocsDrift;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The committed permission matrix (docs/reference/permission-matrix.md) read back: tool → role → cell. */
final class PermissionMatrixFile {

    static final List<String> ROLES = List.of("owner", "admin", "member", "viewer");

    private PermissionMatrixFile() {
    }

    static Map<String, Map<String, String>> read() {
        Map<String, Map<String, String>> cells = new HashMap<>();
        try {
            for (String line : Files.readAllLines(DocsDrift.repoRoot().resolve(PermissionMatrix.PATH))) {
                String[] columns = line.split("\\|");
                // | toolset | `tool` | kind | `permission` | owner | admin | member | viewer |
                if (columns.length == 9 && columns[2].trim().startsWith("`")) {
                    Map<String, String> byRole = new HashMap<>();
                    for (int i = 0; i < ROLES.size(); i++) {
                        byRole.put(ROLES.get(i), columns[5 + i].trim());
                    }
                    cells.put(columns[2].trim().replace("`", ""), byRole);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cells;
    }
}
