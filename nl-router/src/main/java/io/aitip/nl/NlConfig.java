package io.aitip.nl;

import io.aitip.nl.dialogue.ConversationStore;
import io.aitip.nl.embed.CachingEmbedder;
import io.aitip.nl.embed.Embedder;
import io.aitip.nl.embed.LazyEmbedder;
import io.aitip.nl.intent.ExampleStore;
import io.aitip.nl.intent.IntentClassifier;
import io.aitip.nl.intent.SharedIndexes;
import io.aitip.nl.learn.LearnedExamples;
import io.aitip.nl.llm.LlmInterpreter;
import io.aitip.nl.llm.LlmSettings;
import io.aitip.nl.resolve.EntityIndex;
import io.aitip.nl.resolve.EntityResolver;
import io.aitip.nl.resolve.EntitySource;
import io.aitip.nl.resolve.MemoryEntityIndex;
import io.aitip.nl.resolve.PgVectorEntityIndex;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The natural-language door's parts; the models and the intent index load on first use. */
@Configuration(proxyBeanMethods = false)
public class NlConfig {

    private static final Logger LOG = LoggerFactory.getLogger(NlConfig.class);

    @Bean
    public Embedder nlEmbedder(NlSettings settings, @Value("${aitip.home:${user.home}/.aitip}") String home) {
        String cache = settings.cacheDir() == null || settings.cacheDir().isBlank()
                ? Path.of(home, "cache", "nl-models").toString() : settings.cacheDir();
        Embedder models = new LazyEmbedder(Path.of(cache), settings.threads());
        return settings.embeddingCache() > 0 ? new CachingEmbedder(models, settings.embeddingCache()) : models;
    }

    @Bean
    public EntityIndex nlEntityIndex(NlSettings settings, JdbcTemplate jdbc, Embedder embedder) {
        EntitySource source = new EntitySource(jdbc);
        boolean pgvector = switch (settings.vectors()) {
            case "pgvector" -> true;
            case "memory" -> false;
            default -> PgVectorEntityIndex.available(jdbc);
        };
        if (pgvector && !PgVectorEntityIndex.available(jdbc)) {
            throw new IllegalStateException("aitip.nl.vectors=pgvector but the store has no pgvector extension "
                    + "(scripts/provision-pgvector.sh installs it; migrations create the table when it is present)");
        }
        return pgvector ? new PgVectorEntityIndex(jdbc, source, embedder) : new MemoryEntityIndex(source, embedder);
    }

    /** The optional LLM mode (decision 0021); the API key is read from the variable {@code api-key-env} names. */
    @Bean
    public LlmInterpreter nlLlmInterpreter(LlmSettings settings, Environment environment, ObjectProvider<MeterRegistry> meters) {
        LlmInterpreter llm = LlmInterpreter.of(settings, environment::getProperty, meters.getIfAvailable());
        if (llm.enabled()) {
            LOG.info("natural-language LLM mode: provider {}, model {}, tools offered: {}", settings.provider(),
                    settings.model(), settings.maxTools() == 0 ? "all the caller may use" : "at most " + settings.maxTools());
        }
        return llm;
    }

    @Bean
    public NlRouter nlRouter(InvocationPipeline pipeline, Embedder embedder, EntityIndex entities, JdbcTemplate jdbc,
                             NlSettings settings, LlmInterpreter llm) {
        LearnedExamples learned = new LearnedExamples(jdbc);
        Supplier<IntentClassifier> classifier = new Supplier<>() {
            private volatile IntentClassifier built;

            @Override
            public IntentClassifier get() {
                if (built == null) {
                    synchronized (this) {
                        if (built == null) {
                            built = new IntentClassifier(embedder, SharedIndexes.of(embedder, ExampleStore.load(pipeline.catalog().all())),
                                    settings.tuning());
                        }
                    }
                }
                return built;
            }
        };
        CallPlanner planner = new CallPlanner(pipeline, new EntityResolver(entities, embedder), learned, embedder);
        return new NlRouter(pipeline, classifier, planner, new ConversationStore(jdbc), learned, settings, llm);
    }

    @Bean
    public LearnedExamples nlLearnedExamples(NlRouter router) {
        return router.learnedExamples();
    }

    /** With {@code aitip.nl.preload}, load models and index in the background once the server is up. */
    @EventListener(ApplicationReadyEvent.class)
    public void preload(ApplicationReadyEvent event) {
        NlSettings settings = event.getApplicationContext().getBean(NlSettings.class);
        if (!settings.preload()) {
            return;
        }
        NlRouter router = event.getApplicationContext().getBean(NlRouter.class);
        Thread loader = new Thread(() -> {
            long started = System.nanoTime();
            router.warmUp();
            LOG.info("natural-language router ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        }, "nl-preload");
        loader.setDaemon(true);
        loader.start();
    }
}
