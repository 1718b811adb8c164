package io.aitip.server.config;

import io.aitip.policy.tenancy.TenancyService;
import io.aitip.tools.catalog.ToolCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** First-start bootstrap (AITIP_BOOTSTRAP_TOKEN) and a line saying the server is ready. */
@Component
public class StartupTasks implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupTasks.class);

    private final TenancyService tenancy;
    private final AitipProperties properties;
    private final ToolCatalog catalog;

    public StartupTasks(TenancyService tenancy, AitipProperties properties, ToolCatalog catalog) {
        this.tenancy = tenancy;
        this.properties = properties;
        this.catalog = catalog;
    }

    @Override
    public void run(ApplicationArguments args) {
        tenancy.bootstrap(properties.bootstrapToken());
        log.info("AITIP {} ready: {} tools, home {}", ServerVersion.get(), catalog.size(), properties.home());
    }
}
