package io.aitip.server.cli;

import io.aitip.platform.audit.AuditVerifier;
import io.aitip.server.AitipMain;
import io.aitip.tools.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code aitip audit verify}: checks the audit trail's hash chain in the configured store
 * (AITIP_DB_URL, else the embedded PostgreSQL under AITIP_HOME) and prints one line of JSON:
 * {@code {"ok":true,"rows":N}} or the first broken row. Exit code 0 when intact, 1 when broken,
 * 2 on a usage error, 3 when the store could not be read. Logs go to stderr; stdout carries only
 * the summary.
 */
public final class AuditCommand {

    private AuditCommand() {
    }

    public static int run(String[] args) {
        if (args.length != 1 || !args[0].equals("verify")) {
            System.err.println("usage: aitip audit verify    check the audit log's hash chain (exit 0 intact, 1 broken)");
            return 2;
        }
        System.setProperty("logging.config", "classpath:logback-stdio.xml");
        SpringApplication app = new SpringApplication(AitipMain.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        // a one-shot tool beside a possibly running server: adopt no jobs, log only warnings
        String[] properties = {"--aitip.mode=cli", "--aitip.executor.recover-on-start=false", "--logging.level.io.aitip=WARN"};
        try (ConfigurableApplicationContext context = app.run(properties)) {
            AuditVerifier.Report report = context.getBean(AuditVerifier.class).verify();
            System.out.println(Json.write(summary(report)));
            return report.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            // not "broken": the chain could not be checked at all
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("aitip audit verify: cannot check the audit log: " + cause.getMessage());
            return 3;
        }
    }

    static Map<String, Object> summary(AuditVerifier.Report report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", report.ok());
        out.put("rows", report.rows());
        if (!report.ok()) {
            out.put("seq", report.brokenSeq());
            out.put("reason", report.reason());
            out.put("breaks", report.breaks());
        }
        return out;
    }
}
