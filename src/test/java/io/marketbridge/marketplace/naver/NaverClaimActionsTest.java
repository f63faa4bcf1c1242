package io.marketbridge.marketplace.naver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.claim.action.ClaimActionRow;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.claim.action.ClaimActionUnit;
import io.marketbridge.claim.action.RecordedClaim;
import io.marketbridge.claim.action.SellerCancelReason;
import io.marketbridge.config.Account;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import io.marketbridge.shipment.ShipmentStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Naver's claim action requests and answers on fixtures written from naver.md 2.3, 2.5 and 2.8 (the claim calls'
 * paths and bodies, their {successProductOrderIds, failProductOrderInfos} answer, the product-order detail of the
 * query with productOrder's claim fields, currentClaim and completedClaims).
 */
class NaverClaimActionsTest {

    static final String PAY_ORDER = "/v1/pay-order/seller/product-orders";
    static final String ORDER_ID = "2026112100000017";
    static final String PO = "2026112100000018";
    static final Account ACCOUNT = new Account("naver-acme", "naver", Map.of(), Map.of());
    final NaverClaimActions actions = new NaverClaimActions();

    static RecordedClaim claim(ClaimType type, String claimId, String naverStatus, String rawPayload) {
        return new RecordedClaim(claimId, type, ClaimStatus.REQUESTED, ORDER_ID, List.of(new ClaimLine(PO, PO, 2)), naverStatus,
                rawPayload);
    }

    static ClaimActionUnit unit(ClaimActionType action, RecordedClaim claim, int attempts) {
        ClaimActionRow row = new ClaimActionRow(1, "NAVER", ACCOUNT.id(), claim.claimId(), null, null, action.name(), null,
                null, null, "READY", attempts);
        return new ClaimActionUnit(row, ACCOUNT, Marketplace.NAVER, action, claim, claim.orderId(), null, null, null, null,
                null, null);
    }

    static ClaimActionUnit sellerCancel(SellerCancelReason reason, String reasonText, int attempts) {
        ClaimActionRow row = new ClaimActionRow(2, "NAVER", ACCOUNT.id(), null, ORDER_ID, PO, "SELLER_CANCEL", null, null,
                reason.name(), "READY", attempts);
        return new ClaimActionUnit(row, ACCOUNT, Marketplace.NAVER, ClaimActionType.SELLER_CANCEL, null, ORDER_ID,
                new ShipmentStore.DeliveredLine(PO, PO, "8800001234", "OPT-1", "CONFIRMED", 2), reason, reasonText, null,
                null, null);
    }

    static JsonNode json(String text) throws Exception {
        return OrderJson.mapper().readTree(text);
    }

    /** A claim call's answer (naver.md 2.8). */
    static JsonNode claimAnswer(String success, String failCode, String failMessage) throws Exception {
        String fail = failCode == null ? "" : "{\"productOrderId\":\"" + PO + "\",\"code\":\"" + failCode + "\",\"message\":\""
                + failMessage + "\"}";
        return json("{\"timestamp\":\"2026-11-21T10:00:00.000+09:00\",\"traceId\":\"t-1\",\"data\":{\"successProductOrderIds\":["
                + (success == null ? "" : "\"" + success + "\"") + "],\"failProductOrderInfos\":[" + fail + "]}}");
    }

