package io.marketbridge.shipment;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.dispatch.Outcomes;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.order.Marketplace;
import io.marketbridge.claim.ClaimLines;
import io.marketbridge.order.OrderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared half of the shipment flow (routes/shipments.camel.yaml): claims due MB_SHIPMENT rows, checks
 * each against what the runtime delivered and the courier table (rejecting at once, without a call, what
 * cannot be right), groups the rest into the marketplace's shipping units per account, and records what
 * the marketplace's ship route made of each unit.
 */
public class ShipmentDispatch {

    private static final Logger LOG = LoggerFactory.getLogger("io.marketbridge.shipments");
    /** Line statuses that mean the buyer asked to cancel or return: never ship those. */
    private static final Set<String> NOT_SHIPPABLE = Set.of("CANCEL_REQUESTED", "CANCELLED", "RETURN_REQUESTED",
            "RETURNED", "EXCHANGE_REQUESTED", "EXCHANGED");

    /** Line statuses a cancel gives. */
    private static final Set<String> CANCELLED_BY_CLAIM = Set.of("CANCEL_REQUESTED", "CANCELLED");

    private final ShipmentStore store;
    private final Couriers couriers;
    private final AccountRegistry accounts;
    private final ShipmentSettings settings;
    private final Clock clock;
    /** Open rows per account and status, refreshed each round, read by the gauges and the health check. */
    private final Map<String, Map<String, AtomicLong>> open = new ConcurrentHashMap<>();
    private volatile Instant countsAt = Instant.EPOCH;

