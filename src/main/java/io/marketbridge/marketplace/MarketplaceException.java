package io.marketbridge.marketplace;

/** A typed failure of a marketplace call or mapping. Messages never carry keys or personal data. */
public class MarketplaceException extends RuntimeException {

    private final ErrorType type;

    public MarketplaceException(ErrorType type, String message) {
        super(message);
        this.type = type;
    }

    public MarketplaceException(ErrorType type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }
}
