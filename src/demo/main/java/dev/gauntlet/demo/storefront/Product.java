package dev.gauntlet.demo.storefront;

/** A catalogue entry as the storefront shows it. */
public record Product(String sku, String name, long priceCents, String currency) {
}
