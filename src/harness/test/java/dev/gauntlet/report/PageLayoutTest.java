package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.Coverage;
import dev.gauntlet.contract.InteractionResult;
import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * index.html's layout: as wide as the window up to 1,600 px with the objectives' detail column given the room; the
 * contracts one row per consumer and interaction, failures open with their mismatches, passes folded; the recorded
 * runs the browser test renders read with today's reasons. (That nothing scrolls sideways at 800 px is
 * {@link BrowserReportTest}'s, in a real browser.)
 */
class PageLayoutTest {
    private static final ObjectiveResult SLOW = new ObjectiveResult("baseline GET /orders/{id} p95 latency", "latency",
            "baseline", "GET /orders/{id}", Status.FAIL, 264.0, Comparison.BELOW, 150, "ms", -114.0, 133,
            "p95 of 133 answered requests is 264.0 ms, limit 150 ms", Map.of());
    private static final ObjectiveResult PROBES = new ObjectiveResult("security authorization", "security", "security",
            "all", Status.PASS, 0.0, Comparison.BELOW, 1, "failed", 1.0, 12, "12 probes passed", Map.of());

    private static final InteractionResult CATALOGUE = new InteractionResult("storefront", "the catalogue", "", "GET",
            "/products", List.of(), 12);
    private static final InteractionResult ORDER = new InteractionResult("billing", "an order", "order ord-1 exists",
            "GET", "/orders/ord-1", List.of(), 9);
    private static final ContractFailure PRICE = new ContractFailure("storefront", "a product <by sku>",
            "products exist", "body", "$.price", "12.50", "\"12.50\"", "Expected a number but got a string");
    private static final ContractFailure STATUS = new ContractFailure("storefront", "a product <by sku>",
            "products exist", "status", "", "200", "500", "expected status 200 but was 500");
    private static final InteractionResult PRODUCT = new InteractionResult("storefront", "a product <by sku>",
            "products exist", "GET", "/products/SKU-1", List.of(PRICE, STATUS), 15);
    private static final Coverage COVERAGE = new Coverage(3, 3, List.of(), List.of(
            new Coverage.Row("GET /products", 1, null), new Coverage.Row("GET /products/{sku}", 1, null),
            new Coverage.Row("GET /orders/{id}", 1, null)));

    private static Report.Contracts contracts(List<InteractionResult> results) {
        long passed = results.stream().filter(InteractionResult::passed).count();
        return new Report.Contracts(results.size(), passed, results.size() - passed,
                results.stream().flatMap(i -> i.failures().stream()).toList(), List.of(), List.of("p.json"), results,
                COVERAGE, List.of(), List.of(), 30);
    }

    private static String page(Report.Contracts contracts, List<ObjectiveResult> objectives) {
        Verdicts.Verdict v = Verdicts.of(contracts, null, objectives, List.of(), null);
        return Html.render(new Report(v.status(), v.reasons(), "run-1", "2026-12-06T00:00:00Z", "2026-12-06T00:01:00Z",
                60, new Report.EnvironmentInfo("local", "local", List.of()), contracts, null, objectives, List.of(),
                null, v.checks()), null, Path.of("/tmp/run-1"));
    }

