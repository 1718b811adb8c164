package io.aitip.platform.reports;

import java.util.List;

/**
 * Builds the self-contained XHTML of a report (inline CSS, an inline SVG bar chart, no scripts or
 * external resources), well-formed so the PDF renderer can read the same document.
 */
public final class HtmlReport {

    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A verdict banner: green when good, red otherwise. */
    public HtmlReport banner(String text, boolean good) {
        body.append("<div class=\"banner ").append(good ? "good" : "bad").append("\">").append(escape(text)).append("</div>\n");
        return this;
    }

    /** Rows of label/value pairs. */
    public HtmlReport facts(List<String[]> facts) {
        body.append("<table class=\"facts\">\n");
        for (String[] fact : facts) {
            body.append("<tr><th>").append(escape(fact[0])).append("</th><td>").append(escape(fact[1])).append("</td></tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    public HtmlReport table(List<String> header, List<List<String>> rows) {
        body.append("<table class=\"grid\">\n<thead><tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(cell -> body.append("<td>").append(escape(cell)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</tbody></table>\n");
        return this;
    }

    /** Horizontal bars for values in {@code 0..max}, labelled with the value. */
    public HtmlReport barChart(List<String> labels, List<Double> values, double max, String unit) {
        int rowHeight = 22;
        int height = Math.max(rowHeight, labels.size() * rowHeight) + 4;
        body.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"").append(height)
                .append("\" viewBox=\"0 0 560 ").append(height).append("\">\n");
        for (int i = 0; i < labels.size(); i++) {
            double value = values.get(i) == null ? 0 : values.get(i);
            int width = (int) Math.round(300 * Math.max(0, Math.min(1, value / max)));
            int y = i * rowHeight + 2;
            body.append("<text x=\"0\" y=\"").append(y + 15).append("\" font-size=\"12\">").append(escape(clip(labels.get(i), 28)))
                    .append("</text>");
            body.append("<rect x=\"190\" y=\"").append(y + 3).append("\" width=\"").append(width)
                    .append("\" height=\"15\" fill=\"#4a7bd0\"/>");
            body.append("<text x=\"").append(196 + width).append("\" y=\"").append(y + 15).append("\" font-size=\"12\">")
                    .append(escape(format(value) + unit)).append("</text>\n");
        }
        body.append("</svg>\n");
        return this;
    }

    public String render() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
                + "<head><meta charset=\"UTF-8\"/><title>" + escape(title) + "</title>\n<style>\n"
                + "body{font-family:'DejaVu Sans',Arial,'Noto Sans CJK SC',sans-serif;font-size:12px;color:#222;margin:24px}\n"
                + "h1{font-size:20px}h2{font-size:15px;margin-top:22px}\n"
                + "table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}\n"
                + "table.facts th{background:#f3f3f3;width:160px}table.grid th{background:#e9eef8}\n"
                + "table.grid td{max-width:260px;word-wrap:break-word}\n"
                + ".banner{padding:8px 12px;font-weight:bold;margin:10px 0}.good{background:#dff3df;color:#145214}"
                + ".bad{background:#f8dddd;color:#7a1111}\n</style></head>\n<body>\n<h1>" + escape(title) + "</h1>\n"
                + body + "</body></html>\n";
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // characters XML 1.0 cannot carry at all are dropped, so the document stays well-formed
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    public static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
