package dev.gauntlet.demo;

import java.time.Instant;

/** A stored order; replaced, never mutated, when its status changes. */
record Order(String id, String customer, String sku, int quantity, long totalCents, String currency, Status status,
        Instant createdAt, Delivery delivery) {

    enum Status { CONFIRMED, PENDING_PAYMENT, CANCELLED }

    /** Where an order goes, if the request said; {@code verified} is the API's own finding, never the caller's. */
    record Delivery(String address, boolean verified) {
    }

    Order(String id, String customer, String sku, int quantity, long totalCents, String currency, Status status,
            Instant createdAt) {
        this(id, customer, sku, quantity, totalCents, currency, status, createdAt, null);
    }

    Order withStatus(Status newStatus) {
        return new Order(id, customer, sku, quantity, totalCents, currency, newStatus, createdAt, delivery);
    }

    Order withDelivery(Delivery newDelivery) {
        return new Order(id, customer, sku, quantity, totalCents, currency, status, createdAt, newDelivery);
    }
}
