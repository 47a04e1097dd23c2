package dev.gauntlet.report;

import dev.gauntlet.files.RunFiles;
import dev.gauntlet.load.LoadResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every view of a report, in the order they are written: the one list the gate writes at the end of a run, and the
 * one it writes plain when the full report could not be written. A new view is one class and one line here.
 */
public final class Views {

    /** One view of a report: a file in the run folder, or the console. */
    public interface View {
        /** What it writes, for a message when it cannot: {@code report.json and junit.xml}. */
        String name();

        /**
         * Writes {@code report}.
         *
         * @param load what the load recorded (for charts), or null
         */
        void write(Report report, LoadResults load, Path runDir, PrintStream console) throws IOException;

        /** Writes {@code report} the barest way possible, after {@link #write} failed on it. */
        default void writeBare(Report report, Path runDir, PrintStream console) throws IOException {
            throw new IOException("no bare form of " + name());
        }
    }

    /** The views of every run. */
    public static final List<View> ALL = List.of(new JsonAndJunit(), new Page(), new Console());

    private Views() {
    }

    /** Writes every view of {@code report}; the first that fails throws. */
    public static void write(Report report, LoadResults load, Path runDir, PrintStream console) throws IOException {
        for (View view : ALL) {
            view.write(report, load, runDir, console);
        }
    }

    /** The console's line saying where the run's report is: page, JSON and JUnit, wrapped at the console's width. */
    public static void printWhere(Path runDir, PrintStream console) {
        ConsoleReport.wrap("report: " + runDir.resolve(RunFiles.INDEX_HTML) + " · " + runDir.resolve(RunFiles.REPORT_JSON)
                + " · " + runDir.resolve(RunFiles.JUNIT_XML), ConsoleReport.WIDTH).forEach(console::println);
    }

    /**
     * Writes {@code plain} (a report stripped to its verdict, reasons and faults) as every view, each on its own so
     * that one that fails cannot take the others with it; a view that cannot be written is written bare.
     */
    public static void writePlain(Report plain, Path runDir, PrintStream console) {
        for (View view : ALL) {
            try {
                view.write(plain, null, runDir, console);
            } catch (Throwable failure) { // one view failing must not cost the others
                try {
                    view.writeBare(plain, runDir, console);
                } catch (Throwable bare) { // nothing more can be done than saying so
                    console.println("[gate] could not write " + view.name() + " to " + runDir + ": " + failure);
                }
            }
        }
    }

    /** {@code report.json} and {@code junit.xml}. */
    private static final class JsonAndJunit implements View {
        @Override
        public String name() {
            return RunFiles.REPORT_JSON + " and " + RunFiles.JUNIT_XML;
        }

        @Override
        public void write(Report report, LoadResults load, Path runDir, PrintStream console) throws IOException {
            ReportWriter.write(report, runDir);
        }
    }

    /** {@code index.html}; bare: the verdict and its reasons as a list. */
    private static final class Page implements View {
        @Override
        public String name() {
            return RunFiles.INDEX_HTML;
        }

        @Override
        public void write(Report report, LoadResults load, Path runDir, PrintStream console) throws IOException {
            Html.write(report, load, runDir);
        }

        @Override
        public void writeBare(Report plain, Path runDir, PrintStream console) throws IOException {
            StringBuilder h = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>gauntlet ").append(plain.verdict()).append("</title></head><body><h1>gauntlet gate ")
                    .append(plain.verdict()).append("</h1><ul>");
            plain.reasons().forEach(r -> h.append("<li>").append(Html.escape(r)).append("</li>"));
            h.append("</ul></body></html>\n");
            Files.writeString(runDir.resolve(RunFiles.INDEX_HTML), h, StandardCharsets.UTF_8);
        }
    }

    /** The console table; bare: the verdict and its reasons. */
    private static final class Console implements View {
        @Override
        public String name() {
            return "the console";
        }

        @Override
        public void write(Report report, LoadResults load, Path runDir, PrintStream console) {
            ConsoleReport.print(report, console);
        }

        @Override
        public void writeBare(Report plain, Path runDir, PrintStream console) {
            console.println("VERDICT     " + plain.verdict());
            plain.reasonLines().forEach(line -> console.println("  " + line.status() + "  " + line.text()));
        }
    }
}
