package dev.gauntlet.report;

/**
 * The page's style for its pictures and wide parts: small multiples that wrap, charts that shrink with the window, and
 * tables, preformatted text and code that scroll inside themselves, so that index.html never scrolls sideways (tested
 * in Chromium at 1400 and 800 px: {@code BrowserReportTest}).
 */
final class PageStyle {
    static final String CSS = ".multiples{display:flex;flex-wrap:wrap;gap:8px}.multiples figure{margin:0;flex:1 1 400px;"
            + "max-width:560px;min-width:0}figcaption{font-weight:600;font-size:13px}svg{max-width:100%;height:auto}"
            + ".limits{margin:0;font-size:12px;color:#c0262d}"
            + "table{display:block;max-width:100%;overflow-x:auto}pre{white-space:pre-wrap;overflow-wrap:anywhere}"
            + "code{overflow-wrap:anywhere}";

    private PageStyle() {
    }
}
