package dev.gauntlet.slo;

/**
 * Caches cannot mix callers up ({@code caching:}): scored by {@code dev.gauntlet.cache}, none may break.
 *
 * @param rule which rule of RFC 9111 is checked
 */
public record Caching(String name, Rule rule) implements Objective {
    public Caching {
        java.util.Objects.requireNonNull(rule, "rule");
    }

    /** What a caching objective checks. */
    public enum Rule {
        /** {@code caching: private}: an answer to a caller's credentials is never storable by a shared cache. */
        PRIVATE("private", "publicly cacheable answers to a caller's credentials"),
        /** {@code caching: validators}: an ETag or Last-Modified offered is honoured with 304 (and 200 if changed). */
        VALIDATORS("validators", "validators not honoured"),
        /** {@code caching: per-identity}: under load, no answer for one identity carries another's resources. */
        PER_IDENTITY("per-identity", "answers carrying another identity's resources");

        private final String field;
        private final String counted;

        Rule(String field, String counted) {
            this.field = field;
            this.counted = counted;
        }

        /** The value in the environment file. */
        public String field() {
            return field;
        }

        /** What the measured number counts. */
        public String counted() {
            return counted;
        }
    }

    @Override
    public Kind kind() {
        return Objective.Kind.CACHING;
    }

    @Override
    public Comparison comparison() {
        return Comparison.AT_MOST;
    }

    @Override
    public String describe() {
        return rule.counted() + " " + comparison().symbol() + " 0";
    }
}
