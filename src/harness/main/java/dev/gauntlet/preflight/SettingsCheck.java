package dev.gauntlet.preflight;

import dev.gauntlet.load.Setting;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.config.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code load.settings} against the settings the simulation declares: no unknown key, every value of its type. */
final class SettingsCheck {
    private SettingsCheck() {
    }

    /**
     * @param spec       the environment, for the file that wrote each setting
     * @param simulation the simulation's name, for messages
     * @param declared   what the simulation reads
     * @return notes on settings that were inherited from an extended file naming another simulation, and ignored
     * @throws dev.gauntlet.config.ConfigException on the first unknown key or bad value
     */
    static List<String> check(GateSpec spec, String simulation, List<Setting> declared) {
        List<String> notes = new ArrayList<>();
        Map<String, Setting> byName = new LinkedHashMap<>();
        declared.forEach(s -> byName.put(s.name(), s));
        for (Map.Entry<String, String> given : new TreeMap<>(spec.load().settings()).entrySet()) {
            String field = "load.settings." + given.getKey();
            Setting setting = byName.get(given.getKey());
            Path writtenIn = spec.origins().fileOf(field);
            if (setting == null && !writtenIn.equals(spec.file())
                    && !writtenIn.equals(spec.origins().fileOf("load.simulation"))) {
                // inherited with an extended file that names another simulation: its settings are not for this one
                notes.add(field + " (from " + writtenIn + ") is not read by " + simulation + ": ignored");
                continue;
            }
            if (setting == null) {
                throw spec.error(field, "unknown setting: " + simulation + " does not read '" + given.getKey() + "'"
                        + Names.didYouMean(given.getKey(), byName.keySet()) + "; it reads: "
                        + Names.list(byName.keySet()) + " (gauntlet settings " + simpleName(simulation)
                        + " lists them)");
            }
            try {
                setting.type().check(given.getValue());
            } catch (IllegalArgumentException e) {
                throw spec.error(field, e.getMessage() + " (" + given.getKey() + " is a " + setting.type().label()
                        + " setting" + (setting.meaning().isEmpty() ? "" : ": " + setting.meaning()) + ")");
            }
        }
        return notes;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
