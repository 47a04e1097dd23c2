package dev.gauntlet.demo.storefront;

import java.time.Instant;

/** An order as the Orders API returns it; {@code status} is CONFIRMED, PENDING_PAYMENT or CANCELLED. */
public record Order(String id, String sku, int quantity, long totalCents, String currency, String status,
        Instant createdAt) {
}
