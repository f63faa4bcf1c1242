package io.marketbridge.claim.action;

import io.marketbridge.config.Account;
import io.marketbridge.dispatch.UnitBatch;

/** One account's share of a claim action round (job "claim-actions"): the units its marketplace's claim action route sends. */
public class ClaimActionBatch extends UnitBatch<ClaimActionUnit> {

    /** Exchange property: the batch a marketplace's claim action route sends (set by route claim-action-dispatch). */
    public static final String PROPERTY = "mbClaimActionBatch";

    /** @param route the direct endpoint name of the marketplace's claim action route */
    public ClaimActionBatch(Account account, String route) {
        super(account, route, "claim-actions");
    }
}