    public ShipmentDispatch(ShipmentStore store, Couriers couriers, AccountRegistry accounts, ShipmentSettings settings, Clock clock) {
        this.store = store;
        this.couriers = couriers;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    /** Row -> the units it is sent in, and how many of them are still open, for one round. */
    private static final class RowState {
        final ShipmentRow row;
        final List<ShipUnit> units = new ArrayList<>();
        String courierCode;
        /** Set when the row was decided without a call to the marketplace. */
        String outcome;

        RowState(ShipmentRow row) {
            this.row = row;
        }
    }

    private final Map<Long, RowState> inFlight = new ConcurrentHashMap<>();

    /**
     * Route step: claims a round of rows, one {@link ShipBatch} per account (rows decided without a call are
     * already recorded); the round is full when it took as many rows as it may.
     */
    public ShipRound claim() throws SQLException {
        Instant now = clock.instant();
        List<ShipmentRow> rows = store.claim(settings.rows().batchSize(), now);
        Map<String, ShipBatch> batches = new LinkedHashMap<>();
        // units of this round by (account, order, shipping unit, courier, number, update)
        Map<String, ShipUnit> units = new HashMap<>();
        // line -> the number it goes out with in this round, so one round never sends a line two numbers
        Map<String, String> lineNumbers = new HashMap<>();
        // account -> rows decided here, without a call: {sent, rejected, failed}
        Map<String, Outcomes> decided = new TreeMap<>();
        for (ShipmentRow row : rows) {
            RowState state = new RowState(row);
            try {
                plan(state, batches, units, lineNumbers, now);
            } catch (RuntimeException e) {
                finishRow(state, ShipmentStatus.FAILED, "INTERNAL", e.toString(), null, true);
            }
            if (state.outcome != null) {
                decided.computeIfAbsent(row.accountId() == null ? "?" : row.accountId(), a -> new Outcomes()).add(state.outcome);
            }
        }
        decided.forEach((account, n) -> LOG.info("account={} job=shipments checked before any call: sent={} (already sent)"
                + " rejected={} failed={}", account, n.sent(), n.rejected(), n.failed()));
        return new ShipRound(new ArrayList<>(batches.values()), rows.size() >= settings.rows().batchSize());
    }

    private void plan(RowState state, Map<String, ShipBatch> batches, Map<String, ShipUnit> units,
                      Map<String, String> lineNumbers, Instant now) throws SQLException {
        ShipmentRow row = state.row;
        // 1. what the row names must exist
        String missing = row.marketplace() == null ? "marketplace" : row.accountId() == null ? "account_id"
                : row.orderId() == null ? "order_id" : row.courier() == null ? "courier" : null;
        if (missing != null) {
            reject(state, "MISSING_VALUE", missing + " is empty");
            return;
        }
        Marketplace marketplace;
        try {
            marketplace = Marketplace.fromCode(row.marketplace());
        } catch (IllegalArgumentException e) {
            reject(state, "UNKNOWN_MARKETPLACE", "marketplace '" + row.marketplace() + "' is not one of " + marketplaceCodes());
            return;
        }
        Optional<Account> found = accounts.accounts().stream().filter(a -> a.id().equals(row.accountId())).findFirst();
        if (found.isEmpty()) {
            String why = accounts.rejected().get(row.accountId());
            if (why != null) { // configured, but its block has an error: worth retrying once fixed
                finishRow(state, ShipmentStatus.FAILED, "ACCOUNT_DISABLED", "account '" + row.accountId()
                        + "' is disabled by a configuration error: " + why, null, true);
            } else {
                reject(state, "UNKNOWN_ACCOUNT", "account '" + row.accountId() + "' is not configured");
            }
            return;
        }
        Account account = found.get();
        MarketplaceConnector connector = accounts.connector(account);
        if (!connector.serves(marketplace)) {
            reject(state, "WRONG_MARKETPLACE", "account '" + account.id() + "' is a " + connector.key()
                    + " account, not " + marketplace.code());
            return;
        }
        if (connector.shipRoute() == null) {
            reject(state, "NOT_SUPPORTED", "shipping to " + marketplace.code() + " is not supported yet");
            return;
        }
        if (!account.enabled()) {
            finishRow(state, ShipmentStatus.FAILED, "ACCOUNT_DISABLED", "account '" + account.id() + "' is disabled", null, true);
            return;
        }
        // 2. the courier and the number
        Optional<Courier> courier = couriers.resolve(row.courier());
        if (courier.isEmpty()) {
            reject(state, "UNKNOWN_COURIER", "courier '" + row.courier() + "' is unknown (account " + account.id() + ")");
            return;
        }
        Optional<String> courierCode = couriers.nativeCode(courier.get(), marketplace);
        if (courierCode.isEmpty()) {
            reject(state, "UNMAPPED_COURIER", "courier '" + row.courier() + "' (" + courier.get().code() + ") has no "
                    + marketplace.code() + " code (account " + account.id() + ")");
            return;
        }
        state.courierCode = courier.get().code();
        String tracking = row.trackingNo() == null ? "" : Couriers.normalizeTracking(row.trackingNo());
        Optional<String> badNumber = couriers.checkTracking(courier.get(), tracking);
        if (badNumber.isPresent()) {
            reject(state, "INVALID_TRACKING_NO", badNumber.get());
            return;
        }
        // 3. the order and the lines must be ones the runtime delivered, and still shippable
        List<ShipmentStore.DeliveredLine> delivered = store.deliveredLines(marketplace, account.id(), row.orderId());
        if (delivered.isEmpty()) {
            reject(state, "UNKNOWN_ORDER", "order '" + row.orderId() + "' of account " + account.id()
                    + " was never delivered by Market Bridge");
            return;
        }
        delivered = withCancelClaims(marketplace, account.id(), row.orderId(), delivered);
        Map<String, ShipmentStore.ShippedLine> shipped = store.shippedLines(marketplace, account.id(), row.orderId());
        List<ShipmentStore.DeliveredLine> chosen = new ArrayList<>();
        if (row.lineId() != null) {
            Optional<ShipmentStore.DeliveredLine> line = delivered.stream().filter(l -> l.lineId().equals(row.lineId())).findFirst();
            if (line.isEmpty()) {
                reject(state, "UNKNOWN_LINE", "line '" + row.lineId() + "' is not a line of order '" + row.orderId() + "'");
                return;
            }
            chosen.add(line.get());
        } else {
            for (ShipmentStore.DeliveredLine l : delivered) {
                ShipmentStore.ShippedLine s = shipped.get(l.lineId());
                if ((s == null || sameNumber(s, state.courierCode, tracking)) && !NOT_SHIPPABLE.contains(l.status())) {
                    chosen.add(l); // the unshipped lines (and those already sent with this very number)
                }
            }
            Optional<ShipmentStore.DeliveredLine> cancelled = delivered.stream()
                    .filter(l -> !shipped.containsKey(l.lineId()) && CANCELLED_BY_CLAIM.contains(l.status())).findFirst();
            if (chosen.isEmpty() && cancelled.isPresent()) {
                reject(state, cancelCode(cancelled.get().status()), "every line of order '" + row.orderId() + "' not shipped"
                        + " yet has a cancel (" + cancelled.get().status() + "): it must not be shipped");
                return;
            }
            if (chosen.isEmpty()) {
                reject(state, "ALREADY_SHIPPED", "every line of order '" + row.orderId() + "' was already shipped with"
                        + " another tracking number or cannot be shipped; give a line_id to change a line's number");
                return;
            }
        }
        for (ShipmentStore.DeliveredLine l : chosen) {
            if (NOT_SHIPPABLE.contains(l.status())) {
                reject(state, cancelCode(l.status()), "line '" + l.lineId() + "' of order '" + row.orderId() + "' is "
                        + l.status() + ": it must not be shipped");
                return;
            }
        }
        // 4. one round sends a line once: a second number for a line in this round waits for the next one
        for (ShipmentStore.DeliveredLine l : chosen) {
            String key = account.id() + "|" + row.orderId() + "|" + l.lineId();
            String number = state.courierCode + "|" + tracking;
            if (lineNumbers.containsKey(key) && !lineNumbers.get(key).equals(number)) {
                store.release(row.id(), clock.instant());
                return;
            }
        }
        // 5. lines already sent with this number need no call; the rest go out in units
        List<ShipmentStore.DeliveredLine> toSend = new ArrayList<>();
        for (ShipmentStore.DeliveredLine l : chosen) {
            ShipmentStore.ShippedLine s = shipped.get(l.lineId());
            if (s == null || !sameNumber(s, state.courierCode, tracking)) {
                toSend.add(l);
            }
        }
        if (toSend.isEmpty()) {
            finishRow(state, ShipmentStatus.SENT, "ALREADY_SENT", "already sent with this tracking number", null, false);
            return;
        }
        ShipBatch batch = batches.computeIfAbsent(account.id(), id -> new ShipBatch(account, connector.shipRoute()));
        if (batch.getClaimsRoute() == null && connector.claimsRoute() != null && !settings.claimsRecheck().isZero()
                && store.claimActivitySince(account.id(), row.orderId(), now.minus(settings.claimsRecheck()))) {
            batch.readClaimsFirst(connector.claimsRoute());
        }
        inFlight.put(row.id(), state);
        for (ShipmentStore.DeliveredLine l : toSend) {
            lineNumbers.put(account.id() + "|" + row.orderId() + "|" + l.lineId(), state.courierCode + "|" + tracking);
            boolean update = shipped.containsKey(l.lineId());
            String unitKey = String.join("|", account.id(), row.orderId(), String.valueOf(l.shipmentId()), state.courierCode,
                    tracking, String.valueOf(update));
            ShipUnit unit = units.get(unitKey);
            if (unit == null) {
                unit = new ShipUnit(account, marketplace, row.orderId(), l.shipmentId(), courier.get(), courierCode.get(),
                        tracking, row.shippedAt(), update);
                String confirm = store.confirmState(marketplace, account.id(), l.shipmentId());
                unit.setConfirmed(Confirmations.CONFIRMED.equals(confirm));
                units.put(unitKey, unit);
                batch.getUnits().add(unit);
            }
            unit.addLine(new ShipUnit.Line(l.lineId(), l.productId(), l.optionId(), l.quantity()));
            unit.getRowIds().add(row.id());
            unit.setReconcile(unit.isReconcile() || row.mayHaveReachedMarketplace());
            if (!state.units.contains(unit)) {
                state.units.add(unit);
            }
            // a split shipment when the unit leaves unshipped lines of its shipping unit behind
            long unshippedInUnit = delivered.stream().filter(d -> java.util.Objects.equals(d.shipmentId(), l.shipmentId())
                    && !shipped.containsKey(d.lineId()) && !NOT_SHIPPABLE.contains(d.status())).count();
            unit.setPartial(!update && unit.getLines().size() < unshippedInUnit);
        }
    }

    /**
     * The delivered lines as the claims now see them: a line with an open cancel in MB_CLAIM is CANCEL_REQUESTED,
     * one with a completed cancel CANCELLED, whatever it was delivered as; a line delivered as CANCEL_REQUESTED
     * whose cancels were all withdrawn or rejected since is shippable again.
     */
    private List<ShipmentStore.DeliveredLine> withCancelClaims(Marketplace marketplace, String accountId, String orderId,
                                                               List<ShipmentStore.DeliveredLine> delivered) throws SQLException {
        List<ShipmentStore.DeliveredLine> seen = new ArrayList<>(delivered.size());
        for (ShipmentStore.DeliveredLine l : delivered) {
            String status = switch (store.cancelClaim(marketplace, accountId, orderId, l.lineId())) {
                case OPEN -> OrderStatus.CANCEL_REQUESTED.name();
                // a cancel of some of the line's pieces leaves the rest to ship (the marketplace lowered the quantity)
                case COMPLETED -> l.quantity() > store.cancelledQuantity(marketplace, accountId, orderId, l.lineId())
                        ? shippableAgain(l.status()) : OrderStatus.CANCELLED.name();
                // the cancel it was delivered with is over; the status stands for "not cancelled", not stored
                case UNDONE -> shippableAgain(l.status());
                case NONE -> l.status();
            };
            seen.add(java.util.Objects.equals(status, l.status()) ? l
                    : new ShipmentStore.DeliveredLine(l.lineId(), l.shipmentId(), l.productId(), l.optionId(), status, l.quantity()));
        }
        return seen;
    }

    /**
     * Route step after the claims poll a batch asked for ({@link ShipBatch#getClaimsRoute()}): a unit with a line that
     * the claims now show cancelled (or cancel requested) is rejected without a call and leaves the batch.
     */
    public void recheckClaims(@ExchangeProperty(ShipBatch.PROPERTY) ShipBatch batch) throws SQLException {
        List<ShipUnit> held = new ArrayList<>();
        for (ShipUnit unit : batch.getUnits()) {
            for (String lineId : unit.lineIds()) {
                ClaimLines.Cancel cancel = store.cancelClaim(unit.getMarketplace(), unit.getAccount().id(), unit.getOrderId(), lineId);
                if (cancel == ClaimLines.Cancel.COMPLETED && unit.lineQuantity(lineId) > store.cancelledQuantity(
                        unit.getMarketplace(), unit.getAccount().id(), unit.getOrderId(), lineId)) {
                    continue; // some pieces were cancelled: the rest ships
                }
                if (cancel == ClaimLines.Cancel.OPEN || cancel == ClaimLines.Cancel.COMPLETED) {
                    String status = cancel == ClaimLines.Cancel.OPEN ? OrderStatus.CANCEL_REQUESTED.name() : OrderStatus.CANCELLED.name();
                    unit.rejected(cancelCode(status), "line '" + lineId + "' of order '" + unit.getOrderId() + "' is " + status
                            + " (read just before sending): it must not be shipped");
                    held.add(unit);
                    break;
                }
            }
        }
        batch.getUnits().removeAll(held);
        for (ShipUnit unit : held) {
            recordUnit(unit, batch);
        }
    }

    /** A line's delivered status once its cancel no longer holds it: a line delivered as cancel requested is paid. */
    private static String shippableAgain(String deliveredStatus) {
        return OrderStatus.CANCEL_REQUESTED.name().equals(deliveredStatus) || OrderStatus.CANCELLED.name().equals(deliveredStatus)
                ? OrderStatus.PAID.name() : deliveredStatus;
    }

    /** The result code of a line that must not be shipped: CANCELLED for a completed cancel, else CANCEL_REQUESTED. */
    private static String cancelCode(String lineStatus) {
        return OrderStatus.CANCELLED.name().equals(lineStatus) ? "CANCELLED" : "CANCEL_REQUESTED";
    }

    private static boolean sameNumber(ShipmentStore.ShippedLine s, String courierCode, String tracking) {
        return s.courierCode().equals(courierCode) && s.trackingNo().equals(tracking);
    }

    private static String marketplaceCodes() {
        List<String> codes = new ArrayList<>();
        for (Marketplace m : Marketplace.values()) {
            codes.add(m.code());
        }
        return String.join(", ", codes);
    }

    private void reject(RowState state, String code, String message) throws SQLException {
        finishRow(state, ShipmentStatus.REJECTED, code, message, null, false);
    }

    // ------------------------------------------------------------ outcomes

    /** Route step (doCatch of a unit): the exception that ended the unit's conversation becomes its outcome. */
    public void unitFailed(@Variable(ShipUnit.VARIABLE) ShipUnit unit, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        unit.failedBy(caught);
    }

    /**
     * Route step after each unit: a SENT unit's lines are recorded, then every row whose units have all
     * finished gets its status.
     */
    public void recordUnit(@Variable(ShipUnit.VARIABLE) ShipUnit unit, @ExchangeProperty(ShipBatch.PROPERTY) ShipBatch batch)
            throws SQLException {
        if (!unit.isFinished()) {
            unit.failed("UNSETTLED", "the conversation with the marketplace ended without an answer", null);
        }
        if (ShipmentStatus.SENT.equals(unit.getOutcome())) {
            store.recordSent(unit, unit.getRowIds().iterator().next(), clock.instant());
        }
        for (Long rowId : unit.getRowIds()) {
            RowState state = inFlight.get(rowId);
            if (state == null || state.units.stream().anyMatch(u -> !u.isFinished())) {
                continue;
            }
            inFlight.remove(rowId);
            // the row's outcome is its worst unit's: FAILED (retry) before REJECTED before SENT
            ShipUnit worst = state.units.stream().filter(u -> ShipmentStatus.FAILED.equals(u.getOutcome())).findFirst()
                    .or(() -> state.units.stream().filter(u -> ShipmentStatus.REJECTED.equals(u.getOutcome())).findFirst())
                    .orElse(state.units.get(0));
            finishRow(state, worst.getOutcome(), worst.getResultCode(), worst.getResultMessage(), worst.getRetryAfter(),
                    !ShipmentStatus.SENT.equals(worst.getOutcome()));
        }
        if (batch != null) {
            batch.count(unit.getOutcome());
        }
    }

    private void finishRow(RowState state, String status, String code, String message, Duration retryAfter,
                           boolean countAttempt) throws SQLException {
        state.outcome = status;
        Instant now = clock.instant();
        Instant next = null;
        if (ShipmentStatus.FAILED.equals(status)) {
            int attempt = state.row.attempts() + 1;
            next = settings.rows().backoff().nextAttempt(attempt, retryAfter, now);
            if (next == null) {
                message = "gave up after " + attempt + " attempts: " + message;
            }
        }
        String units = state.units.isEmpty() ? null
                : String.join(",", state.units.stream().map(ShipUnit::getShipmentId).distinct().toList());
        store.finish(state.row.id(), status, code, message, countAttempt || ShipmentStatus.SENT.equals(status), next,
                state.courierCode, units, now);
    }

    /** Route step after a batch: its log line (ids and counts only) and counters. */
    public void finishBatch(@ExchangeProperty(ShipBatch.PROPERTY) ShipBatch batch, CamelContext camel) {
        batch.report(LOG, camel, "marketbridge.shipment.units");
    }

    /** Route step after a round: refreshes the open-row counts (at most every 10 s) behind gauges and health. */
    public void refreshCounts(CamelContext camel) throws SQLException {
        Instant now = clock.instant();
        if (Duration.between(countsAt, now).compareTo(Duration.ofSeconds(10)) < 0) {
            return;
        }
        countsAt = now;
        Map<String, Map<String, Long>> counts = store.openCounts();
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        for (Map.Entry<String, Map<String, Long>> e : counts.entrySet()) {
            for (String status : List.of("pending", "failed", "rejected")) {
                gauge(meters, e.getKey(), status);
            }
        }
        open.forEach((account, byStatus) -> {
            Map<String, Long> c = counts.getOrDefault(account, Map.of());
            // pending: the runtime is still on it; failed (attempts used up) and rejected: a person is
            byStatus.get("pending").set(c.getOrDefault(ShipmentStatus.READY, 0L) + c.getOrDefault(ShipmentStatus.SENDING, 0L)
                    + c.getOrDefault(ShipmentStatus.RETRYING, 0L));
            byStatus.get("failed").set(c.getOrDefault(ShipmentStatus.FAILED, 0L));
            byStatus.get("rejected").set(c.getOrDefault(ShipmentStatus.REJECTED, 0L));
        });
    }

    private void gauge(MeterRegistry meters, String account, String status) {
        Map<String, AtomicLong> byStatus = open.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
        byStatus.computeIfAbsent(status, s -> {
            AtomicLong value = new AtomicLong();
            if (meters != null) {
                Gauge.builder("marketbridge.shipments.open", value, AtomicLong::get).tag("account", account)
                        .tag("status", s).register(meters);
            }
            return value;
        });
    }

    /** account -> pending / failed / rejected, as last counted. */
    public Map<String, Map<String, Long>> openCounts() {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        open.forEach((account, byStatus) -> {
            Map<String, Long> m = new LinkedHashMap<>();
            byStatus.forEach((s, v) -> m.put(s, v.get()));
            copy.put(account, m);
        });
        return copy;
    }

    /** Route step when a round fails as a whole (the database is unreachable): one line, the next round retries. */
    public void roundFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable e) {
        LOG.error("shipments: dispatch round failed, retried next round: {}", e == null ? "unknown error" : e.toString());
    }
}
