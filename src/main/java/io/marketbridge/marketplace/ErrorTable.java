package io.marketbridge.marketplace;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A marketplace's error policy as data: rows of "answers like this are CONFIGURATION / TRANSIENT / REJECTED, with
 * this message", read top down, the first matching row deciding. An answer no row matches (or a {@link Rule#pass}
 * row) is not a failure and goes back to the calling step. Every message starts with the answer's
 * {@link CallAnswer#what()}. Only a failure a later attempt may not meet again is TRANSIENT (and retried); a key,
 * URL or permission that is wrong is CONFIGURATION, a business refusal REJECTED.
 *
 * @param <A> the answer the rows look at
 */
public final class ErrorTable<A extends CallAnswer> {

    /**
     * One row. {@code type} null: the answer passes. {@code waits}: a TRANSIENT failure carries the answer's
     * Retry-After, which the error handler's redelivery honours (see app/RetryAfterDelay).
     */
    public record Rule<A>(Predicate<A> when, ErrorType type, Function<A, String> text, boolean waits) {

        public Rule {
            if (type == ErrorType.MAPPING) {
                throw new IllegalArgumentException("a call's answer is never a MAPPING error");
            }
        }

        public static <A> Builder<A> when(Predicate<A> when) {
            return new Builder<>(when);
        }
    }

    /** Rule.when(...).configuration(text) and the like. */
    public static final class Builder<A> {
        private final Predicate<A> when;

        private Builder(Predicate<A> when) {
            this.when = when;
        }

        public Rule<A> configuration(Function<A, String> text) {
            return new Rule<>(when, ErrorType.CONFIGURATION, text, false);
        }

        public Rule<A> retry(Function<A, String> text) {
            return new Rule<>(when, ErrorType.TRANSIENT, text, false);
        }

        /** Transient, and the next attempt waits for the answer's Retry-After. */
        public Rule<A> retryAfter(Function<A, String> text) {
            return new Rule<>(when, ErrorType.TRANSIENT, text, true);
        }

        public Rule<A> rejected(Function<A, String> text) {
            return new Rule<>(when, ErrorType.REJECTED, text, false);
        }

        /** Not a failure: the answer goes back to the calling step. */
        public Rule<A> pass() {
            return new Rule<>(when, null, a -> null, false);
        }
    }

    private final List<Rule<A>> rules;

    public ErrorTable(List<Rule<A>> rules) {
        this.rules = List.copyOf(rules);
    }

    @SafeVarargs
    public static <A extends CallAnswer> ErrorTable<A> of(Rule<A>... rules) {
        return new ErrorTable<>(List.of(rules));
    }

    /** The failure the answer is, or empty when it is none. */
    public Optional<MarketplaceException> classify(A answer) {
        for (Rule<A> rule : rules) {
            if (!rule.when().test(answer)) {
                continue;
            }
            if (rule.type() == null) {
                return Optional.empty();
            }
            String message = answer.what() + ": " + rule.text().apply(answer);
            return Optional.of(switch (rule.type()) {
                case CONFIGURATION -> new ConfigurationException(message);
                case TRANSIENT -> new TransientMarketplaceException(message, rule.waits() ? answer.retryAfter() : null);
                case REJECTED -> new RejectedException(answer.rejectCode(), message);
                case MAPPING -> throw new IllegalStateException("unreachable");
            });
        }
        return Optional.empty();
    }

    /** The failure an answer is that the table must judge one (an error status: its last row matches any). */
    public MarketplaceException failure(A answer) {
        return classify(answer).orElseThrow(() -> new IllegalStateException(answer.what()
                + ": no row of the error table judges this answer"));
    }

    /** Throws the failure the answer is; returns when it is none. */
    public void check(A answer) {
        Optional<MarketplaceException> failure = classify(answer);
        if (failure.isPresent()) {
            throw failure.get();
        }
    }
}