    /**
     * The query's answer for the product order (naver.md 2.5): its status and, when claimType is given, the claim in
     * force as productOrder's summary fields and currentClaim.{kind}; a done claim also in completedClaims[].
     */
    static JsonNode detail(String productOrderStatus, String claimType, String claimId, String claimStatus) throws Exception {
        String summary = claimType == null ? "" : ",\"claimType\":\"" + claimType + "\",\"claimStatus\":\"" + claimStatus + "\""
                + (claimId == null ? "" : ",\"claimId\":\"" + claimId + "\"");
        String kind = claimType == null ? null : claimType.equals("RETURN") ? "return" : "cancel";
        String claimObject = claimType == null ? null : "{" + (claimId == null ? "" : "\"claimId\":\"" + claimId + "\",")
                + "\"claimStatus\":\"" + claimStatus + "\",\"claimRequestDate\":\"2026-11-21T09:30:00.000+09:00\","
                + "\"requestChannel\":\"구매자\",\"requestQuantity\":2,\"" + kind + "Reason\":\"INTENT_CHANGED\"}";
        String current = claimObject == null ? "" : ",\"currentClaim\":{\"" + kind + "\":" + claimObject + "}";
        String completed = claimStatus != null && claimStatus.endsWith("_DONE") ? ",\"completedClaims\":[{\"claimType\":\""
                + claimType + "\"" + (claimId == null ? "" : ",\"claimId\":\"" + claimId + "\"") + ",\"claimStatus\":\""
                + claimStatus + "\",\"claimRequestDate\":\"2026-11-21T09:30:00.000+09:00\",\"requestQuantity\":2}]" : "";
        return json("""
                {"timestamp":"2026-11-21T10:00:00.000+09:00","traceId":"t-2","data":[
                 {"order":{"orderId":"%s","orderDate":"2026-11-21T09:00:00.000+09:00","paymentDate":"2026-11-21T09:01:00.000+09:00",
                   "ordererName":"홍길동","ordererTel":"010-0000-0000"},
                  "productOrder":{"productOrderId":"%s","productOrderStatus":"%s","placeOrderStatus":"OK"%s,
                   "quantity":2,"initialQuantity":2,"remainQuantity":2,"productId":"8800001234","productName":"수건"}%s%s}]}
                """.formatted(ORDER_ID, PO, productOrderStatus, summary, current, completed));
    }

