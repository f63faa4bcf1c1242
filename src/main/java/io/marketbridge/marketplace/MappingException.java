package io.marketbridge.marketplace;

/** A payload could not be mapped. The message names the field, never its (possibly personal) value. */
public class MappingException extends MarketplaceException {
    public MappingException(String message) {
        super(ErrorType.MAPPING, message);
    }

    public MappingException(String message, Throwable cause) {
        super(ErrorType.MAPPING, message, cause);
    }
}
