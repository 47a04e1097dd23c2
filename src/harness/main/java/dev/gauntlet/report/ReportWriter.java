package dev.gauntlet.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gauntlet.contract.AllowedExposure;
import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.Coverage;
import dev.gauntlet.contract.Exposure;
import dev.gauntlet.contract.InteractionResult;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        JSON.writeValue(runDir.resolve("report.json").toFile(), report);
        try (OutputStream out = Files.newOutputStream(runDir.resolve("junit.xml"))) {
            junit(report, out);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write junit.xml", e);
        }
    }

    /** One testcase per interaction and per objective; an aborted run is a failed testcase of its stage. */
    static void junit(Report r, OutputStream out) throws XMLStreamException {
        XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        x.writeAttribute("name", "gauntlet " + r.environment().name());
        if (r.aborted() != null) {
            suite(x, "gauntlet.gate", 1, 1);
            testcase(x, "gauntlet.gate", r.aborted().stage(), 0);
            failure(x, "aborted in " + r.aborted().stage(), r.aborted().reason());
            x.writeEndElement();
            x.writeEndElement();
        }
        if (r.contracts() != null) {
            List<InteractionResult> results = r.contracts().results();
            suite(x, "gauntlet.contracts", results.size() + r.contracts().problems().size(),
                    (int) r.contracts().failed() + r.contracts().problems().size());
            for (String p : r.contracts().problems()) {
                testcase(x, "gauntlet.contracts", "contracts folder", 0);
                failure(x, p, p);
                x.writeEndElement();
            }
            for (InteractionResult i : results) {
                testcase(x, "gauntlet.contracts." + i.consumer(), i.interaction(), i.millis() / 1000.0);
                if (!i.passed()) {
                    StringBuilder detail = new StringBuilder();
                    for (ContractFailure f : i.failures()) {
                        detail.append(f.summary()).append("\n  expected: ").append(f.expected())
                                .append("\n  actual:   ").append(f.actual()).append('\n');
                    }
                    failure(x, i.failures().get(0).summary(), detail.toString());
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            coverageAndExposure(x, r.contracts());
        }
        SecurityViews.junit(x, r);
        List<ObjectiveResult> objectives = r.objectives();
        suite(x, "gauntlet.objectives", objectives.size(),
                (int) objectives.stream().filter(o -> o.status() == Status.FAIL).count());
        for (ObjectiveResult o : objectives) {
            testcase(x, "gauntlet.objectives." + o.phase(), o.name(), 0);
            if (o.status() == Status.FAIL) {
                failure(x, o.detail(), o.detail());
            } else {
                x.writeStartElement("system-out");
                x.writeCharacters(o.status() + ": " + o.detail());
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndDocument();
        x.close();
    }

    /** One testcase per counted operation (failing when uncovered) and one per exposed field (allowed ones pass). */
    private static void coverageAndExposure(XMLStreamWriter x, Report.Contracts c) throws XMLStreamException {
        if (c.coverage() != null) {
            String name = "gauntlet.contracts.coverage";
            suite(x, name, c.coverage().table().size(), c.coverage().uncovered().size());
            for (Coverage.Row row : c.coverage().table()) {
                testcase(x, name, row.operation(), 0);
                if (row.interactions() == 0) {
                    failure(x, "operation not covered by any contract: " + row.operation(),
                            "no verified interaction of any consumer exercises " + row.operation());
                }
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        int exposed = c.exposure().stream().mapToInt(e -> e.fields().size()).sum();
        if (exposed + c.allowedExposure().size() > 0) {
            String name = "gauntlet.contracts.exposure";
            suite(x, name, exposed + c.allowedExposure().size(), exposed);
            for (Exposure e : c.exposure()) {
                for (String field : e.fields()) {
                    testcase(x, name, e.operation() + " " + field, 0);
                    failure(x, "response field no contract mentions: " + field + " in " + e.operation(), e.operation()
                            + " returned " + field + ", which no consumer's contract mentions; remove it from the"
                            + " response or allow it in contracts.allowExposure with a reason");
                    x.writeEndElement();
                }
            }
            for (AllowedExposure a : c.allowedExposure()) {
                testcase(x, name, a.operation() + " " + a.field(), 0);
                x.writeStartElement("system-out");
                x.writeCharacters("allowed by contracts.allowExposure: " + a.reason());
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
        }
    }

    static void suite(XMLStreamWriter x, String name, int tests, int failures) throws XMLStreamException {
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name);
        x.writeAttribute("tests", Integer.toString(tests));
        x.writeAttribute("failures", Integer.toString(failures));
        x.writeAttribute("errors", "0");
    }

    static void testcase(XMLStreamWriter x, String classname, String name, double seconds) throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", classname);
        x.writeAttribute("name", name);
        x.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", seconds));
    }

    static void failure(XMLStreamWriter x, String message, String detail) throws XMLStreamException {
        x.writeStartElement("failure");
        x.writeAttribute("message", message);
        x.writeCharacters(detail);
        x.writeEndElement();
    }
}
