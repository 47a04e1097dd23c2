package dev.gauntlet.contract;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.FileSource;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.UnknownPactSource;
import au.com.dius.pact.core.support.json.JsonParser;
import au.com.dius.pact.core.support.json.JsonValue;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One pact of the run, read once: from the contracts folder or from the Pact Broker.
 *
 * @param origin  where it came from: the file ({@code contracts/storefront-orders-api.json}) or the broker's URL
 * @param pending whether its findings WARN instead of failing (the broker marks it pending); false for a file
 * @param pact    the pact as pact-jvm reads it
 * @param json    its JSON text (what a load worker reads it from)
 * @param broker  the broker's answer for it (where to publish its result), or null for a file
 */
public record ContractPact(String origin, boolean pending, Pact pact, String json, Broker.BrokerPact broker) {
    public ContractPact {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(pact, "pact");
        Objects.requireNonNull(json, "json");
    }

    /** A pact read from {@code file} whose text is {@code json}. */
    static ContractPact file(Path file, String json) {
        Pact pact = DefaultPactReader.INSTANCE.pactFromJson(object(json), new FileSource(file.toFile(), null));
        return new ContractPact(file.toString(), false, pact, json, null);
    }

    /** A pact the broker selected. */
    static ContractPact broker(Broker.BrokerPact p) {
        return new ContractPact(p.url(), p.pending(), p.pact(), p.json(), p);
    }

    /** Reads a pact's JSON text as {@link #json()} holds it. */
    static Pact read(String json) {
        return DefaultPactReader.INSTANCE.pactFromJson(object(json), UnknownPactSource.INSTANCE);
    }

    private static JsonValue.Object object(String json) {
        JsonValue value = JsonParser.parseString(json);
        if (!value.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return value.asObject();
    }

    public String consumer() {
        return pact.getConsumer().getName();
    }

    public String provider() {
        return pact.getProvider().getName();
    }

    /** Whether it came from the Pact Broker. */
    public boolean fromBroker() {
        return broker != null;
    }

    /**
     * Where it is, as a load worker finds it: the file's absolute path or the broker's URL (the key of
     * {@link ContractTraffic#pacts()}).
     */
    String location() {
        return broker == null ? Path.of(origin).toAbsolutePath().toString() : origin;
    }

    /** As the report lists the pacts verified: the origin, with the broker's pending status. */
    String label() {
        if (broker == null || !pending) {
            return origin;
        }
        return origin + " (pending" + (broker.wip() ? ", work in progress)" : ")");
    }
}