    private static String section(String html, String from, String to) {
        int start = html.indexOf(from);
        assertTrue(start >= 0, from + " in the page");
        int end = to == null ? -1 : html.indexOf(to, start);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    @Test
    void thePageTakesTheWindowsWidthAndTheDetailColumnTheRoom() {
        String html = page(null, List.of(SLOW, PROBES));
        assertFalse(html.contains("max-width:960px"), "no longer a 960 px column");
        assertTrue(html.contains("body{max-width:1600px}"), "as wide as the window, up to 1,600 px");
        String objectives = section(html, "<h2>Objectives</h2>", "</table>");
        assertTrue(objectives.contains("<div class=\"scroll\"><table class=\"wide objectives\">"),
                "the objectives' table fills the page and scrolls inside itself when the window is narrower");
        assertTrue(objectives.contains("<th class=\"name\">objective</th>")
                && objectives.contains("<th class=\"words\">detail</th>"), "the detail column gets the room, the name "
                + "the next most");
        assertTrue(html.contains(".scroll>table.wide{display:table;width:100%}")
                && html.contains("table.wide th.words{width:40%}table.wide th.name{width:20%}")
                && html.contains("table.wide td.num,table.wide td.status{white-space:nowrap}"), "the style says so");
        assertTrue(objectives.contains("<td class=\"FAIL status\">FAIL</td>"));
        assertTrue(objectives.contains("<td class=\"detail\">p95 of 133 answered requests is 264.0 ms, limit 150 ms</td>"),
                objectives);
        assertTrue(html.contains("@media (max-width:1000px){.scroll>table.objectives{display:grid;")
                && html.contains("table.objectives tr{display:grid;grid-column:1/-1;grid-template-columns:subgrid}")
                && html.contains("table.objectives th.words{display:none}")
                && html.contains("table.objectives td.detail{grid-column:2/-1;"), "in a narrow window the detail "
                + "goes under its row, in the style alone (the page has no script)");
        assertFalse(html.contains("<script"), "no script");
        assertTrue(section(html, "Every check (", "</details>").contains(PageStyle.WIDE + "<tr><th>status</th>"),
                "the table of every check is as wide as the page too");
    }

    @Test
    void aCountThatMustStayZeroSaysSoInWords() {
        String passed = section(page(null, List.of(SLOW, PROBES)), "1 security objective passed", "</details>");
        assertTrue(passed.contains("<td class=\"num said\">none may fail</td>"), "in words, which may wrap: " + passed);
        assertFalse(passed.contains("&lt; 1 failed"), passed);
    }

    @Test
    void aBrokenInteractionIsOpenWithEachMismatchAndThePassedOnesAreFolded() {
        String html = page(contracts(List.of(CATALOGUE, PRODUCT, ORDER)), List.of());
        String contracts = section(html, "<h2 id=\"contracts\">Contracts</h2>", null);
        assertTrue(contracts.contains("<p>3 interactions of 2 consumers: 2 passed, 1 failed</p>"), contracts);
        String open = section(contracts, PageStyle.WIDE, "</table>");
        assertTrue(open.contains("<th>consumer</th><th>interaction</th><th>provider state</th><th>operation</th>"
                + "<th>status</th><th>where</th><th>expected</th><th>actual</th>"), open);
        assertTrue(open.contains("<td rowspan=\"2\">storefront</td><td rowspan=\"2\">a product &lt;by sku&gt;</td>"
                + "<td rowspan=\"2\">products exist</td><td rowspan=\"2\" title=\"GET /products/SKU-1\">"
                + "GET /products/{sku}</td><td rowspan=\"2\" class=\"FAIL status\">FAIL</td>"), "one interaction, "
                + "its operation as the OpenAPI document names it, spanning its two mismatches: " + open);
        assertTrue(open.contains("<td>body $.price</td><td><code>12.50</code></td><td><code>&quot;12.50&quot;</code>"
                + "<br><small>Expected a number but got a string</small></td></tr>"), open);
        assertTrue(open.contains("<tr><td>status</td><td><code>200</code></td><td><code>500</code>"), open);
        assertFalse(open.contains("the catalogue"), "passed interactions are not in the open table");
        assertTrue(contracts.contains("<details class=\"passed\"><summary><span class=\"PASS\">✓</span> 2 interactions "
                + "of 2 consumers passed</summary>"), contracts);
        String folded = section(contracts, "<details class=\"passed\">", "</details>");
        assertTrue(folded.contains("<td>billing</td><td>an order</td><td>order ord-1 exists</td>"
                + "<td title=\"GET /orders/ord-1\">GET /orders/{id}</td><td class=\"PASS status\">PASS</td>"
                + "<td class=\"num\">9 ms</td>"), folded);
        assertTrue(folded.indexOf(">billing<") < folded.indexOf(">storefront<"), "grouped by consumer");
    }

    @Test
    void whenEveryInteractionPassedTheContractsAreOneFoldedLine() {
        String html = page(contracts(List.of(CATALOGUE, ORDER, new InteractionResult("storefront", "a product",
                "products exist", "GET", "/products/SKU-1", List.of(), 7))), List.of());
        String contracts = section(html, "<h2 id=\"contracts\">Contracts</h2>", null);
        assertEquals(-1, contracts.indexOf("<th>where</th>"), "no table of mismatches when nothing broke");
        assertTrue(contracts.contains("<summary><span class=\"PASS\">✓</span> 3 interactions of 2 consumers passed"
                + "</summary>"), contracts);
        assertEquals(1, count(contracts, "<details"), "folded");
        assertEquals(3, count(contracts, "class=\"PASS status\""), "every interaction inside, one row each");
    }

    @Test
    void aPendingPactsBrokenInteractionWarns() {
        InteractionResult pending = new InteractionResult("storefront", "a product <by sku>", "products exist", "GET",
                "/products/SKU-1", List.of(PRICE), 15, true);
        String contracts = section(page(contracts(List.of(pending)), List.of()), "<h2 id=\"contracts\">", null);
        assertTrue(contracts.contains("class=\"WARN status\">WARN <small>(pending pact)</small>"), contracts);
    }

    @Test
    void theRecordedRunsReadWithTodaysReasons() throws Exception {
        for (String run : List.of("history-slowed", "outage")) {
            ReportFixture fixture = ReportFixture.of(run);
            String html = fixture.html();
            String reasons = section(html, "<ol class=\"reasons\">", "</ol>");
            assertFalse(reasons.contains("objective FAIL") || reasons.contains("objective INCONCLUSIVE")
                    || reasons.contains("objective WARN"), "the status is said once, not again in the text: " + reasons);
            assertTrue(fixture.report().checks().stream().allMatch(c -> !c.message().startsWith("objective ")),
                    "the checks are made again by today's code, not read from the recording");
            Matcher first = Pattern.compile("<li><span class=\"(\\w+)\">").matcher(reasons);
            assertTrue(first.find());
            assertEquals(fixture.report().verdict().name(), first.group(1), run + ": the worst reason comes first");
        }
    }

    /** Pact leaves a mismatch's explanation out at times (a body that is not JSON): the page still renders. */
    @Test
    void aMismatchWithoutExplanationRenders() {
        ContractFailure bare = new ContractFailure("shop-ui", "an item", "", "body", "$", "application/json",
                "text/html", null);
        String contracts = section(page(contracts(List.of(new InteractionResult("shop-ui", "an item", "", "GET",
                "/items/1", List.of(bare), 5))), List.of()), "<h2 id=\"contracts\">", null);
        assertTrue(contracts.contains("<td>body $</td><td><code>application/json</code></td><td><code>text/html</code>"
                + "</td></tr>"), contracts);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
