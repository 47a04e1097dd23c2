package dev.gauntlet.demo;

import java.time.Instant;

/** A stored order; replaced, never mutated, when its status changes. */
record Order(String id, String customer, String sku, int quantity, long totalCents, String currency, Status status,
        Instant createdAt) {

    enum Status { CONFIRMED, PENDING_PAYMENT, CANCELLED }

    Order withStatus(Status newStatus) {
        return new Order(id, customer, sku, quantity, totalCents, currency, newStatus, createdAt);
    }
}