    @Test
    void approveCancelPostsCancelApproveWithoutABody() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, "C-100", "CANCEL_REQUEST", "{}"), 0);
        actions.begin(unit);
        ApiRequest approve = actions.request(unit);
        assertThat(approve.method()).isEqualTo("POST");
        assertThat(approve.path()).isEqualTo(PAY_ORDER + "/" + PO + "/claim/cancel/approve");
        assertThat(approve.body()).isEmpty();
        actions.answer(unit, claimAnswer(PO, null, null));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultCode()).isEqualTo("OK");
    }

    @Test
    void approveReturnPostsReturnApprove() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_RETURN, claim(ClaimType.RETURN, "R-100", "COLLECT_DONE", "{}"), 0);
        actions.begin(unit);
        ApiRequest approve = actions.request(unit);
        assertThat(approve.path()).isEqualTo(PAY_ORDER + "/" + PO + "/claim/return/approve");
        assertThat(approve.body()).isEmpty();
        actions.answer(unit, claimAnswer(PO, null, null));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
    }

    @Test
    void sellerCancelRequestsTheCancelWithNaversReasonCode() throws Exception {
        ClaimActionUnit unit = sellerCancel(SellerCancelReason.OUT_OF_STOCK, "supplier discontinued it", 0);
        actions.begin(unit);
        ApiRequest cancel = actions.request(unit);
        assertThat(cancel.method()).isEqualTo("POST");
        assertThat(cancel.path()).isEqualTo(PAY_ORDER + "/" + PO + "/claim/cancel/request");
        // no cancelQuantity: the whole product order (naver.md 2.8)
        assertThat(json(cancel.body())).isEqualTo(json("{\"cancelReason\":\"SOLD_OUT\",\"cancelDetailedReason\":\"supplier discontinued it\"}"));
        actions.answer(unit, claimAnswer(PO, null, null));
        assertThat(unit.getOutcome()).isEqualTo("SENT");

        ClaimActionUnit price = sellerCancel(SellerCancelReason.PRICE_ERROR, "", 0);
        actions.begin(price);
        assertThat(json(actions.request(price).body())).isEqualTo(json("{\"cancelReason\":\"INCORRECT_INFO\"}"));
    }

    @Test
    void aRowThatMayHaveReachedNaverReadsTheProductOrderFirst() throws Exception {
        ClaimActionUnit done = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, "C-200", "CANCEL_REQUEST", "{}"), 1);
        actions.begin(done);
        ApiRequest read = actions.request(done);
        assertThat(read.method()).isEqualTo("POST");
        assertThat(read.path()).isEqualTo(PAY_ORDER + "/query");
        assertThat(json(read.body())).isEqualTo(json("{\"productOrderIds\":[\"" + PO + "\"],\"quantityClaimCompatibility\":true}"));
        actions.answer(done, detail("CANCELED", "CANCEL", "C-200", "CANCEL_DONE"));
        assertThat(done.getOutcome()).isEqualTo("SENT");
        assertThat(done.getResultCode()).isEqualTo("ALREADY_DONE");
        assertThat(done.getResultMessage()).contains("CANCEL_DONE");

        // still requested: the approval goes out
        ClaimActionUnit open = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, "C-201", "CANCEL_REQUEST", "{}"), 1);
        actions.begin(open);
        actions.answer(open, detail("PAYED", "CANCEL", "C-201", "CANCEL_REQUEST"));
        assertThat(open.getNextCall()).isEqualTo(NaverClaimActions.APPROVE_CANCEL_CALL);

        // a collected return: return/approve follows; a done one is SENT
        ClaimActionUnit collected = unit(ClaimActionType.APPROVE_RETURN, claim(ClaimType.RETURN, "R-200", "COLLECTING", "{}"), 1);
        actions.begin(collected);
        actions.answer(collected, detail("DELIVERED", "RETURN", "R-200", "COLLECT_DONE"));
        assertThat(collected.getNextCall()).isEqualTo(NaverClaimActions.APPROVE_RETURN_CALL);
        ClaimActionUnit returned = unit(ClaimActionType.APPROVE_RETURN, claim(ClaimType.RETURN, "R-201", "COLLECT_DONE", "{}"), 1);
        actions.begin(returned);
        actions.answer(returned, detail("RETURNED", "RETURN", "R-201", "RETURN_DONE"));
        assertThat(returned.getResultCode()).isEqualTo("ALREADY_DONE");
    }

    @Test
    void aClaimWithoutNaversIdIsFoundByTheIdThePollDerived() throws Exception {
        String derived = ClaimIntake.derivedClaimId(Marketplace.NAVER, PO, "CANCEL",
                Instant.parse("2026-11-21T00:30:00Z").toString());
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, derived, "CANCEL_REQUEST", "{}"), 1);
        actions.begin(unit);
        actions.answer(unit, detail("CANCELED", "CANCEL", null, "CANCEL_DONE"));
        assertThat(unit.getResultCode()).isEqualTo("ALREADY_DONE");
    }

    @Test
    void aRefusalIsReadOnceAndRejectedWithNaversCodeWhenNothingWasDone() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_RETURN, claim(ClaimType.RETURN, "R-300", "RETURN_REQUEST", "{}"), 0);
        actions.begin(unit);
        actions.request(unit);
        actions.answer(unit, claimAnswer(null, "104442", "상품 주문 상태 확인이 필요합니다."));
        assertThat(unit.getNextCall()).isEqualTo(NaverClaimActions.READ);
        actions.answer(unit, detail("DELIVERED", "RETURN", "R-300", "COLLECTING"));
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("104442");
        assertThat(unit.getResultMessage()).contains("return/approve of product order " + PO)
                .contains("상품 주문 상태 확인이 필요합니다").contains("COLLECTING");

        // the buyer withdrew: the claim is gone from the detail
        ClaimActionUnit gone = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, "C-301", "CANCEL_REQUEST", "{}"), 0);
        actions.begin(gone);
        actions.answer(gone, claimAnswer(null, "104442", "취소 요청 상태가 아닙니다."));
        actions.answer(gone, detail("PAYED", null, null, null));
        assertThat(gone.getOutcome()).isEqualTo("REJECTED");
        assertThat(gone.getResultCode()).isEqualTo("104442");
        assertThat(gone.getResultMessage()).contains("not shown at Naver");
    }

    @Test
    void aRefusalOfAnActionDoneAlreadyIsSentAndNaversOtherErrorIsRetried() throws Exception {
        ClaimActionUnit done = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, "C-400", "CANCEL_REQUEST", "{}"), 0);
        actions.begin(done);
        actions.answer(done, claimAnswer(null, "105306", "변경을 요청한 상태가 기존과 동일합니다."));
        actions.answer(done, detail("CANCELED", "CANCEL", "C-400", "CANCEL_DONE"));
        assertThat(done.getOutcome()).isEqualTo("SENT");
        assertThat(done.getResultCode()).isEqualTo("ALREADY_DONE");

        ClaimActionUnit other = unit(ClaimActionType.APPROVE_CANCEL, claim(ClaimType.CANCEL, "C-401", "CANCEL_REQUEST", "{}"), 0);
        actions.begin(other);
        actions.answer(other, claimAnswer(null, "9999", "기타 오류"));
        actions.answer(other, detail("PAYED", "CANCEL", "C-401", "CANCEL_REQUEST"));
        assertThat(other.getOutcome()).isEqualTo("FAILED");
        assertThat(other.getResultCode()).isEqualTo("9999");
    }

    @Test
    void aSellerCancelRefusedIsSettledByTheProductOrdersState() throws Exception {
        ClaimActionUnit requested = sellerCancel(SellerCancelReason.OUT_OF_STOCK, "", 0);
        actions.begin(requested);
        actions.answer(requested, claimAnswer(null, "104442", "상품 주문 상태 확인이 필요합니다."));
        actions.answer(requested, detail("PAYED", "CANCEL", "C-500", "CANCEL_REQUEST"));
        assertThat(requested.getOutcome()).isEqualTo("REJECTED");
        assertThat(requested.getResultMessage()).contains("APPROVE_CANCEL").contains("C-500");

        ClaimActionUnit shipped = sellerCancel(SellerCancelReason.PRICE_ERROR, "", 1);
        actions.begin(shipped);
        assertThat(shipped.getNextCall()).isEqualTo(NaverClaimActions.READ);
        actions.answer(shipped, detail("DELIVERING", null, null, null));
        assertThat(shipped.getOutcome()).isEqualTo("REJECTED");
        assertThat(shipped.getResultCode()).isEqualTo("NOT_CANCELLABLE");

        ClaimActionUnit cancelled = sellerCancel(SellerCancelReason.OUT_OF_STOCK, "", 1);
        actions.begin(cancelled);
        actions.answer(cancelled, detail("CANCELED", "CANCEL", "C-501", "CANCEL_DONE"));
        assertThat(cancelled.getResultCode()).isEqualTo("ALREADY_DONE");

        ClaimActionUnit paid = sellerCancel(SellerCancelReason.OUT_OF_STOCK, "", 1);
        actions.begin(paid);
        actions.answer(paid, detail("PAYED", null, null, null));
        assertThat(paid.getNextCall()).isEqualTo(NaverClaimActions.CANCEL_REQUEST);
    }

    @Test
    void theProductOrderComesFromTheStoredDetailWhenTheLinesLackIt() throws Exception {
        RecordedClaim claim = new RecordedClaim("C-600", ClaimType.CANCEL, ClaimStatus.REQUESTED, ORDER_ID,
                List.of(new ClaimLine("line-1", "", 1)), "CANCEL_REQUEST",
                "{\"detail\":{\"order\":{\"orderId\":\"" + ORDER_ID + "\"},\"productOrder\":{\"productOrderId\":\"" + PO + "\"}},\"changes\":[]}");
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, claim, 0);
        actions.begin(unit);
        assertThat(actions.request(unit).path()).isEqualTo(PAY_ORDER + "/" + PO + "/claim/cancel/approve");

        ClaimActionUnit none = unit(ClaimActionType.APPROVE_CANCEL, new RecordedClaim("C-601", ClaimType.CANCEL,
                ClaimStatus.REQUESTED, ORDER_ID, List.of(new ClaimLine("line-1", "", 1)), "CANCEL_REQUEST", "{}"), 0);
        actions.begin(none);
        assertThat(none.getOutcome()).isEqualTo("REJECTED");
        assertThat(none.getResultCode()).isEqualTo("UNKNOWN_CLAIM");
    }

    @Test
    void shipInsteadIsNotSupportedAndItsMessageSaysWhatTheSellerCanDo() {
        NaverConnector connector = new NaverConnector();
        assertThat(connector.claimActionsRoute()).isEqualTo("naver-claim-actions");
        assertThat(connector.claimActions()).containsExactlyInAnyOrder(ClaimActionType.APPROVE_CANCEL,
                ClaimActionType.APPROVE_RETURN, ClaimActionType.SELLER_CANCEL);
        assertThat(connector.claimActionNotSupported(ClaimActionType.SHIP_INSTEAD)).contains("Naver")
                .contains("no call that refuses a buyer's cancel request").contains("seller center").contains("APPROVE_CANCEL");
        assertThat(connector.claimActionNotSupported(ClaimActionType.APPROVE_CANCEL)).isNull();
    }
}
