package dev.gauntlet.load;

/** What became of one request, by status class. 429 stands apart: under a rate limit it is the expected answer. */
public enum Outcome {
    /** 1xx, 2xx or 3xx. */
    OK,
    /** 4xx other than 429: the client's mistake, often on purpose (validation, auth checks). */
    CLIENT_ERROR,
    /** 429 Too Many Requests with a {@code Retry-After} header, as a client needs it. */
    RATE_LIMITED,
    /** 429 without {@code Retry-After}: the client cannot know when to come back. */
    RATE_LIMITED_WITHOUT_RETRY_AFTER,
    /** 5xx. */
    SERVER_ERROR,
    /** No HTTP answer at all: refused, reset, timed out. */
    NO_RESPONSE;

    private static final Outcome[] VALUES = values();

    /** Classifies an answer; a 429 is only {@link #RATE_LIMITED} when it said when to retry. */
    public static Outcome of(int status, boolean retryAfter) {
        Outcome o = of(status);
        return o == RATE_LIMITED && !retryAfter ? RATE_LIMITED_WITHOUT_RETRY_AFTER : o;
    }

    /** Whether this is a 429, with or without {@code Retry-After}. */
    public boolean isRateLimited() {
        return this == RATE_LIMITED || this == RATE_LIMITED_WITHOUT_RETRY_AFTER;
    }

    /** Classifies an HTTP status; 0 (or any non-HTTP value) means there was no answer. */
    public static Outcome of(int status) {
        if (status < 100) {
            return NO_RESPONSE;
        }
        if (status < 400) {
            return OK;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        return status < 500 ? CLIENT_ERROR : status < 600 ? SERVER_ERROR : NO_RESPONSE;
    }

    /** Whether this outcome spends the error budget: 5xx and no answer. */
    public boolean isError() {
        return this == SERVER_ERROR || this == NO_RESPONSE;
    }

    static Outcome at(int ordinal) {
        return VALUES[ordinal];
    }
}
