package dev.gauntlet.demo.storefront;

import java.util.Objects;
import java.util.Optional;

/** The answer to placing an order: the order, how it was placed, and where it lives. */
public record PlacedOrder(Order order, Outcome outcome, Optional<String> location) {

    public enum Outcome {
        /** 201: placed and charged. */
        CREATED,
        /** 202: placed, but Payments could not charge it yet (degraded answer). */
        PAYMENT_PENDING,
        /** 200: the same Idempotency-Key was used before; this is the earlier order, not charged again. */
        REPLAYED
    }

    public PlacedOrder {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(location, "location");
    }
}
