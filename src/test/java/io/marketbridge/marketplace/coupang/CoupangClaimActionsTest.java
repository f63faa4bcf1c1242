package io.marketbridge.marketplace.coupang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.claim.action.ClaimActionRow;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.claim.action.ClaimActionUnit;
import io.marketbridge.claim.action.RecordedClaim;
import io.marketbridge.claim.action.SellerCancelReason;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import io.marketbridge.shipment.Courier;
import io.marketbridge.shipment.ShipmentStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coupang's claim action requests and answers on fixtures written from coupang.md 1.3 and 1.8 (bodies of
 * stoppedShipment, completedShipment, receiveConfirmation, approval and the v5 cancel; a returnRequests item;
 * the v5 cancel's receiptMap answer).
 */
class CoupangClaimActionsTest {

    static final String API = "/v2/providers/openapi/apis/api";
    final CoupangClaimActions actions = new CoupangClaimActions();

    static Account account(boolean withUserId) {
        Map<String, AccountKey> keys = new HashMap<>();
        CoupangConnector.KEYS.forEach(k -> keys.put(k.name(), k));
        Map<String, String> values = new HashMap<>(Map.of("vendor-id", "A00012345", "access-key", "ak", "secret-key", "sk"));
        if (withUserId) {
            values.put("wing-user-id", "acme-wing");
        }
        return new Account("acme", "coupang", values, keys);
    }

    static ClaimActionUnit unit(ClaimActionType action, RecordedClaim claim, int attempts) {
        ClaimActionRow row = new ClaimActionRow(1, "COUPANG", "acme", claim.claimId(), null, null, action.name(), null, null,
                null, "READY", attempts);
        boolean ships = action == ClaimActionType.SHIP_INSTEAD;
        return new ClaimActionUnit(row, account(true), Marketplace.COUPANG, action, claim, claim.orderId(), null, null, null,
                ships ? new Courier("CJ", List.of("CJ대한통운"), Map.of(Marketplace.COUPANG, "CJGLS"), null) : null, ships ? "CJGLS" : null, ships ? "123456789012" : null);
    }

    static RecordedClaim claim(ClaimType type, String claimId, String rawPayload) {
        return new RecordedClaim(claimId, type, ClaimStatus.REQUESTED, "2000012345678",
                List.of(new ClaimLine("310000000001-7000001", "310000000001", 2), new ClaimLine("310000000001-7000002", "310000000001", 1)),
                "RU", rawPayload);
    }

    static ClaimActionUnit sellerCancel(boolean withUserId, int attempts) {
        ClaimActionRow row = new ClaimActionRow(2, "COUPANG", "acme", null, "2000012345678", "310000000001-7000002",
                "SELLER_CANCEL", null, null, "OUT_OF_STOCK", "READY", attempts);
        return new ClaimActionUnit(row, account(withUserId), Marketplace.COUPANG, ClaimActionType.SELLER_CANCEL, null,
                "2000012345678", new ShipmentStore.DeliveredLine("310000000001-7000002", "310000000001", "90001", "7000002",
                "CONFIRMED", 2), SellerCancelReason.OUT_OF_STOCK, "", null, null, null);
    }

    static JsonNode json(String text) throws Exception {
        return OrderJson.mapper().readTree(text);
    }

    /** A v6 returnRequests item as coupang.md 1.8 lists its fields (requester fields left out). */
    static JsonNode receipt(long receiptId, String receiptType, String receiptStatus, String releaseStatus) throws Exception {
        return json("""
                {"code":200,"message":"OK","data":{"receiptId":%d,"orderId":2000012345678,"paymentId":3000000000001,
                 "receiptType":"%s","receiptStatus":"%s","createdAt":"2026-11-21T09:30:00","modifiedAt":"2026-11-21T10:00:00",
                 "cancelReasonCategory1":"고객 변심","cancelReasonCategory2":"단순 변심","cancelReason":"단순 변심",
                 "cancelCountSum":3,"returnDeliveryId":980000001,"returnDeliveryType":"연동안함","releaseStopStatus":"",
                 "enclosePrice":{"currencyCode":"KRW","units":0,"nanos":0},"faultByType":"CUSTOMER","preRefund":false,
                 "completeConfirmType":"UNDEFINED","returnItems":[
                   {"vendorItemId":7000001,"vendorItemName":"A","cancelCount":2,"purchaseCount":2,"shipmentBoxId":310000000001,
                    "sellerProductId":1,"sellerProductName":"P","releaseStatus":"%s","cancelCompleteUser":""},
                   {"vendorItemId":7000002,"vendorItemName":"B","cancelCount":1,"purchaseCount":1,"shipmentBoxId":310000000001,
                    "sellerProductId":1,"sellerProductName":"P","releaseStatus":"%s","cancelCompleteUser":""}],
                 "returnDeliveryDtos":[],"reasonCode":"CHANGEMIND","reasonCodeText":"단순 변심",
                 "returnShippingCharge":{"currencyCode":"KRW","units":-3000,"nanos":0}}}
                """.formatted(receiptId, receiptType, receiptStatus, releaseStatus, releaseStatus));
    }

