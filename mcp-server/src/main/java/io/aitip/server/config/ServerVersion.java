package io.aitip.server.config;

/** The server version from the jar manifest, or {@code dev} when run from classes. */
public final class ServerVersion {

    private ServerVersion() {
    }

    public static String get() {
        String version = ServerVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
