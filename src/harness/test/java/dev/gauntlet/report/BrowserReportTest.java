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
 * has no script). Screenshots go to {@code src/harness/target/browser/}. Skipped when {@code /usr/bin/chromium} is not
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
            + "const wide=[];for(const e of document.body.querySelectorAll('*')){const r=e.getBoundingClientRect();"
            + "if(r.right>innerWidth+0.5&&wide.length<5)wide.push(e.tagName+'.'+e.className+' right='+Math.round(r.right)+' \"'+(e.textContent||'').trim().slice(0,60)+'\"');}"
            + "const p=document.createElement('pre');p.id='gauntlet-probe';p.textContent='scrollWidth='+d.scrollWidth"
            + "+'\\ninnerWidth='+innerWidth+'\\nexternal='+urls.join(' | ')+'\\nwide='+wide.join(' | ');"
            + "document.body.appendChild(p);});</script>";

    private static String page;

    @BeforeAll
    static void render() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": the browser test is skipped "
                + "(apt-get install -y chromium; .ci/run installs it)");
        page = ReportFixture.historySlowed().html();
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("index.html"), page, StandardCharsets.UTF_8);
        Files.writeString(OUT.resolve("index-probe.html"), page.replace("</body>", SCRIPT + "</body>"),
                StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1400, 800})
    void thePageFitsTheWindowAndFetchesNothing(int width) throws Exception {
        String dom = chromium(width, "--dump-dom", "--virtual-time-budget=2000",
                OUT.resolve("index-probe.html").toUri().toString());
        Matcher m = PROBE.matcher(dom);
        assertTrue(m.find(), "the probe did not run in Chromium at " + width + " px; its output:\n"
                + dom.substring(0, Math.min(2000, dom.length())));
        String probe = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        long scrollWidth = Long.parseLong(field(probe, "scrollWidth"));
        long innerWidth = Long.parseLong(field(probe, "innerWidth"));
        assertEquals(width, innerWidth, "the window is " + width + " px wide");
        Path shot = OUT.resolve("index-" + width + ".png");
        chromium(width, "--screenshot=" + shot, "--hide-scrollbars", OUT.resolve("index.html").toUri().toString());
        System.out.println("[browser] " + width + " px: scrollWidth " + scrollWidth + ", screenshot " + shot);
        assertTrue(scrollWidth <= innerWidth, "index.html scrolls sideways at " + width + " px: scrollWidth "
                + scrollWidth + " > " + innerWidth + "; widest elements: " + field(probe, "wide"));
        assertEquals("", field(probe, "external"), "index.html names addresses outside this machine");
        assertTrue(Files.size(shot) > 0, "screenshot " + shot);
    }

    /** Runs headless Chromium once with a fresh profile and no background traffic; its standard output. */
    private static String chromium(int width, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("gauntlet-chromium");
        try {
            List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + (args[0].startsWith("--screenshot") ? 2400 : 900)));
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
