package io.marketbridge.claim.action;

import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.dispatch.Decided;
import io.marketbridge.dispatch.Outcomes;
import io.marketbridge.marketplace.MarketplaceConversation;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.marketplace.RejectedException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.shipment.Courier;
import io.marketbridge.shipment.Couriers;
import io.marketbridge.shipment.ShipmentStatus;
import io.marketbridge.shipment.ShipmentStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared half of the claim action flow (routes/claims.camel.yaml): claims due MB_CLAIM_ACTION rows, resolves
 * each to the claim it answers in MB_CLAIM (or, for SELLER_CANCEL, to the delivered line), checks it (rejecting at
 * once, without a call, what cannot be right or what the marketplace's connector does not support), hands the rest
 * per account to the marketplace's claim action route, and records what that route made of each unit.
 */
public class ClaimActionDispatch {

    private static final Logger LOG = LoggerFactory.getLogger("io.marketbridge.claim-actions");

    private final ClaimActionStore store;
    private final ShipmentStore shipments;
    private final Couriers couriers;
    private final AccountRegistry accounts;
    private final ClaimActionSettings settings;
    private final Clock clock;

    public ClaimActionDispatch(ClaimActionStore store, ShipmentStore shipments, Couriers couriers, AccountRegistry accounts,
                               ClaimActionSettings settings, Clock clock) {
        this.store = store;
        this.shipments = shipments;
        this.couriers = couriers;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    private static Decided rejected(String code, String message) {
        return Decided.rejected(code, message);
    }

    /**
     * Route step: claims a round of rows, one {@link ClaimActionBatch} per account (rows decided without a call are
     * already recorded); the round is full when it took as many rows as it may.
     */
    public ClaimActionRound claim() throws SQLException {
        Instant now = clock.instant();
        List<ClaimActionRow> rows = store.claim(settings.rows().batchSize(), now);
        Map<String, ClaimActionBatch> batches = new LinkedHashMap<>();
        // one round acts on a claim (or a seller-cancelled line) once; a second row for it waits for the next round
        Set<String> targets = new HashSet<>();
        Map<String, Outcomes> decided = new TreeMap<>();
        for (ClaimActionRow row : rows) {
            String outcome;
            try {
                ClaimActionUnit unit = plan(row);
                String target = unit.getAccount().id() + "|" + (unit.getClaim() != null ? unit.getClaim().claimId()
                        : unit.getOrderId() + "|" + unit.getLine().lineId());
                if (!targets.add(target)) {
                    store.release(row.id(), clock.instant());
                    continue;
                }
                MarketplaceConnector connector = accounts.connector(unit.getAccount());
                batches.computeIfAbsent(unit.getAccount().id(), id -> new ClaimActionBatch(unit.getAccount(),
                        connector.claimActionsRoute())).getUnits().add(unit);
                continue;
            } catch (Decided d) {
                outcome = d.status();
                finishRow(row, d.status(), d.code(), d.getMessage(), null, false, null);
            } catch (RuntimeException e) {
                outcome = ShipmentStatus.FAILED;
                finishRow(row, ShipmentStatus.FAILED, "INTERNAL", e.toString(), null, true, null);
            }
            decided.computeIfAbsent(row.accountId() == null ? "?" : row.accountId(), a -> new Outcomes()).add(outcome);
        }
        decided.forEach((account, n) -> LOG.info("account={} job=claim-actions checked before any call: sent={} (already"
                + " done) rejected={} failed={}", account, n.sent(), n.rejected(), n.failed()));
        return new ClaimActionRound(new ArrayList<>(batches.values()), rows.size() >= settings.rows().batchSize());
    }

    /** The unit a row becomes, or the outcome it gets without a call. */
    ClaimActionUnit plan(ClaimActionRow row) throws Decided, SQLException {
        // 1. what the row names must exist
        String missing = row.marketplace() == null ? "marketplace" : row.accountId() == null ? "account_id"
                : row.action() == null ? "action" : null;
        if (missing != null) {
            throw rejected("MISSING_VALUE", missing + " is empty");
        }
        ClaimActionType action = ClaimActionType.of(row.action()).orElseThrow(() -> rejected("UNKNOWN_ACTION",
                "action '" + row.action() + "' is not one of " + String.join(", ", ClaimActionType.names())));
        Marketplace marketplace = Decided.marketplace(row.marketplace(), "");
        Account account = Decided.account(accounts, row.accountId(), marketplace, "");
        MarketplaceConnector connector = accounts.connector(account);
        // 2. what the marketplace's connector cannot send is refused before anything else is looked up
        if (connector.claimActionsRoute() == null || !connector.claimActions().contains(action)) {
            String why = connector.claimActionNotSupported(action);
            throw rejected("NOT_SUPPORTED", action + " is not supported for " + marketplace.code() + ": "
                    + (why == null ? "its connector has no call for it" : why) + " (account " + account.id() + ")");
        }
        Decided.requireEnabled(account);
        // 3. SHIP_INSTEAD's courier and number
        Courier courier = null;
        String courierCode = null;
        String tracking = null;
        if (action.ships()) {
            if (row.courier() == null || row.trackingNo() == null) {
                throw rejected("MISSING_VALUE", (row.courier() == null ? "courier" : "tracking_no") + " is empty: "
                        + action + " needs the courier and tracking_no the goods left with");
            }
            courier = couriers.resolve(row.courier()).orElseThrow(() -> rejected("UNKNOWN_COURIER",
                    "courier '" + row.courier() + "' is unknown (account " + account.id() + ")"));
            Courier c = courier;
            courierCode = couriers.nativeCode(courier, marketplace).orElseThrow(() -> rejected("UNMAPPED_COURIER",
                    "courier '" + row.courier() + "' (" + c.code() + ") has no " + marketplace.code() + " code (account "
                            + account.id() + ")"));
            tracking = Couriers.normalizeTracking(row.trackingNo());
            Optional<String> badNumber = couriers.checkTracking(courier, tracking);
            if (badNumber.isPresent()) {
                throw rejected("INVALID_TRACKING_NO", badNumber.get());
            }
        }
        // 4. SELLER_CANCEL: a delivered line and a reason
        if (!action.needsClaim()) {
            if (row.orderId() == null || row.lineId() == null) {
                throw rejected("MISSING_VALUE", (row.orderId() == null ? "order_id" : "line_id") + " is empty: "
                        + action + " names the order line to cancel");
            }
            SellerCancelReason reason = SellerCancelReason.of(row.reason()).orElseThrow(() -> rejected("INVALID_REASON",
                    "reason must start with one of " + Arrays.toString(SellerCancelReason.values()) + " for " + action));
            List<ShipmentStore.DeliveredLine> delivered = shipments.deliveredLines(marketplace, account.id(), row.orderId());
            if (delivered.isEmpty()) {
                throw rejected("UNKNOWN_ORDER", "order '" + row.orderId() + "' of account " + account.id()
                        + " was never delivered by Market Bridge");
            }
            ShipmentStore.DeliveredLine line = delivered.stream().filter(l -> l.lineId().equals(row.lineId())).findFirst()
                    .orElseThrow(() -> rejected("UNKNOWN_LINE", "line '" + row.lineId() + "' is not a line of order '"
                            + row.orderId() + "'"));
            return new ClaimActionUnit(row, account, marketplace, action, null, row.orderId(), line, reason,
                    SellerCancelReason.text(row.reason()), null, null, null);
        }
        // 5. the claim answered: by claim_id, or the latest open claim of the order line
        RecordedClaim claim;
        if (row.claimId() != null) {
            claim = store.claimById(marketplace, account.id(), row.claimId()).orElseThrow(() -> rejected("UNKNOWN_CLAIM",
                    "claim_id '" + row.claimId() + "' of account " + account.id() + " is not in MB_CLAIM"));
        } else if (row.orderId() != null && row.lineId() != null) {
            claim = store.openClaimOfLine(marketplace, account.id(), row.orderId(), row.lineId(), action.answers())
                    .orElseThrow(() -> rejected("UNKNOWN_CLAIM", "line '" + row.lineId() + "' of order '" + row.orderId()
                            + "' (account " + account.id() + ") has no open claim in MB_CLAIM"));
        } else {
            throw rejected("MISSING_VALUE", "claim_id is empty, and so is " + (row.orderId() == null ? "order_id" : "line_id")
                    + ": " + action + " needs claim_id, or order_id and line_id");
        }
        if (claim.type() != action.answers()) {
            throw rejected("WRONG_CLAIM_TYPE", action + " answers a " + action.answers() + " claim; claim '"
                    + claim.claimId() + "' is a " + claim.type());
        }
        if (claim.status() == ClaimStatus.COMPLETED && action != ClaimActionType.SHIP_INSTEAD) {
            throw new Decided(ShipmentStatus.SENT, "ALREADY_DONE", "claim '" + claim.claimId() + "' is COMPLETED already");
        }
        if (!claim.isOpen()) {
            throw rejected("CLAIM_CLOSED", "claim '" + claim.claimId() + "' is " + claim.status() + ": " + action
                    + " no longer applies");
        }
        return new ClaimActionUnit(row, account, marketplace, action, claim, claim.orderId(), null, null, null,
                courier, courierCode, tracking);
    }

    // ------------------------------------------------------------ outcomes

    /**
     * Route step (doCatch around one call): the marketplace refused the call (RejectedException); the unit reads
     * once, when its marketplace can, to tell "already done" from a refusal.
     */
    public void refused(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit,
                        @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) RejectedException refusal) {
        unit.refused(MarketplaceConversation.refusalCode(refusal), refusal.getMessage());
    }

    /** Route step (doCatch of a unit): the exception that ended the unit's conversation becomes its outcome. */
    public void unitFailed(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        unit.failedBy(caught);
    }

    /** Route step after each unit: the row gets the unit's outcome. */
    public void recordUnit(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit,
                           @ExchangeProperty(ClaimActionBatch.PROPERTY) ClaimActionBatch batch) throws SQLException {
        if (!unit.isFinished()) {
            unit.failed("UNSETTLED", "the conversation with the marketplace ended without an answer", null);
        }
        finishRow(unit.getRow(), unit.getOutcome(), unit.getResultCode(), unit.getResultMessage(), unit.getRetryAfter(),
                !ShipmentStatus.SENT.equals(unit.getOutcome()), unit.getClaim() == null ? null : unit.getClaim().claimId());
        if (batch != null) {
            batch.count(unit.getOutcome());
        }
    }

    private void finishRow(ClaimActionRow row, String status, String code, String message, Duration retryAfter,
                           boolean countAttempt, String resolvedClaimId) throws SQLException {
        Instant now = clock.instant();
        Instant next = null;
        if (ShipmentStatus.FAILED.equals(status)) {
            int attempt = row.attempts() + 1;
            next = settings.rows().backoff().nextAttempt(attempt, retryAfter, now);
            if (next == null) {
                message = "gave up after " + attempt + " attempts: " + message;
            }
        }
        store.finish(row.id(), status, code, message, countAttempt || ShipmentStatus.SENT.equals(status), next,
                resolvedClaimId, now);
    }

    /** Route step after a batch: its log line (ids and counts only) and counters. */
    public void finishBatch(@ExchangeProperty(ClaimActionBatch.PROPERTY) ClaimActionBatch batch, CamelContext camel) {
        batch.report(LOG, camel, "marketbridge.claim.actions");
    }

    /** Route step when a round fails as a whole (the database is unreachable): one line, the next round retries. */
    public void roundFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable e) {
        LOG.error("claim actions: dispatch round failed, retried next round: {}", e == null ? "unknown error" : e.toString());
    }
}
