package dev.gauntlet.environment;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How the gate knows a service is ready, polled until it holds or the service's {@code startTimeout} passes: an HTTP
 * path answering 2xx (an API), the service's port accepting a connection (a database, a broker, anything on TCP),
 * or a command exiting 0 ({@code pg_isready}-style). A closed choice: every environment handles each.
 */
public sealed interface Readiness permits Readiness.Http, Readiness.Port, Readiness.Command {

    /** {@code GET http://127.0.0.1:PORT/path} answers 2xx. */
    record Http(String path) implements Readiness {
        public Http {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("an HTTP health path starts with '/', got '" + path + "'");
            }
        }

        @Override
        public String describe() {
            return "GET " + path + " answers 2xx";
        }

        @Override
        public String target(URI url) {
            return url.resolve(path) + " should answer HTTP 2xx";
        }
    }

    /** A TCP connect to {@code 127.0.0.1:PORT} is accepted. */
    record Port() implements Readiness {
        @Override
        public String describe() {
            return "its port accepts a connection";
        }

        @Override
        public String target(URI url) {
            return "127.0.0.1:" + url.getPort() + " should accept a connection";
        }
    }

    /**
     * A command exits 0: on the gate's machine for a local service (in the project folder, with the service's
     * placeholders), inside the container for a container ({@code docker exec}).
     */
    record Command(List<String> command) implements Readiness {
        public Command {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("a readiness command needs a program");
            }
        }

        @Override
        public String describe() {
            return "`" + String.join(" ", command) + "` exits 0";
        }

        @Override
        public String target(URI url) {
            return "`" + String.join(" ", command) + "` should exit 0";
        }
    }

    /** What ready means, for messages: {@code GET /health answers 2xx}. */
    String describe();

    /** What the wait expects of the service at {@code url}, for a timeout's message. */
    String target(URI url);

    /** The same readiness with every argument of a command passed through {@code fill} (placeholders). */
    default Readiness filled(UnaryOperator<String> fill) {
        return this instanceof Command c ? new Command(c.command().stream().map(fill).toList()) : this;
    }

    /** The HTTP path, or null when readiness is not an HTTP check. */
    default String httpPath() {
        return this instanceof Http http ? http.path() : null;
    }
}
