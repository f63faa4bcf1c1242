package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.marketplace.elevenst.ElevenstXml.value;

import io.marketbridge.intake.Confirmations;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.shipment.ShipUnit;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * 11st's side of the shipment flow (route elevenst-ship): one conversation per unit, a unit being one bundle (dlvNo)
 * with one courier and tracking number. {@code reqdelivery} ships the whole bundle, so a unit holding every
 * unshipped line of its bundle uses the plain call; a unit holding only some of them (the ERP ships a bundle in
 * several parcels, or gives its lines different numbers) uses 11st's partial path ({@code partDlvYn=Y} with the
 * unit's ordPrdSeq list), so no line goes out with a number that is not its own.
 *
 * <pre>
 *   not confirmed, or an earlier try may have got there -> READ (orderlistall/{ordNo}) first:
 *        shipped with our courier and number = SENT (no second reqdelivery); shipped with another = REJECTED;
 *        cancel requested / cancelled = REJECTED; 202 = CONFIRM each line (reqpackaging); 301 = DELIVER
 *   DELIVER answered 0                          -> SENT
 *   -3308 bundle already shipped, -3309, -3313, -3320 invoice already used
 *                                               -> RECHECK (orderlistall): 11st holds our number = SENT, else REJECTED
 *                                                  with 11st's code and message
 *   -3306 invoice invalid, -3307 courier invalid, -3301, -3310, -3321 -> REJECTED with 11st's message
 *   -3311 internal error                        -> FAILED (retried later); -1000 maintenance throws -> FAILED, retried
 *   a new number for a line already shipped     -> REJECTED: the API has no tracking-number change
 * </pre>
 *
 * Reading first on a restart (rather than relying on -3308) keeps a unit whose bundle was shipped partially by an
 * earlier try from being sent again through the partial path, which 11st might accept a second time.
 */
public class ElevenstShipments {

    static final String READ = "READ";
    static final String CONFIRM = "CONFIRM";
    static final String DELIVER = "DELIVER";
    static final String RECHECK = "RECHECK";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final Set<String> SHIPPED = Set.of("401", "501", "901");
    static final Set<String> CLAIMED = Set.of("701", "B01", "601");
    /** reqdelivery answers that mean "something already happened to this bundle": read it to know what. */
    static final Set<Integer> SETTLE_BY_READ = Set.of(-3308, -3309, -3313, -3320);
    static final Set<Integer> RETRYABLE = Set.of(-3311);

    /** The lines still to confirm in this conversation, and their answers. */
    static final class State {
        final List<ElevenstOrders.LineCall> toConfirm = new ArrayList<>();
        int next;
        final List<Confirmations.Answer> answers = new ArrayList<>();
    }

    private final Confirmations confirmations;

    public ElevenstShipments(Confirmations confirmations) {
        this.confirmations = confirmations;
    }

    /** Route step: the unit gets its conversation state and its first call. */
    public void begin(@Variable(ShipUnit.VARIABLE) ShipUnit unit) {
        unit.setConversation(new State());
        if (unit.isUpdate()) {
            unit.rejected("UPDATE_NOT_SUPPORTED", "bundle " + unit.getShipmentId() + " was shipped with another tracking"
                    + " number; 11st's API cannot change it: correct it in 11st Seller Office");
        } else if (unit.isReconcile() || !unit.isConfirmed()) {
            unit.next(READ);
        } else {
            unit.next(DELIVER);
        }
    }

    /** Route step: the ApiRequest for the unit's next call. */
    public ApiRequest request(@Variable(ShipUnit.VARIABLE) ShipUnit unit) {
        return switch (unit.getNextCall()) {
            case READ, RECHECK -> ApiRequest.get("/rest/claimservice/orderlistall/" + unit.getOrderId(), "",
                    "read of order lines before/after shipping bundle " + unit.getShipmentId());
            case CONFIRM -> {
                State state = state(unit);
                ElevenstOrders.LineCall call = state.toConfirm.get(state.next);
                yield ElevenstOrders.confirmRequest(call, "confirmation of line " + call.ordPrdSeq() + " before shipping bundle "
                        + unit.getShipmentId());
            }
            case DELIVER -> ApiRequest.get(deliveryPath(unit), "", (unit.isPartial() ? "partial shipment" : "shipment")
                    + " of bundle " + unit.getShipmentId());
            default -> throw new IllegalStateException("unknown call " + unit.getNextCall());
        };
    }

    static String deliveryPath(ShipUnit unit) {
        Instant at = unit.getShippedAt() == null ? Instant.now() : unit.getShippedAt();
        String sendDt = ElevenstOrders.MINUTE.format(at.atZone(SEOUL).toLocalDateTime());
        String path = "/rest/ordservices/reqdelivery/" + sendDt + "/" + unit.getAccount().get(ElevenstConnector.DELIVERY_METHOD)
                + "/" + unit.getCourierCode() + "/" + unit.getTrackingNo() + "/" + unit.getShipmentId();
        if (unit.isPartial()) {
            path += "/Y/" + unit.getOrderId() + "/" + String.join(",", unit.lineIds());
        }
        return path;
    }

    /** Route step: reads the answer to the call just made and decides the next call or the outcome. */
    public void answer(@Variable(ShipUnit.VARIABLE) ShipUnit unit, @Body ElevenstXml.Answer answer) throws SQLException {
        String call = unit.getNextCall();
        switch (call) {
            case READ, RECHECK -> {
                unit.made(call);
                afterRead(unit, answer);
            }
            case CONFIRM -> afterConfirm(unit, answer);
            default -> {
                unit.made(DELIVER);
                afterDelivery(unit, answer);
            }
        }
    }

