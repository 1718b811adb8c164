package io.aitip.platform.reports;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Renders a report's XHTML to PDF with openhtmltopdf (pure Java, PDFBox). Text uses DejaVu Sans
 * when the machine has it; Chinese text needs a CJK font (Noto Sans CJK, WenQuanYi) installed under
 * {@code /usr/share/fonts}, else its glyphs render as placeholders (the HTML report is always exact).
 */
public final class PdfRenderer {

    private static final List<String> FONT_DIRS = List.of("/usr/share/fonts", "/usr/local/share/fonts");

    private PdfRenderer() {
    }

    public static byte[] render(String xhtml) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            font("DejaVuSans.ttf").ifPresent(f -> builder.useFont(f, "DejaVu Sans"));
            cjkFont().ifPresent(f -> builder.useFont(f, "Noto Sans CJK SC"));
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF report", e);
        }
    }

    private static Optional<File> font(String name) {
        return fonts().filter(p -> p.getFileName().toString().equals(name)).findFirst().map(Path::toFile);
    }

    /** A TrueType CJK font if one is installed (TTC collections are not read by this renderer). */
    private static Optional<File> cjkFont() {
        return fonts().filter(p -> {
            String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return (name.contains("cjk") || name.contains("wqy") || name.contains("droidsansfallback")
                    || name.contains("notosanssc")) && (name.endsWith(".ttf") || name.endsWith(".otf"));
        }).findFirst().map(Path::toFile);
    }

    private static Stream<Path> fonts() {
        return FONT_DIRS.stream().map(Path::of).filter(Files::isDirectory).flatMap(dir -> {
            try (Stream<Path> walk = Files.walk(dir, 4)) {
                return walk.filter(Files::isRegularFile).toList().stream();
            } catch (IOException e) {
                return Stream.empty();
            }
        });
    }
}
