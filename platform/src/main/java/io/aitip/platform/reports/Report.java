package io.aitip.platform.reports;

/**
 * A rendered report as tools return it: HTML as text, PDF as base64 (tool results are JSON).
 *
 * @param content       the HTML document (format html)
 * @param contentBase64 the PDF bytes, base64 (format pdf)
 * @param truncated     true when the report lists only the first rows; the JSON tools page through all
 */
public record Report(String id, String format, String mediaType, String fileName, String content, String contentBase64,
                     int bytes, boolean truncated) {
}
