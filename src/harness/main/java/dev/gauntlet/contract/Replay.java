package dev.gauntlet.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * How one interaction of the contracts became load traffic ({@code load.from: contracts}), or why it was left out.
 * The gate decides it before the load starts; the load worker replays what it says; the report shows it.
 *
 * @param consumer     the pact's consumer
 * @param interaction  the interaction's description
 * @param pact         the pact file (absolute)
 * @param index        the interaction's position in the pact file
 * @param method       HTTP method
 * @param path         the request path as the pact writes it (an example, before generators)
 * @param operation    operation name as coverage and objectives spell it ({@code GET /orders/{id}})
 * @param states       provider states the interaction needs, in order
 * @param how          how it became traffic
 * @param detail       which values are filled in and from where; for {@link How#LEFT_OUT} the reason
 * @param sharePercent share of the visits that replay it (0 when left out); all shares add up to 100
 */
public record Replay(String consumer, String interaction, String pact, int index, String method, String path,
                     String operation, List<String> states, How how, String detail, double sharePercent) {
    public Replay {
        Objects.requireNonNull(how, "how");
        states = List.copyOf(states);
    }

    /** How an interaction becomes traffic. */
    public enum How {
        /** Its request is sent exactly as the pact writes it. */
        AS_IS("as-is"),
        /** Sent as written, with values from provider states set up once before the warm-up. */
        STATE_ONCE("state-once"),
        /** Its generators give fresh values (ids, keys, dates) on every request. */
        FRESH_VALUES("fresh-values"),
        /** Its provider states are set up again before every request, so each request has its own resource. */
        STATE_PER_VISIT("state-per-visit"),
        /** Not replayed; {@link Replay#detail()} says why. */
        LEFT_OUT("left-out");

        private final String label;

        How(String label) {
            this.label = label;
        }

        /** {@code as-is}, {@code state-once}, {@code fresh-values}, {@code state-per-visit}, {@code left-out}. */
        @JsonValue
        public String label() {
            return label;
        }
    }

    /** Whether it was left out of the traffic. */
    public boolean leftOut() {
        return how == How.LEFT_OUT;
    }

    /** {@code storefront / a request to place an order}. */
    public String name() {
        return consumer + " / " + interaction;
    }

    /** This replay left out for {@code reason}. */
    Replay leaveOut(String reason) {
        return new Replay(consumer, interaction, pact, index, method, path, operation, states, How.LEFT_OUT, reason, 0);
    }

    /** This replay with its share of the visits. */
    Replay withShare(double percent) {
        return new Replay(consumer, interaction, pact, index, method, path, operation, states, how, detail, percent);
    }
}
