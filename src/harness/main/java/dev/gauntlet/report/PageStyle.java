package dev.gauntlet.report;

/**
 * The page's style for its pictures and wide parts: the page as wide as the window (up to {@link #MAX_WIDTH} px),
 * small multiples that wrap, charts that shrink with the window (a single chart no wider than 1,100 px, so that it
 * stays short), tables, preformatted text and code that scroll inside themselves, so that index.html never scrolls
 * sideways (tested in Chromium at 1400 and 800 px: {@code BrowserReportTest}). The wide tables (objectives, contracts,
 * every check: {@link #WIDE}) take the page's width, their short columns on one line so that the column of words
 * (detail, what was found) gets the most room and the names the next most. In a window narrower than {@link #NARROW}
 * px the objectives' detail goes under its row, as wide as the columns from the name on (CSS grid, no script).
 */
final class PageStyle {
    /** The widest the page's body grows, in CSS pixels. */
    static final int MAX_WIDTH = 1600;

    /** Opens a table that takes the page's width and scrolls inside itself when the window is narrower still. */
    static final String WIDE = "<div class=\"scroll\"><table class=\"wide\">";

    /** Opens the objectives' table: a {@link #WIDE} one whose detail goes under its row in a narrow window. */
    static final String OBJECTIVES = "<div class=\"scroll\"><table class=\"wide objectives\">";

    /** Below this window width the objectives' detail is a line under its row instead of a column. */
    static final int NARROW = 1000;

    static final String CSS = "body{max-width:" + MAX_WIDTH + "px}body>svg{max-width:1100px;display:block}"
            + ".scroll{max-width:100%;overflow-x:auto}.scroll>table.wide{display:table;width:100%}"
            + "table.wide td.num,table.wide td.status{white-space:nowrap}table.wide small.bounds{white-space:normal}"
            + "table.wide th.words{width:40%}table.wide th.name{width:20%}"
            + "table.wide td.said{white-space:normal}"
            + ".multiples{display:flex;flex-wrap:wrap;gap:8px}.multiples figure{margin:0;flex:1 1 400px;"
            + "max-width:560px;min-width:0}figcaption{font-weight:600;font-size:13px}svg{max-width:100%;height:auto}"
            + ".limits{margin:0;font-size:12px;color:#c0262d}"
            + "table{display:block;max-width:100%;overflow-x:auto}pre{white-space:pre-wrap;overflow-wrap:anywhere}"
            + "code{overflow-wrap:anywhere}"
            // narrow: the objectives' table a grid whose rows share its columns (subgrid), the detail under its row
            // (from the name's column to the end) rather than a column of a few words a line; no script
            + "@media (max-width:" + NARROW + "px){.scroll>table.objectives{display:grid;"
            + "grid-template-columns:max-content minmax(12em,1fr) max-content fit-content(10em) fit-content(7em) max-content}"
            + "table.objectives>tbody{display:contents}"
            + "table.objectives tr{display:grid;grid-column:1/-1;grid-template-columns:subgrid}"
            + "table.objectives td,table.objectives th{border:0;border-top:1px solid #ddd}"
            + "table.objectives th.name{width:auto}"
            + "table.objectives th.words{display:none}"
            + "table.objectives td.detail{grid-column:2/-1;border-top:0;padding-top:0;color:#444}}";

    private PageStyle() {
    }
}
