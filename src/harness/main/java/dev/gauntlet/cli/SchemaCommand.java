package dev.gauntlet.cli;

import dev.gauntlet.config.EnvironmentSchema;
import dev.gauntlet.gate.Gate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gauntlet schema}: the JSON Schema of environment files, generated from the configuration model, for editors
 * (the project keeps a copy in {@value EnvironmentSchema#FILE}, which the shipped files name on their first line).
 */
@Command(name = "schema", description = "Print the JSON Schema of environment files (the project keeps it in "
        + EnvironmentSchema.FILE + "; editors complete and check files that name it).")
final class SchemaCommand implements Callable<Integer> {
    @Option(names = "--out", description = "write it to this file instead of printing it")
    Path out;

    @Override
    public Integer call() {
        if (out == null) {
            System.out.print(EnvironmentSchema.text());
            return Gate.PASSED;
        }
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Files.writeString(out, EnvironmentSchema.text());
            System.out.println("wrote " + out);
            return Gate.PASSED;
        } catch (IOException e) {
            System.err.println("gauntlet: schema: cannot write " + out + ": " + e.getMessage());
            return Gate.USAGE;
        }
    }
}
