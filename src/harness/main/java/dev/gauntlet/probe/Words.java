package dev.gauntlet.probe;

import java.util.regex.Pattern;

/** Whether a provider state's text names someone ({@code customer alice has an order} names alice). */
final class Words {
    private Words() {
    }

    static boolean names(String text, String name) {
        if (text == null || name == null || name.isBlank()) {
            return false;
        }
        return Pattern.compile("(?i)(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(text).find();
    }
}
