package dev.gauntlet.report;

import dev.gauntlet.load.InjectorRun;
import dev.gauntlet.slo.Status;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The injectors of {@code load.injectors}: one check each (a failing injector is never silent) and their table in
 * the console and the page.
 */
final class InjectorViews {
    private InjectorViews() {
    }

    /**
     * One check per injector: FAIL when it died or stalled (naming when, in which phase and the share of the load
     * then missing), INCONCLUSIVE for each scored phase it fell behind in by more than the tolerance, else PASS.
     */
    static void checks(List<InjectorRun> injectors, List<Reason> checks) {
        for (InjectorRun i : injectors) {
            String name = i.name();
            switch (i.state()) {
                case DIED, STALLED -> checks.add(Reason.fail("load.injectors", name, String.format(Locale.ROOT,
                        "%s %s at %.0f s in %s (%s): its share, %.0f %% of the offered load, is missing from then on;"
                                + " the other injectors were stopped", name,
                        i.state() == InjectorRun.State.DIED ? "stopped" : "stalled", i.stoppedAtMillis() / 1000.0,
                        i.stoppedIn(), i.detail(), 100.0 / i.count()), table(i)));
                case STOPPED -> checks.add(new Reason(Status.INCONCLUSIVE, "load.injectors", name, name + " " + i.detail(),
                        table(i)));
                case FINISHED -> {
                    double tolerance = i.tolerance();
                    List<InjectorRun.PhaseRate> behind = i.phases().stream()
                            .filter(p -> p.scored() && p.missing() > tolerance).toList();
                    for (InjectorRun.PhaseRate p : behind) {
                        checks.add(new Reason(Status.INCONCLUSIVE, "load.injectors", name + " " + p.phase(),
                                String.format(Locale.ROOT, "%s fell behind in %s: offered %.1f/s, achieved %.1f/s "
                                                + "(%.0f %% of its share missing, tolerance %.0f %%): %s was judged on partial load",
                                        name, p.phase(), p.offeredRps(), p.achievedRps(), p.missing() * 100,
                                        tolerance * 100, p.phase()), table(i)));
                    }
                    if (behind.isEmpty()) {
                        checks.add(Reason.pass("load.injectors", name, String.format(Locale.ROOT,
                                "%s offered its share: %d requests, started %d ms after the first", name, i.requests(),
                                i.startSkewMillis())));
                    }
                }
            }
        }
    }

    /** The injector's phases: offered vs achieved. */
    private static String table(InjectorRun i) {
        return i.phases().stream().map(p -> String.format(Locale.ROOT, "%s: offered %.1f/s, achieved %.1f/s, %d requests",
                p.phase(), p.offeredRps(), p.achievedRps(), p.requests())).collect(Collectors.joining("\n"));
    }

    /** The start skew: how far apart the injectors' first requests were. */
    static long skew(List<InjectorRun> injectors) {
        return injectors.stream().mapToLong(InjectorRun::startSkewMillis).max().orElse(0);
    }

    static void console(List<InjectorRun> injectors, PrintStream out) {
        if (injectors.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "  %d injectors, start skew %d ms%n", injectors.size(), skew(injectors));
        for (InjectorRun i : injectors) {
            out.printf(Locale.ROOT, "  injector %d/%d  %-8s %8d requests  skew %4d ms  %s%n", i.index(), i.count(),
                    i.state(), i.requests(), i.startSkewMillis(), i.phases().stream()
                            .map(p -> String.format(Locale.ROOT, "%s %.1f/%.1f", p.phase(), p.achievedRps(), p.offeredRps()))
                            .collect(Collectors.joining("  ")) + (i.detail().isEmpty() ? "" : "  (" + i.detail() + ")"));
        }
    }

    static void html(List<InjectorRun> injectors, StringBuilder h) {
        if (injectors.isEmpty()) {
            return;
        }
        h.append(String.format(Locale.ROOT, "<h2>Injectors</h2><p>%d injectors, start skew %d ms; per phase: achieved / "
                + "offered visits per second</p><table><tr><th>injector</th><th>state</th><th>requests</th>"
                + "<th>start skew ms</th>", injectors.size(), skew(injectors)));
        injectors.get(0).phases().forEach(p -> h.append("<th>").append(Html.escape(p.phase())).append("</th>"));
        h.append("</tr>");
        for (InjectorRun i : injectors) {
            h.append(String.format(Locale.ROOT, "<tr><td>%d of %d</td><td class=\"%s\">%s%s</td><td class=\"num\">%d</td>"
                            + "<td class=\"num\">%d</td>", i.index(), i.count(),
                    i.state() == InjectorRun.State.FINISHED ? "PASS" : "FAIL", i.state(),
                    i.detail().isEmpty() ? "" : " (" + Html.escape(i.detail()) + ")", i.requests(), i.startSkewMillis()));
            i.phases().forEach(p -> h.append(String.format(Locale.ROOT, "<td class=\"num\">%.1f / %.1f</td>",
                    p.achievedRps(), p.offeredRps())));
            h.append("</tr>");
        }
        h.append("</table>");
    }
}
