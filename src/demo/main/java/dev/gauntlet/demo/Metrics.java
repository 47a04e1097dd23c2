package dev.gauntlet.demo;

import io.javalin.http.Context;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code GET /metrics} in Prometheus' text exposition format: answers by status class, failed Payments calls (errors,
 * timeouts, open circuit, full bulkhead) and whether Payments answers its health check. The {@code metrics-frozen}
 * defect never counts a failed Payments call.
 */
final class Metrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final boolean frozen;
    private final LongAdder paymentErrors = new LongAdder();
    private final LongAdder[] answers = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
        new LongAdder()};

    Metrics(boolean frozen) {
        this.frozen = frozen;
    }

    /** A Payments call failed. */
    void paymentFailed() {
        if (!frozen) {
            paymentErrors.increment();
        }
    }

    /** An answer was sent (an {@code after} handler). */
    void answered(Context ctx) {
        int c = ctx.statusCode() / 100;
        if (c >= 1 && c <= 5) {
            answers[c - 1].increment();
        }
    }

    void answer(Context ctx, Readiness readiness) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP orders_payments_errors_total Payments calls that failed, timed out or were not made (open circuit, full bulkhead).\n")
                .append("# TYPE orders_payments_errors_total counter\n")
                .append("orders_payments_errors_total ").append(paymentErrors.sum()).append('\n')
                .append("# HELP orders_payments_up Whether Payments answers its health check.\n")
                .append("# TYPE orders_payments_up gauge\n")
                .append("orders_payments_up ").append(readiness.paymentsUp() ? 1 : 0).append('\n')
                .append("# HELP orders_http_responses_total Answers sent, by status class.\n")
                .append("# TYPE orders_http_responses_total counter\n");
        for (int i = 0; i < answers.length; i++) {
            out.append("orders_http_responses_total{code=\"").append(i + 1).append("xx\"} ").append(answers[i].sum())
                    .append('\n');
        }
        ctx.status(200).contentType(CONTENT_TYPE).result(out.toString());
    }
}
