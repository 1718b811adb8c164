package io.aitip.executors.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Ends a process and everything it started, descendants first, SIGTERM then SIGKILL. */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Sends SIGTERM to every descendant, then to the root; after {@code grace}, SIGKILL to whatever
     * of the tree is left (descendants found again, in case new ones appeared). Returns once all are gone
     * or a further 5 s passed.
     */
    static void terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = tree(root);
        tree.forEach(ProcessHandle::destroy);
        if (!waitGone(tree, grace)) {
            List<ProcessHandle> left = new ArrayList<>(tree(root));
            for (ProcessHandle handle : tree) {
                if (alive(handle) && !left.contains(handle)) {
                    left.add(handle);
                }
            }
            left.forEach(ProcessHandle::destroyForcibly);
            waitGone(left, Duration.ofSeconds(5));
        }
    }

    /** The descendants, deepest first, then the root. */
    private static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        java.util.Collections.reverse(all);
        all.add(root);
        return all;
    }

    private static boolean waitGone(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (handles.stream().noneMatch(ProcessTree::alive)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return handles.stream().noneMatch(ProcessTree::alive);
    }

    /** Alive and not a zombie (an exited process nobody reaped yet counts as gone). */
    static boolean alive(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return handle.isAlive();
        }
    }

    /** The live process with this pid and start time (within a second), so a reused pid is not mistaken for it. */
    static Optional<ProcessHandle> find(Long pid, Instant startedAt) {
        if (pid == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessTree::alive).filter(h -> startedAt == null
                || h.info().startInstant().map(s -> Math.abs(Duration.between(s, startedAt).toMillis()) < 1000)
                .orElse(false));
    }
}
