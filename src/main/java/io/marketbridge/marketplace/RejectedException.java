package io.marketbridge.marketplace;

/** The marketplace refused a well-formed request for a business reason. Not retried automatically. */
public class RejectedException extends MarketplaceException {

    private final String code;

    public RejectedException(String code, String message) {
        super(ErrorType.REJECTED, message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