    static final JsonNode DONE = OrderJson.mapper().createObjectNode().put("code", 200).put("message", "OK").putNull("data");

    @Test
    void approveCancelStopsTheShipmentWithTheReceiptsCount() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, "480000123", "{}"), 0);
        actions.begin(unit);
        ApiRequest stop = actions.request(unit);
        assertThat(stop.method()).isEqualTo("PUT");
        assertThat(stop.path()).isEqualTo(API + "/v4/vendors/A00012345/returnRequests/480000123/stoppedShipment");
        // the claim's pieces over its lines: 2 + 1
        assertThat(json(stop.body())).isEqualTo(json("{\"vendorId\":\"A00012345\",\"receiptId\":480000123,\"cancelCount\":3}"));
        actions.answer(unit, DONE);
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultCode()).isEqualTo("OK");
    }

    @Test
    void shipInsteadAnswersWithCompletedShipmentAndTheReceiptOfThePayload() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.SHIP_INSTEAD, claim(ClaimType.CANCEL, "D1234", "{\"receiptId\":480000124}"), 0);
        actions.begin(unit);
        ApiRequest shipped = actions.request(unit);
        assertThat(shipped.path()).isEqualTo(API + "/v4/vendors/A00012345/returnRequests/480000124/completedShipment");
        assertThat(json(shipped.body())).isEqualTo(json("{\"vendorId\":\"A00012345\",\"receiptId\":480000124,"
                + "\"deliveryCompanyCode\":\"CJGLS\",\"invoiceNumber\":\"123456789012\"}"));
        actions.answer(unit, DONE);
        assertThat(unit.getOutcome()).isEqualTo("SENT");
    }

    @Test
    void approveReturnConfirmsTheReceiptThenApproves() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_RETURN,
                claim(ClaimType.RETURN, "480000125", "{\"receiptId\":480000125,\"cancelCountSum\":5}"), 0);
        actions.begin(unit);
        ApiRequest receive = actions.request(unit);
        assertThat(receive.path()).endsWith("/v4/vendors/A00012345/returnRequests/480000125/receiveConfirmation");
        assertThat(json(receive.body())).isEqualTo(json("{\"vendorId\":\"A00012345\",\"receiptId\":480000125}"));
        actions.answer(unit, DONE);
        ApiRequest approve = actions.request(unit);
        assertThat(approve.path()).endsWith("/returnRequests/480000125/approval");
        // the stored payload's cancelCountSum wins over the lines' quantities
        assertThat(json(approve.body())).isEqualTo(json("{\"vendorId\":\"A00012345\",\"receiptId\":480000125,\"cancelCount\":5}"));
        actions.answer(unit, DONE);
        assertThat(unit.getOutcome()).isEqualTo("SENT");
    }

    @Test
    void aRowThatMayHaveReachedCoupangReadsTheReceiptFirst() throws Exception {
        // stopped and completed already: SENT without a second stoppedShipment
        ClaimActionUnit done = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, "480000126", "{}"), 1);
        actions.begin(done);
        ApiRequest read = actions.request(done);
        assertThat(read.method()).isEqualTo("GET");
        assertThat(read.path()).isEqualTo(API + "/v6/vendors/A00012345/returnRequests/480000126");
        actions.answer(done, receipt(480000126, "RETURN", "RETURNS_COMPLETED", "S"));
        assertThat(done.getOutcome()).isEqualTo("SENT");
        assertThat(done.getResultCode()).isEqualTo("ALREADY_DONE");

        // still a stop request: the stop goes out, with the receipt's cancelCountSum
        ClaimActionUnit open = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, "480000127", "{}"), 1);
        actions.begin(open);
        actions.request(open);
        actions.answer(open, receipt(480000127, "RETURN", "RELEASE_STOP_UNCHECKED", "N"));
        assertThat(open.getNextCall()).isEqualTo(CoupangClaimActions.STOP);
        assertThat(json(actions.request(open).body()).path("cancelCount").asInt()).isEqualTo(3);

        // a return received already: the approval follows at once
        ClaimActionUnit received = unit(ClaimActionType.APPROVE_RETURN, claim(ClaimType.RETURN, "480000128", "{}"), 1);
        actions.begin(received);
        actions.answer(received, receipt(480000128, "RETURN", "VENDOR_WAREHOUSE_CONFIRM", "Y"));
        assertThat(received.getNextCall()).isEqualTo(CoupangClaimActions.APPROVE);

        // the goods were reported shipped: SHIP_INSTEAD is done
        ClaimActionUnit shipped = unit(ClaimActionType.SHIP_INSTEAD, claim(ClaimType.CANCEL, "480000129", "{}"), 1);
        actions.begin(shipped);
        actions.answer(shipped, receipt(480000129, "RETURN", "RETURNS_UNCHECKED", "A"));
        assertThat(shipped.getResultCode()).isEqualTo("ALREADY_DONE");
    }

    @Test
    void aRefusalIsReadOnceAndRejectedWithCoupangsWordsWhenNothingWasDone() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, "480000130", "{}"), 0);
        actions.begin(unit);
        actions.request(unit);
        unit.refused("HTTP_400", "Coupang stoppedShipment of receipt 480000130 for account acme: HTTP 400 출고중지 요청 상태가 아닙니다.");
        assertThat(unit.getNextCall()).isEqualTo(CoupangClaimActions.READ);
        actions.answer(unit, receipt(480000130, "RETURN", "RETURNS_UNCHECKED", "A"));
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("HTTP_400");
        assertThat(unit.getResultMessage()).contains("출고중지 요청 상태가 아닙니다");
    }

    @Test
    void sellerCancelReadsTheBoxThenCancelsTheShippablePiecesWithTheReasonsCode() throws Exception {
        ClaimActionUnit unit = sellerCancel(true, 0);
        actions.begin(unit);
        ApiRequest read = actions.request(unit);
        assertThat(read.path()).isEqualTo(API + "/v5/vendors/A00012345/ordersheets/310000000001");
        actions.answer(unit, json("""
                {"code":"200","message":"OK","data":{"shipmentBoxId":310000000001,"orderId":2000012345678,"status":"INSTRUCT",
                 "orderItems":[{"vendorItemId":7000001,"shippingCount":2,"cancelCount":0,"holdCountForCancel":0,"canceled":false},
                               {"vendorItemId":7000002,"shippingCount":3,"cancelCount":1,"holdCountForCancel":0,"canceled":false}]}}
                """));
        ApiRequest cancel = actions.request(unit);
        assertThat(cancel.method()).isEqualTo("POST");
        assertThat(cancel.path()).isEqualTo(API + "/v5/vendors/A00012345/orders/2000012345678/cancel");
        assertThat(json(cancel.body())).isEqualTo(json("""
                {"orderId":2000012345678,"vendorItemIds":[7000002],"receiptCounts":[2],"bigCancelCode":"CANERR",
                 "middleCancelCode":"CCTTER","vendorId":"A00012345","userId":"acme-wing"}"""));
        actions.answer(unit, json("""
                {"code":"200","message":"5b0f1c2e-0000-4000-8000-000000000001","data":{"receiptMap":{"480000200":
                 {"receiptId":480000200,"receiptType":"STOP_SHIPMENT","vendorItemIds":[7000002],"totalCount":2}},
                 "orderId":2000012345678,"failedVendorItemIds":[]}}"""));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultMessage()).isEqualTo("receipt 480000200 (STOP_SHIPMENT)");
        assertThat(CoupangClaimActions.middleCancelCode(SellerCancelReason.PRICE_ERROR)).isEqualTo("CCPRER");
    }

    @Test
    void aSellerCancelCoupangRefusesIsSettledByReadingTheBox() throws Exception {
        ClaimActionUnit unit = sellerCancel(true, 0);
        actions.begin(unit);
        actions.answer(unit, json("""
                {"code":"200","message":"OK","data":{"shipmentBoxId":310000000001,"status":"ACCEPT",
                 "orderItems":[{"vendorItemId":7000002,"shippingCount":1,"cancelCount":0,"holdCountForCancel":0,"canceled":false}]}}"""));
        actions.answer(unit, json("""
                {"code":"400","message":"5b0f1c2e-0000-4000-8000-000000000002 [7000002: 취소할 수 없는 상태입니다]",
                 "data":{"receiptMap":{},"orderId":2000012345678,"failedVendorItemIds":[7000002]}}"""));
        assertThat(unit.getNextCall()).isEqualTo(CoupangClaimActions.READ_BOX);
        actions.answer(unit, json("""
                {"code":"200","message":"OK","data":{"shipmentBoxId":310000000001,"status":"DEPARTURE",
                 "orderItems":[{"vendorItemId":7000002,"shippingCount":1,"cancelCount":0,"holdCountForCancel":0,"canceled":false}]}}"""));
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("FAILED_VENDOR_ITEM");
        assertThat(unit.getResultMessage()).contains("취소할 수 없는 상태입니다");
    }

    @Test
    void aSellerCancelWithoutTheWingLoginFailsAsConfigurationWithoutACall() {
        ClaimActionUnit unit = sellerCancel(false, 0);
        actions.begin(unit);
        assertThat(unit.hasNextCall()).isFalse();
        assertThat(unit.getOutcome()).isEqualTo("FAILED");
        assertThat(unit.getResultCode()).isEqualTo("CONFIGURATION");
        assertThat(unit.getResultMessage()).contains("marketbridge.account.acme.wing-user-id");
    }
}
