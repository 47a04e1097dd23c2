package dev.gauntlet.history;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The history as one run saw it, for the report: the folder, the plan's fingerprint, this machine's calibration, the
 * earlier comparable runs (oldest first) and this run's own record (null until it is written, or when no load ran).
 * {@code report.json} shows the folder, the runs compared with and the calibration; the records themselves (with
 * their histograms) are for the views that draw the history.
 *
 * @param folder      the history folder
 * @param plan        the load plan's fingerprint: only runs with the same one are compared
 * @param calibration this machine at start, or null when it could not be measured
 * @param earlier     earlier runs of this environment and plan, oldest first
 * @param current     this run's record, or null
 * @param recorded    the file this run was written to, or null
 * @param notes       what went wrong reading or writing the history (the gate goes on)
 * @param changePoints level shifts that stay, found over the earlier runs and this one ({@link ChangePoints})
 */
public record RunHistory(String folder, String plan, Calibration calibration,
                         @JsonIgnore List<RunRecord> earlier, @JsonIgnore RunRecord current, String recorded,
                         List<String> notes, List<ChangePoint> changePoints) {
    public RunHistory {
        earlier = List.copyOf(earlier);
        notes = List.copyOf(notes);
        changePoints = changePoints == null ? List.of() : List.copyOf(changePoints);
    }

    /** Without change points. */
    public RunHistory(String folder, String plan, Calibration calibration, List<RunRecord> earlier, RunRecord current,
                      String recorded, List<String> notes) {
        this(folder, plan, calibration, earlier, current, recorded, notes, List.of());
    }

    /** The ids of the earlier runs compared with, oldest first. */
    @JsonProperty("comparedWith")
    public List<String> comparedWith() {
        return earlier.stream().map(RunRecord::id).toList();
    }

    /** This history with the change points found over its runs. */
    public RunHistory withChangePoints(List<ChangePoint> points) {
        return new RunHistory(folder, plan, calibration, earlier, current, recorded, notes, points);
    }

    /** This history with this run's record written to {@code file}. */
    public RunHistory withCurrent(RunRecord run, String file, List<String> moreNotes) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(moreNotes);
        return new RunHistory(folder, plan, calibration, earlier, run, file, all, changePoints);
    }
}
