package dev.gauntlet.demo;

/** One catalogue entry; serialised as is. */
record Product(String sku, String name, long priceCents, String currency) {
}
