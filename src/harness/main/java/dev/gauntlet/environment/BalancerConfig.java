package dev.gauntlet.environment;

import dev.gauntlet.files.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a balancer's HAProxy configuration into the run folder once its replicas have started. */
final class BalancerConfig {
    private BalancerConfig() {
    }

    /**
     * @param values the balancer's placeholders: {@code services.REPLICA.port} is each replica's port as the balancer
     *               reaches it (the gate's TCP proxy's, for a replica reached through it)
     * @return the file written
     */
    static Path write(ServiceSpec balancer, int port, Map<String, String> values, Path runDir) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String r : balancer.balancer().replicas()) {
            String p = values.get("services." + r + ".port");
            if (p == null) {
                throw new EnvironmentException(balancer.name(), "starts before its replica " + r, "");
            }
            ports.put(r, Integer.parseInt(p));
        }
        Path file = RunFiles.balancerConfig(runDir, balancer.name());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, balancer.balancer().config(port, ports));
        } catch (IOException e) {
            throw new EnvironmentException(balancer.name(), "could not write its HAProxy configuration " + file + ": "
                    + e.getMessage(), "");
        }
        return file.toAbsolutePath();
    }
}
