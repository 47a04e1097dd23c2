package dev.gauntlet.report;

import dev.gauntlet.fault.FaultEvidence;

/** The HTML report's cells for whether a fault took effect, and the evidence. */
final class FaultEvidenceHtml {
    private FaultEvidenceHtml() {
    }

    /** Two {@code <td>}: yes (PASS colour) or no (FAIL colour), and expected vs observed. */
    static String cells(FaultEvidence e) {
        if (e == null) {
            return "<td></td><td></td>";
        }
        return (e.tookEffect() ? "<td class=\"PASS\">yes</td>" : "<td class=\"FAIL\">no</td>") + "<td>expected "
                + Html.escape(e.expected()) + "<br>observed " + Html.escape(e.observed()) + "</td>";
    }
}
