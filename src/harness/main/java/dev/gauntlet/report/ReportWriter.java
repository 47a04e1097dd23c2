package dev.gauntlet.report;

import dev.gauntlet.files.RunFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gauntlet.slo.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes a {@link Report} as {@code report.json} and {@code junit.xml} into the run folder. */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(Report report, Path runDir) throws IOException {
        Files.createDirectories(runDir);
        JSON.writeValue(runDir.resolve(RunFiles.REPORT_JSON).toFile(), report);
        try (OutputStream out = Files.newOutputStream(runDir.resolve(RunFiles.JUNIT_XML))) {
            junit(report, runDir, out);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write junit.xml", e);
        }
    }

    /**
     * One test case per {@link Report#checks() check}, in one suite per source (class name
     * {@code gauntlet.ENVIRONMENT.SOURCE}, e.g. {@code gauntlet.local.objectives.baseline}, so that two environments'
     * gates read apart in Jenkins), suites with failures first: a FAIL check is a failure whose message is the
     * verdict's reason and whose body holds the figures, what to do, the earlier runs compared (a regression) and the
     * report's place of it; a WARN or INCONCLUSIVE check a skipped test case with its message (Jenkins shows it and
     * stays green), a PASS check a passed one; each carries its message (and evidence) as system-out.
     *
     * @param runDir the run folder, for the report's path in the failure bodies
     */
    static void junit(Report r, Path runDir, OutputStream out) throws XMLStreamException {
        XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        x.writeAttribute("name", "gauntlet " + r.environment().name());
        x.writeAttribute("tests", Integer.toString(r.checks().size()));
        x.writeAttribute("failures", Long.toString(r.checks().stream().filter(c -> c.status() == Status.FAIL).count()));
        Map<String, List<Reason>> bySource = new LinkedHashMap<>();
        r.checks().stream().sorted(java.util.Comparator.comparing(ReportWriter::rank))
                .forEach(c -> bySource.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(c));
        String environment = r.environment().name().replace('.', '_');
        for (Map.Entry<String, List<Reason>> suite : bySource.entrySet()) {
            String name = "gauntlet." + environment + "." + suite.getKey();
            List<Reason> checks = suite.getValue();
            suite(x, name, checks.size(), (int) checks.stream().filter(c -> c.status() == Status.FAIL).count());
            x.writeAttribute("skipped", Long.toString(checks.stream().filter(c -> c.status() == Status.WARN || c.status() == Status.INCONCLUSIVE).count()));
            for (Reason c : checks) {
                testcase(x, name, c.name(), c.millis() / 1000.0);
                if (c.status() == Status.FAIL) {
                    failure(x, c.message(), body(r, c, runDir));
                } else if (c.status() == Status.WARN || c.status() == Status.INCONCLUSIVE) {
                    x.writeEmptyElement("skipped");
                    x.writeAttribute("message", xml(c.message()));
                }
                x.writeStartElement("system-out");
                x.writeCharacters(xml(c.status() + ": " + c.message() + (c.evidence().isEmpty() ? "" : "\n" + c.evidence())));
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeEndDocument();
        x.close();
    }

    /** FAIL first, then WARN, INCONCLUSIVE, PASS: the order of the reasons. */
    private static int rank(Reason c) {
        int i = ReasonLines.ORDER.indexOf(c.status());
        return i < 0 ? ReasonLines.ORDER.size() : i;
    }

    /**
     * A failure's body: what was found, its evidence (figures), what to do, for a regression the earlier runs it was
     * compared with, and where the report shows it.
     */
    static String body(Report r, Reason c, Path runDir) {
        StringBuilder b = new StringBuilder(c.message());
        if (!c.evidence().isEmpty()) {
            b.append('\n').append(c.evidence());
        }
        b.append("\nwhat to do: ").append(Actions.of(c));
        if (c.kind().equals("regression") && r.history() != null) {
            List<String> earlier = r.history().comparedWith();
            b.append("\nearlier runs compared: ").append(earlier.isEmpty() ? "none" : String.join(", ", earlier));
        }
        Path page = runDir == null ? Path.of(RunFiles.INDEX_HTML) : runDir.toAbsolutePath().resolve(RunFiles.INDEX_HTML);
        return b.append("\nreport: ").append(page).append('#').append(ReasonLines.anchor(c)).toString();
    }

    private static void suite(XMLStreamWriter x, String name, int tests, int failures) throws XMLStreamException {
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", xml(name));
        x.writeAttribute("tests", Integer.toString(tests));
        x.writeAttribute("failures", Integer.toString(failures));
        x.writeAttribute("errors", "0");
    }

    static void testcase(XMLStreamWriter x, String classname, String name, double seconds) throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", xml(classname));
        x.writeAttribute("name", xml(name));
        x.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", seconds));
    }

    static void failure(XMLStreamWriter x, String message, String detail) throws XMLStreamException {
        x.writeStartElement("failure");
        x.writeAttribute("message", xml(message));
        x.writeCharacters(xml(detail));
        x.writeEndElement();
    }

    /** {@code text} without the characters XML 1.0 cannot hold (ANSI escapes and other control characters of logs). */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF).forEach(out::appendCodePoint);
        return out.toString();
    }
}
