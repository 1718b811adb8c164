package io.aitip.platform.reports;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** The formats a report renders to. */
public enum ReportFormat {
    HTML, PDF;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The report in this format from its XHTML. */
    public Report render(String id, String xhtml, boolean truncated) {
        if (this == PDF) {
            byte[] pdf = PdfRenderer.render(xhtml);
            return new Report(id, wire(), "application/pdf", id + ".pdf", null, Base64.getEncoder().encodeToString(pdf),
                    pdf.length, truncated);
        }
        return new Report(id, wire(), "text/html; charset=utf-8", id + ".html", xhtml, null,
                xhtml.getBytes(StandardCharsets.UTF_8).length, truncated);
    }
}
