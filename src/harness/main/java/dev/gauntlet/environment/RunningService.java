package dev.gauntlet.environment;

import java.net.URI;
import java.nio.file.Path;

/**
 * A started, healthy service.
 *
 * @param name the service's name
 * @param url  base URL on 127.0.0.1, no trailing slash
 * @param log  file holding the service's output
 * @param pid  process id (local services)
 */
public record RunningService(String name, URI url, Path log, long pid) {
}
