package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.load.InjectorRun;
import dev.gauntlet.slo.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failing injector is never silent; a service listening on every interface is a WARN naming it. */
class InjectorChecksTest {
    private static InjectorRun run(int index, InjectorRun.State state, double spikeAchieved, long stoppedAt,
                                   String detail) {
        return new InjectorRun(index, 3, state, 1_000 + index, index * 10L, 100, List.of(
                new InjectorRun.PhaseRate("warmup", false, 10, 2, 10),
                new InjectorRun.PhaseRate("baseline", true, 10, 10, 50),
                new InjectorRun.PhaseRate("spike", true, 60, spikeAchieved, 40)), stoppedAt, stoppedAt > 0 ? "spike" : null,
                detail, 0.1);
    }

    @Test
    void aDeadInjectorFailsNamingWhenWhereAndTheShareMissing() {
        List<Reason> checks = new ArrayList<>();
        InjectorViews.checks(List.of(run(1, InjectorRun.State.STOPPED, 40, 0, "stopped by the gate: injector 2 failed"),
                run(2, InjectorRun.State.DIED, 20, 41_000, "exit 137, killed by signal 9"),
                run(3, InjectorRun.State.FINISHED, 60, 0, "")), checks);
        Reason dead = checks.get(1);
        assertEquals(Status.FAIL, dead.status());
        assertEquals("injector 2 of 3 stopped at 41 s in spike (exit 137, killed by signal 9): its share, 33 % of the "
                + "offered load, is missing from then on; the other injectors were stopped", dead.message());
        assertEquals(Status.INCONCLUSIVE, checks.get(0).status());
        assertEquals(Status.PASS, checks.get(2).status());
    }

    @Test
    void anInjectorBehindItsShareMakesThatPhaseInconclusive() {
        List<Reason> checks = new ArrayList<>();
        InjectorViews.checks(List.of(run(1, InjectorRun.State.FINISHED, 50, 0, ""),
                run(2, InjectorRun.State.FINISHED, 55, 0, "")), checks);
        assertEquals(Status.INCONCLUSIVE, checks.get(0).status(), "17 % below its share, tolerance 10 %");
        assertTrue(checks.get(0).message().contains("fell behind in spike: offered 60.0/s, achieved 50.0/s"),
                checks.get(0).message());
        assertEquals(Status.PASS, checks.get(1).status(), "8 % below: within the tolerance; the unscored warm-up "
                + "80 % below does not count");
    }

    @Test
    void theViewsShowEachInjectorsRatesRequestsAndSkew() {
        List<InjectorRun> runs = List.of(run(1, InjectorRun.State.FINISHED, 60, 0, ""),
                run(2, InjectorRun.State.DIED, 20, 41_000, "exit 137, killed by signal 9"));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        InjectorViews.console(runs, new PrintStream(text, true));
        assertTrue(text.toString().contains("2 injectors, start skew 20 ms"), text.toString());
        assertTrue(text.toString().contains("spike 20.0/60.0"), text.toString());
        StringBuilder html = new StringBuilder();
        InjectorViews.html(runs, html);
        assertTrue(html.toString().contains("<td class=\"num\">20.0 / 60.0</td>"), html.toString());
        assertTrue(html.toString().contains("DIED (exit 137, killed by signal 9)"), html.toString());
    }

    @Test
    void aServiceListeningOnEveryInterfaceIsAWarnNamingIt() {
        Verdicts.Verdict v = Verdicts.withServices(new Verdicts.Verdict(Status.PASS, List.of()), List.of(
                new Report.Service("api", "http://127.0.0.1:1", "api.log", true, 42, List.of("0.0.0.0:8080")),
                new Report.Service("db", "http://127.0.0.1:2", "db.log", false, 43)));
        assertEquals(Status.WARN, v.status());
        assertEquals(1, v.checks().size());
        assertTrue(v.checks().get(0).message().startsWith("service api listens on 0.0.0.0:8080 (every interface)"));
    }
}
