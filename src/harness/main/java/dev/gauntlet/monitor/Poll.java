package dev.gauntlet.monitor;

/**
 * One answer of a polled endpoint.
 *
 * @param t      when it was asked (epoch ms)
 * @param status the HTTP status, or 0 when there was no answer
 * @param up     for a health endpoint: whether it reported healthy (2xx, and no {@code status} of DOWN or fail)
 * @param value  for a metrics endpoint: the series' value, or null (not scraped, or the series is absent)
 * @param note   what the answer said (the health status field), or why there is none
 */
public record Poll(long t, int status, boolean up, Double value, String note) {
}
