package dev.gauntlet.demo.storefront;

import java.time.Duration;
import java.util.Optional;

/**
 * The Orders API answered with an error: its HTTP status and the problem's title and detail; for 429 (and 503)
 * also how long to wait before retrying, from {@code Retry-After}.
 */
public final class OrdersApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final Duration retryAfter;

    public OrdersApiException(int status, String title, String detail, Duration retryAfter) {
        super("Orders API answered " + status + (title.isEmpty() ? "" : " " + title)
                + (detail.isEmpty() ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isRateLimited() {
        return status == 429;
    }
}
