package io.aitip.server;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server and its CLI: {@code aitip serve} (HTTP: MCP, REST, OpenAI), {@code aitip stdio}
 * (MCP over stdin/stdout for desktop and IDE clients), {@code aitip audit verify}, {@code aitip help}.
 */
@SpringBootApplication(scanBasePackages = "io.aitip")
@ConfigurationPropertiesScan("io.aitip")
public class AitipMain {

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "serve" -> new SpringApplication(AitipMain.class).run(rest);
            case "stdio" -> stdio(rest);
            case "audit" -> System.exit(io.aitip.server.cli.AuditCommand.run(rest));
            case "help", "--help", "-h" -> System.out.println(usage());
            default -> {
                System.err.println("unknown command '" + command + "'\n\n" + usage());
                System.exit(2);
            }
        }
    }

    /** No web server; stdout belongs to JSON-RPC, so logging goes to stderr (logback-stdio.xml). */
    private static void stdio(String[] args) throws InterruptedException {
        System.setProperty("logging.config", "classpath:logback-stdio.xml");
        SpringApplication app = new SpringApplication(AitipMain.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setAdditionalProfiles("stdio");
        ConfigurableApplicationContext context = app.run(args);
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                closed.countDown();
            }
        });
        closed.await(); // the transport reads stdin on its own threads; the client ends the process
    }

    static String usage() {
        return """
                usage: aitip <command>

                  serve   run the server (HTTP on AITIP_PORT, default 8080; embedded PostgreSQL unless AITIP_DB_URL)
                  stdio   MCP over stdin/stdout, acting as the API key in AITIP_TOKEN
                  audit   verify: check the audit log's hash chain (exit 0 intact, 1 broken)
                  test    run every test (provisions Node 22 and pgvector first)      [launcher only]
                  bench   run the benchmarks and print their figures                  [launcher only]
                  help    this text
                """;
    }
}