    private void afterRead(ShipUnit unit, ElevenstXml.Answer answer) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : answer.rows()) {
            if (unit.getShipmentId().equals(value(row, "dlvNo")) && unit.lineIds().contains(value(row, "ordPrdSeq"))) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            unit.rejected(code(unit, "NOT_FOUND"), "11st does not list the lines of bundle " + unit.getShipmentId()
                    + " under order " + unit.getOrderId() + detail(unit));
            return;
        }
        List<String> states = rows.stream().map(r -> String.valueOf(value(r, "ordPrdStat"))).toList();
        if (states.stream().anyMatch(CLAIMED::contains)) {
            String s = states.stream().filter(CLAIMED::contains).findFirst().get();
            unit.rejected("B01".equals(s) ? "CANCELLED" : "601".equals(s) ? "RETURN_REQUESTED" : "CANCEL_REQUESTED",
                    "bundle " + unit.getShipmentId() + " has a line in status " + s + " at 11st: it must not be shipped");
            return;
        }
        if (states.stream().allMatch(SHIPPED::contains)) {
            boolean ours = rows.stream().allMatch(r -> unit.getTrackingNo().equals(value(r, "invcNo"))
                    && (value(r, "dlvEtprsCd") == null || unit.getCourierCode().equals(value(r, "dlvEtprsCd"))));
            if (ours) {
                unit.sent("ALREADY_SENT", "11st already shows this courier and tracking number (status " + states.get(0) + ")");
            } else {
                unit.rejected(code(unit, "ALREADY_SHIPPED"), "bundle " + unit.getShipmentId() + " was shipped at 11st with"
                        + " another tracking number" + detail(unit));
            }
            return;
        }
        if (unit.getRefusalCode() != null) {
            unit.rejected(unit.getRefusalCode(), unit.getRefusalMessage()); // refused, and nothing shipped: it stands
            return;
        }
        if (states.stream().anyMatch(SHIPPED::contains)) {
            unit.rejected("PARTLY_SHIPPED", "some lines of bundle " + unit.getShipmentId() + " were shipped at 11st"
                    + " with another tracking number; ship the others by line");
            return;
        }
        if (states.contains("202")) {
            if (unit.hasMade(CONFIRM)) {
                unit.rejected("NOT_CONFIRMED", "bundle " + unit.getShipmentId() + " is still awaiting confirmation at 11st");
                return;
            }
            State state = state(unit);
            String none = unit.getAccount().get(ElevenstConnector.NO_ADD_ON);
            for (Map<String, String> row : rows) {
                if ("202".equals(value(row, "ordPrdStat"))) {
                    state.toConfirm.add(ElevenstOrders.call(row, unit.getShipmentId(), none));
                }
            }
            unit.next(CONFIRM);
            return;
        }
        if (states.stream().allMatch("301"::equals)) {
            if (!unit.isConfirmed()) {
                confirmations.record(unit.getAccount().id(), unit.getShipmentId(), Confirmations.CONFIRMED, "ALREADY_CONFIRMED",
                        "status 301 at 11st");
                unit.setConfirmed(true);
            }
            if (unit.hasMade(DELIVER)) {
                unit.rejected("UNSETTLED", "bundle " + unit.getShipmentId() + " is still 301 after shipping it");
            } else {
                unit.next(DELIVER);
            }
            return;
        }
        unit.rejected("NOT_SHIPPABLE", "bundle " + unit.getShipmentId() + " is in status " + String.join(",", states) + " at 11st");
    }

    private void afterConfirm(ShipUnit unit, ElevenstXml.Answer answer) throws SQLException {
        State state = state(unit);
        state.answers.add(ElevenstOrders.lineAnswer(unit.getShipmentId(), answer));
        state.next++;
        if (state.next < state.toConfirm.size()) {
            unit.next(CONFIRM); // the bundle's next line: one step of the conversation for the whole bundle
            return;
        }
        unit.made(CONFIRM);
        Confirmations.Answer bundle = ElevenstOrders.bundleAnswer(state.answers);
        if (Confirmations.CONFIRMED.equals(bundle.state())) {
            confirmations.record(unit.getAccount().id(), unit.getShipmentId(), Confirmations.CONFIRMED, bundle.code(),
                    "confirmed before shipping");
            unit.setConfirmed(true);
            unit.next(DELIVER);
        } else if (Confirmations.REJECTED.equals(bundle.state())) {
            confirmations.recordAll(unit.getAccount().id(), List.of(bundle));
            unit.rejected(bundle.code(), "11st refused to confirm bundle " + unit.getShipmentId() + ": " + bundle.message());
        } else {
            unit.failed(bundle.code(), "11st could not confirm bundle " + unit.getShipmentId() + ": " + bundle.message(), null);
        }
    }

    private static void afterDelivery(ShipUnit unit, ElevenstXml.Answer answer) {
        int code = answer.code();
        String message = answer.resultText() == null ? "" : answer.resultText();
        if (code == 0) {
            unit.sent("0", message);
        } else if (SETTLE_BY_READ.contains(code) && !unit.hasMade(RECHECK)) {
            unit.refused(String.valueOf(code), message);
            unit.next(RECHECK);
        } else if (RETRYABLE.contains(code)) {
            unit.failed(String.valueOf(code), message, null);
        } else {
            unit.rejected(String.valueOf(code), message);
        }
    }

    private static String code(ShipUnit unit, String fallback) {
        return unit.getRefusalCode() != null ? unit.getRefusalCode() : fallback;
    }

    private static String detail(ShipUnit unit) {
        return unit.getRefusalMessage() == null || unit.getRefusalMessage().isEmpty() ? "" : ": " + unit.getRefusalMessage();
    }

    private static State state(ShipUnit unit) {
        return unit.conversation(State.class);
    }
}
