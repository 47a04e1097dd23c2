package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * index.html of a real run ({@link ReportFixture}: GateIT's slowed-down run with its history) opened in a real browser,
 * Debian's headless Chromium, at 1400 and 800 px: the page must not scroll sideways and must not name any address
 * outside this machine. The measuring script is injected into a copy of the page for the test only (the page itself
 * has no script; the probe only appends its figures at the end). Screenshots of the top 2,400 px go to
 * {@code src/harness/target/browser/index-1400.png} and {@code index-800.png}. Skipped when {@code /usr/bin/chromium} is not
 * installed ({@code apt-get install chromium}; {@code .ci/run} installs it).
 */
class BrowserReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path OUT = Path.of("src/harness/target/browser").toAbsolutePath();
    private static final Pattern PROBE = Pattern.compile("<pre id=\"gauntlet-probe\">(.*?)</pre>", Pattern.DOTALL);
    /** Writes what the test reads into the page, after the page has been laid out. */
    private static final String SCRIPT = "<script>addEventListener('load',()=>{const d=document.scrollingElement;"
            + "const urls=[];for(const e of document.querySelectorAll('*')){for(const a of ['src','href','xlink:href',"
            + "'action','poster','data']){const v=e.getAttribute(a);if(v&&/^(https?:)?\\/\\//i.test(v.trim())"
            + "&&!/^(https?:)?\\/\\/127\\.0\\.0\\.1([:\\/]|$)/i.test(v.trim()))urls.push(e.tagName+' '+a+'='+v);}"
            + "const s=e.getAttribute('style');if(s&&/url\\(/i.test(s))urls.push(e.tagName+' style='+s);}"
            + "const clipped=e=>{for(let a=e.parentElement;a&&a!==document.body;a=a.parentElement)"
            + "if(getComputedStyle(a).overflowX!=='visible')return true;return false;};"
            + "const wide=[];for(const e of document.body.querySelectorAll('*')){const r=e.getBoundingClientRect();"
            + "if(r.right>innerWidth+0.5&&wide.length<5&&!clipped(e))wide.push(e.tagName+'.'+e.className+' right='+Math.round(r.right)+' \"'+(e.textContent||'').trim().slice(0,60)+'\"');}"
            + "const p=document.createElement('pre');p.id='gauntlet-probe';p.textContent='scrollWidth='+d.scrollWidth"
            + "+'\\ninnerWidth='+innerWidth+'\\nexternal='+urls.join(' | ')+'\\nwide='+wide.join(' | ');"
            + "document.body.appendChild(p);});</script>";

    private static String page;

    @BeforeAll
    static void render() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": the browser test is skipped "
                + "(apt-get install -y chromium; .ci/run installs it)");
        Files.createDirectories(OUT);
        page = write("index", ReportFixture.historySlowed().html());
        write("outage", ReportFixture.of("outage").html());
    }

    /** The page as {@code name.html} and the test's copy with the probe as {@code name-probe.html}. */
    private static String write(String name, String html) throws IOException {
        Files.writeString(OUT.resolve(name + ".html"), html, StandardCharsets.UTF_8);
        Files.writeString(OUT.resolve(name + "-probe.html"), html.replace("</body>", SCRIPT + "</body>"),
                StandardCharsets.UTF_8);
        return html;
    }

    /** The run with a history at both widths; the run with faults (their table, bands and evidence) at 800 px. */
    @ParameterizedTest
    @ValueSource(strings = {"index@1400", "index@800", "outage@800"})
    void thePageFitsTheWindowAndFetchesNothing(String pageAndWidth) throws Exception {
        String name = pageAndWidth.substring(0, pageAndWidth.indexOf('@'));
        int width = Integer.parseInt(pageAndWidth.substring(pageAndWidth.indexOf('@') + 1));
        Path shot = OUT.resolve(name + "-" + width + ".png");
        String dom = chromium(width, "--dump-dom", "--virtual-time-budget=2000", "--screenshot=" + shot,
                OUT.resolve(name + "-probe.html").toUri().toString());
        Matcher m = PROBE.matcher(dom);
        assertTrue(m.find(), "the probe did not run in Chromium at " + width + " px; its output:\n"
                + dom.substring(0, Math.min(2000, dom.length())));
        String probe = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        long scrollWidth = Long.parseLong(field(probe, "scrollWidth"));
        long innerWidth = Long.parseLong(field(probe, "innerWidth"));
        assertEquals(width, innerWidth, "the window is " + width + " px wide");
        System.out.println("[browser] " + name + ".html at " + width + " px: scrollWidth " + scrollWidth + ", screenshot " + shot);
        assertTrue(scrollWidth <= innerWidth, name + ".html scrolls sideways at " + width + " px: scrollWidth "
                + scrollWidth + " > " + innerWidth + "; widest elements: " + field(probe, "wide"));
        assertEquals("", field(probe, "external"), name + ".html names addresses outside this machine");
        assertTrue(Files.size(shot) > 0, "screenshot " + shot);
    }

    /** The probe itself: a page that is too wide and names another address must be caught (loopback, never fetched). */
    @org.junit.jupiter.api.Test
    void theProbeSeesAWidePageAndAnotherAddress() throws Exception {
        Path planted = OUT.resolve("planted-probe.html");
        Files.writeString(planted, page.replace("</body>", "<div style=\"width:2000px\">wide</div>"
                + "<a href=\"http://127.0.0.2:9/elsewhere\">another address</a>" + SCRIPT + "</body>"),
                StandardCharsets.UTF_8);
        Matcher m = PROBE.matcher(chromium(800, "--dump-dom", "--virtual-time-budget=2000", planted.toUri().toString()));
        assertTrue(m.find(), "the probe ran");
        String probe = m.group(1).replace("&amp;", "&");
        assertTrue(Long.parseLong(field(probe, "scrollWidth")) > 2000, probe);
        assertTrue(field(probe, "external").contains("http://127.0.0.2:9/elsewhere"), probe);
        assertTrue(field(probe, "wide").contains("DIV"), probe);
    }

    /** Runs headless Chromium once with a fresh profile and no background traffic; its standard output. */
    private static String chromium(int width, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("gauntlet-chromium");
        try {
            List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--user-data-dir=" + profile,
                    "--window-size=" + width + ",2400"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("Chromium did not finish in 60 s: " + command);
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String field(String probe, String name) {
        for (String line : probe.split("\n")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in the probe's output: " + probe);
    }
}
