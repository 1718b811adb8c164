package io.aitip.nl.embed;

import java.nio.file.Path;

/** Loads the bundled models on first use (or at start with {@code aitip.nl.preload}), once per JVM. */
public final class LazyEmbedder implements Embedder {

    private final Path cacheDir;
    private final int threads;
    private volatile Embedder loaded;

    public LazyEmbedder(Path cacheDir) {
        this(cacheDir, OnnxEmbedder.DEFAULT_THREADS);
    }

    public LazyEmbedder(Path cacheDir, int threads) {
        this.cacheDir = cacheDir;
        this.threads = threads;
    }

    private Embedder models() {
        Embedder models = loaded;
        if (models == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = OnnxEmbedder.shared(cacheDir, threads);
                }
                models = loaded;
            }
        }
        return models;
    }

    @Override
    public float[] embed(Language language, String text) {
        return models().embed(language, text);
    }

    @Override
    public java.util.Set<String> vocabulary(Language language) {
        return models().vocabulary(language);
    }

    @Override
    public int dimension(Language language) {
        return language == Language.EN ? 384 : 512;
    }
}
