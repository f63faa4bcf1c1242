package io.marketbridge.claim.action;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why the seller cancels (SELLER_CANCEL): MB_CLAIM_ACTION.reason starts with one of these codes, optionally
 * followed by ':' and a text for the marketplaces that take one ("OUT_OF_STOCK: supplier discontinued it").
 * Each marketplace maps the code to its own.
 */
public enum SellerCancelReason {
    OUT_OF_STOCK, PRICE_ERROR;

    /** The reason's code, or empty when the text does not start with a known one. */
    public static Optional<SellerCancelReason> of(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        String code = reason.split("[:\\s]", 2)[0].trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }

    /** The text after the code ("" when none). */
    public static String text(String reason) {
        String[] parts = reason == null ? new String[0] : reason.trim().split("[:\\s]", 2);
        return parts.length < 2 ? "" : parts[1].replaceFirst("^[:\\s]+", "").trim();
    }
}
