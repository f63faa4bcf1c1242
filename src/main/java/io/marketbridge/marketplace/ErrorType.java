package io.marketbridge.marketplace;

/** How a failure is handled: retried, surfaced to the operator, or kept for replay. */
public enum ErrorType {
    /** A key, id, URL or permission is wrong: the account stops until someone fixes its configuration. */
    CONFIGURATION,
    /** Timeouts, 5xx, 429, broken bodies: retried with backoff, the window is polled again next time. */
    TRANSIENT,
    /** The marketplace said no to a well-formed request (business rule); not retried automatically. */
    REJECTED,
    /** A payload that cannot be mapped to the canonical model; kept in MB_INTAKE_ERROR for replay. */
    MAPPING
}
