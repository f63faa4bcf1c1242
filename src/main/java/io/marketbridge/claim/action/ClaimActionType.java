package io.marketbridge.claim.action;

import io.marketbridge.claim.ClaimType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** MB_CLAIM_ACTION.action: the seller's decisions the runtime sends to a marketplace. */
public enum ClaimActionType {
    /** Let the buyer's cancel go through (the goods have not left). */
    APPROVE_CANCEL(ClaimType.CANCEL),
    /** Refuse the buyer's cancel: the goods already left, with courier and tracking_no. */
    SHIP_INSTEAD(ClaimType.CANCEL),
    /** Accept the buyer's return (the goods came back). */
    APPROVE_RETURN(ClaimType.RETURN),
    /** The seller cancels a line it cannot ship (out of stock, price error); no claim needed. */
    SELLER_CANCEL(null);

    private final ClaimType answers;

    ClaimActionType(ClaimType answers) {
        this.answers = answers;
    }

    /** The claim type this action answers; null for SELLER_CANCEL, which opens a cancel of its own. */
    public ClaimType answers() {
        return answers;
    }

    public boolean needsClaim() {
        return answers != null;
    }

    /** True when the row must give courier and tracking_no. */
    public boolean ships() {
        return this == SHIP_INSTEAD;
    }

    /** The action an MB_CLAIM_ACTION.action value names (any case, surrounding spaces ignored). */
    public static Optional<ClaimActionType> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.name().equals(v)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
