package io.marketbridge.marketplace.esm;

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
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import io.marketbridge.shipment.Courier;
import io.marketbridge.shipment.ShipmentStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ESM's claim action requests and answers on fixtures written from esm.md 2.3 (paths and methods), 2.6 (ShippingInfo
 * body), 2.7 (Cancels / Returns bodies and rows, approve and SoldOut bodies carrying SiteType) and 2.8 (the
 * {ResultCode, Message, Data} envelope, 3000 for a state error). The claim ids are derived by hand as the claims poll
 * derives them: site, OrderNo, type, RequestDate to the second.
 */
class EsmClaimActionsTest {

    /** 2026-11-21 12:00 KST. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC);
    static final String ORDER_NO = "3012345678";
    static final String PAY_NO = "2012345678";
    static final String REQUESTED = "2026-11-20T09:30:15";
    final EsmClaimActions actions = new EsmClaimActions(CLOCK);

    static Account account(Map<String, String> extra) {
        Map<String, AccountKey> keys = new HashMap<>();
        EsmConnector.KEYS.forEach(k -> keys.put(k.name(), k));
        Map<String, String> values = new HashMap<>(Map.of("master-id", "acmemaster", "secret-key", "s3cret",
                "gmarket-seller-id", "acmeg", "auction-seller-id", "acmea", "claim-action-gmarket-site-type", "2"));
        values.putAll(extra);
        return new Account("acme", "esm", values, keys);
    }

    static String claimId(Marketplace site, ClaimType type) {
        return ClaimIntake.derivedClaimId(site, ORDER_NO, type.name(), REQUESTED);
    }

    /** A Cancels / Returns row as esm.md 2.7 lists its fields. */
    static String row(String statusField, int status) {
        return """
                {"%s":%d,"PayNo":%s,"OrderNo":%s,"GoodsNo":0,"SiteGoodsNo":"C123456789","Reason":"구매의사 취소",
                 "ReasonCode":"1","ReasonDetail":"단순 변심","OrderDate":"2026-11-20T09:00:00","PayDate":"2026-11-20T09:01:00",
                 "RequestDate":"%s","WithdrawDate":null,"ApproveDate":null,"CompleteDate":null,"AddShippingFee":"0.0000"}
                """.formatted(statusField, status, PAY_NO, ORDER_NO, REQUESTED);
    }

    static RecordedClaim claim(Marketplace site, ClaimType type) {
        String field = type == ClaimType.CANCEL ? "CancelStatus" : "ReturnStatus";
        String raw = "{\"Marketplace\":\"" + site.name() + "\",\"ClaimType\":\"" + type.name() + "\",\"ContrAmount\":2,\"Row\":"
                + row(field, 1) + "}";
        return new RecordedClaim(claimId(site, type), type, ClaimStatus.REQUESTED, PAY_NO,
                List.of(new ClaimLine(ORDER_NO, ORDER_NO, 2)), field + "=1", raw);
    }

    static ClaimActionUnit unit(ClaimActionType action, Marketplace site, int attempts, Account account) {
        RecordedClaim claim = claim(site, action.answers());
        ClaimActionRow row = new ClaimActionRow(1, site.code(), "acme", claim.claimId(), null, null, action.name(),
                null, null, null, "READY", attempts);
        boolean ships = action == ClaimActionType.SHIP_INSTEAD;
        Courier cj = new Courier("CJ", List.of("CJ대한통운"), Map.of(site, "10013"), null);
        return new ClaimActionUnit(row, account, site, action, claim, PAY_NO, null, null, null,
                ships ? cj : null, ships ? "10013" : null, ships ? "612345678901" : null);
    }

    static ClaimActionUnit unit(ClaimActionType action, Marketplace site, int attempts) {
        return unit(action, site, attempts, account(Map.of()));
    }

    static ClaimActionUnit sellerCancel(Marketplace site, String previousStatus) {
        ClaimActionRow row = new ClaimActionRow(2, site.code(), "acme", null, PAY_NO, ORDER_NO, "SELLER_CANCEL", null,
                null, "PRICE_ERROR: wrong price", previousStatus, 0);
        return new ClaimActionUnit(row, account(Map.of()), site, ClaimActionType.SELLER_CANCEL, null, PAY_NO,
                new ShipmentStore.DeliveredLine(ORDER_NO, ORDER_NO, "C123456789", "", "CONFIRMED", 2),
                SellerCancelReason.PRICE_ERROR, "wrong price", null, null, null);
    }

    static JsonNode json(String text) throws Exception {
        return OrderJson.mapper().readTree(text);
    }

    static final String OK = "{\"ResultCode\":0,\"Message\":\"Success\",\"Data\":null}";

    static JsonNode refused(int code, String message) throws Exception {
        return json("{\"ResultCode\":" + code + ",\"Message\":\"" + message + "\",\"Data\":null}");
    }

    static JsonNode list(String... rows) throws Exception {
        return json("{\"ResultCode\":0,\"Message\":\"Success\",\"Data\":[" + String.join(",", rows) + "]}");
    }

    @Test
    void approveCancelPutsTheOrderNoWithGmarketsSiteType() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, Marketplace.GMARKET, 0);
        actions.begin(unit);
        ApiRequest approve = actions.request(unit);
        assertThat(approve.method()).isEqualTo("PUT");
        assertThat(approve.path()).isEqualTo("/claim/v1/sa/Cancel/" + ORDER_NO);
        assertThat(json(approve.body())).isEqualTo(json("{\"SiteType\":2}"));
        assertThat(actions.bucket(unit)).isNull(); // only order and claim list queries spend the seller ID's slot
        actions.answer(unit, json(OK));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultCode()).isEqualTo("OK");
    }

    @Test
    void theGmarketSiteTypeOfTheActionBodiesIsASetting() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, Marketplace.GMARKET, 0,
                account(Map.of("claim-action-gmarket-site-type", "3")));
        actions.begin(unit);
        assertThat(json(actions.request(unit).body())).isEqualTo(json("{\"SiteType\":3}"));
    }

    @Test
    void aRefusedApprovalReadsTheCancelsByOrderNoAndFindsItApproved() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, Marketplace.GMARKET, 0);
        actions.begin(unit);
        actions.request(unit);
        actions.answer(unit, refused(3000, "이미 처리된 취소요청입니다."));
        assertThat(unit.getNextCall()).isEqualTo(EsmClaimActions.READ_CANCELS);
        ApiRequest read = actions.request(unit);
        assertThat(read.method()).isEqualTo("POST");
        assertThat(read.path()).isEqualTo("/claim/v1/sa/Cancels");
        // Gmarket's cancel inquiry takes SiteType 3 (esm.md 2.2); the request day and the day after
        assertThat(json(read.body())).isEqualTo(json("{\"SiteType\":3,\"CancelStatus\":0,\"Type\":0,\"OrderNo\":" + ORDER_NO
                + ",\"StartDate\":\"2026-11-20\",\"EndDate\":\"2026-11-21\"}"));
        assertThat(actions.bucket(unit)).isEqualTo("G:acmeg");
        actions.answer(unit, list(row("CancelStatus", 3)));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultCode()).isEqualTo("ALREADY_DONE");
        assertThat(unit.getResultMessage()).contains("CancelStatus=3");
    }

    @Test
    void aRefusedApprovalOfACancelStillRequestedIsRejectedWithEsmsCode() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, Marketplace.AUCTION, 0);
        actions.begin(unit);
        assertThat(json(actions.request(unit).body())).isEqualTo(json("{\"SiteType\":1}"));
        actions.answer(unit, json("{\"ResultCode\":8668,\"Message\":\"처리할 수 없습니다.\",\"BizRuleCode\":\"W8201\",\"Data\":null}"));
        assertThat(json(actions.request(unit).body()).path("SiteType").asInt()).isEqualTo(1);
        assertThat(actions.bucket(unit)).isEqualTo("A:acmea");
        actions.answer(unit, list(row("CancelStatus", 1)));
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("8668/W8201");
        assertThat(unit.getResultMessage()).isEqualTo("처리할 수 없습니다.");
    }

    @Test
    void aRowThatMayHaveReachedEsmReadsFirstAndAWithdrawnCancelIsRejected() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, Marketplace.GMARKET, 1);
        actions.begin(unit);
        assertThat(unit.getNextCall()).isEqualTo(EsmClaimActions.READ_CANCELS);
        actions.request(unit);
        // another claim on the same OrderNo (another RequestDate) is not this one
        String older = row("CancelStatus", 3).replace(REQUESTED, "2026-11-19T08:00:00");
        actions.answer(unit, list(older, row("CancelStatus", 4)));
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("WITHDRAWN");
    }

    @Test
    void aReadStillShowingTheRequestSendsTheApprovalOnce() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, Marketplace.GMARKET, 1);
        actions.begin(unit);
        actions.request(unit);
        actions.answer(unit, list(row("CancelStatus", 1)));
        assertThat(unit.getNextCall()).isEqualTo(EsmClaimActions.CANCEL_APPROVE);
        actions.request(unit);
        actions.answer(unit, json("{\"ResultCode\":\"success\",\"Message\":\"\",\"Data\":null}"));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultCode()).isEqualTo("OK");
    }

    @Test
    void shipInsteadSendsShippingInfoAsAShipmentWould() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.SHIP_INSTEAD, Marketplace.AUCTION, 0);
        actions.begin(unit);
        ApiRequest ship = actions.request(unit);
        assertThat(ship.method()).isEqualTo("POST");
        assertThat(ship.path()).isEqualTo("/shipping/v1/Delivery/ShippingInfo");
        assertThat(json(ship.body())).isEqualTo(json("{\"OrderNo\":" + ORDER_NO + ",\"ShippingDate\":\"2026-11-21T12:00:00\","
                + "\"DeliveryCompanyCode\":10013,\"InvoiceNo\":\"612345678901\"}"));
        actions.answer(unit, json("{\"ResultCode\":0,\"Message\":\"Success\",\"Data\":{\"OrderNo\":" + ORDER_NO + "}}"));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
    }

    @Test
    void shipInsteadLeftSendingReadsTheOrderAndFindsItsInvoice() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.SHIP_INSTEAD, Marketplace.GMARKET, 1);
        actions.begin(unit);
        ApiRequest read = actions.request(unit);
        assertThat(read.path()).isEqualTo("/shipping/v1/Order/RequestOrders");
        assertThat(json(read.body()).path("orderStatus").asInt()).isZero();
        assertThat(json(read.body()).path("orderNo").asLong()).isEqualTo(Long.parseLong(ORDER_NO));
        assertThat(actions.bucket(unit)).isNull(); // order-number lookups are exempt from the limit
        actions.answer(unit, json("{\"ResultCode\":0,\"Message\":\"\",\"Data\":{\"SiteType\":2,\"PageIndex\":1,\"PageSize\":1,"
                + "\"TotalCount\":1,\"SellerId\":\"acmeg\",\"RequestOrders\":[{\"PayNo\":" + PAY_NO + ",\"OrderNo\":" + ORDER_NO
                + ",\"OrderStatus\":3,\"TakbaeName\":\"CJ대한통운\",\"NoSongjang\":\"612345678901\"}]}}"));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultCode()).isEqualTo("ALREADY_DONE");
    }

    @Test
    void shipInsteadWithACourierWithoutANumericCodeIsRejectedWithoutACall() {
        RecordedClaim claim = claim(Marketplace.GMARKET, ClaimType.CANCEL);
        ClaimActionRow row = new ClaimActionRow(1, "GMARKET", "acme", claim.claimId(), null, null, "SHIP_INSTEAD",
                "X", "1", null, "READY", 0);
        ClaimActionUnit unit = new ClaimActionUnit(row, account(Map.of()), Marketplace.GMARKET, ClaimActionType.SHIP_INSTEAD,
                claim, PAY_NO, null, null, null, new Courier("X", List.of("X"), Map.of(Marketplace.GMARKET, "XPRESS"), null),
                "XPRESS", "1");
        actions.begin(unit);
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("UNMAPPED_COURIER");
    }

    @Test
    void approveReturnPutsTheReturnAndALeftRowLooksThroughTheReturnStatuses() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_RETURN, Marketplace.AUCTION, 0);
        actions.begin(unit);
        ApiRequest approve = actions.request(unit);
        assertThat(approve.method()).isEqualTo("PUT");
        assertThat(approve.path()).isEqualTo("/claim/v1/sa/return/" + ORDER_NO);
        assertThat(json(approve.body())).isEqualTo(json("{\"SiteType\":1}"));

        ClaimActionUnit left = unit(ClaimActionType.APPROVE_RETURN, Marketplace.GMARKET, 1);
        actions.begin(left);
        ApiRequest first = actions.request(left);
        assertThat(first.path()).isEqualTo("/claim/v1/sa/Returns");
        // Returns take Gmarket's SiteType 2 and one ReturnStatus a call (no "all")
        assertThat(json(first.body())).isEqualTo(json("{\"SiteType\":2,\"ReturnStatus\":1,\"Type\":0,\"OrderNo\":" + ORDER_NO
                + ",\"StartDate\":\"2026-11-20\",\"EndDate\":\"2026-11-21\"}"));
        actions.answer(left, list());
        assertThat(left.getNextCall()).isEqualTo(EsmClaimActions.READ_RETURNS);
        assertThat(json(actions.request(left).body()).path("ReturnStatus").asInt()).isEqualTo(3);
        actions.answer(left, list(row("ReturnStatus", 3)));
        assertThat(left.getOutcome()).isEqualTo("SENT");
        assertThat(left.getResultCode()).isEqualTo("ALREADY_DONE");
    }

    @Test
    void aReturnListedUnderNoStatusAfterARefusalIsRejectedWithTheRefusal() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_RETURN, Marketplace.GMARKET, 0);
        actions.begin(unit);
        actions.request(unit);
        actions.answer(unit, refused(3000, "반품요청 건이 없습니다."));
        for (int read = 0; read < EsmClaimActions.RETURN_READS.size(); read++) {
            assertThat(unit.getNextCall()).isEqualTo(EsmClaimActions.READ_RETURNS);
            assertThat(json(actions.request(unit).body()).path("ReturnStatus").asInt())
                    .isEqualTo(EsmClaimActions.RETURN_READS.get(read));
            actions.answer(unit, list());
        }
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("3000");
        assertThat(unit.getResultMessage()).isEqualTo("반품요청 건이 없습니다.");
    }

    @Test
    void sellerCancelPostsSoldOutWithTheSiteType() throws Exception {
        ClaimActionUnit unit = sellerCancel(Marketplace.GMARKET, "READY");
        actions.begin(unit);
        ApiRequest soldOut = actions.request(unit);
        assertThat(soldOut.method()).isEqualTo("POST");
        assertThat(soldOut.path()).isEqualTo("/claim/v1/sa/Cancel/" + ORDER_NO + "/SoldOut");
        // esm.md gives SoldOut no reason field: the reason stays with the row
        assertThat(json(soldOut.body())).isEqualTo(json("{\"SiteType\":2}"));
        actions.answer(unit, json(OK));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
    }

    @Test
    void aRefusedSoldOutOfAnOrderNoTheBuyerAskedToCancelIsRejectedWithEsmsCode() throws Exception {
        ClaimActionUnit unit = sellerCancel(Marketplace.AUCTION, "READY");
        actions.begin(unit);
        actions.request(unit);
        actions.answer(unit, refused(3000, "구매자 취소요청 건입니다."));
        ApiRequest read = actions.request(unit);
        // today (KST) less five days to tomorrow: a window of six days
        assertThat(json(read.body())).isEqualTo(json("{\"SiteType\":1,\"CancelStatus\":0,\"Type\":0,\"OrderNo\":" + ORDER_NO
                + ",\"StartDate\":\"2026-11-16\",\"EndDate\":\"2026-11-22\"}"));
        actions.answer(unit, list(row("CancelStatus", 1)));
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("3000");
    }

    @Test
    void aSellerCancelLeftSendingThatEsmShowsCompletedIsAlreadyDone() throws Exception {
        ClaimActionUnit unit = sellerCancel(Marketplace.GMARKET, "SENDING");
        actions.begin(unit);
        assertThat(unit.getNextCall()).isEqualTo(EsmClaimActions.READ_CANCELS);
        actions.request(unit);
        actions.answer(unit, list(row("CancelStatus", 4).replace(REQUESTED, "2026-11-19T08:00:00"), row("CancelStatus", 3)));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultCode()).isEqualTo("ALREADY_DONE");
    }

    @Test
    void aSellerCancelLeftSendingWithNoCancelAtEsmSendsSoldOut() throws Exception {
        ClaimActionUnit unit = sellerCancel(Marketplace.GMARKET, "SENDING");
        actions.begin(unit);
        actions.request(unit);
        actions.answer(unit, list(row("CancelStatus", 4)));
        assertThat(unit.getNextCall()).isEqualTo(EsmClaimActions.SOLD_OUT);
    }

    @Test
    void theOrderNoComesFromTheClaimsLineWhenThePayloadHasNone() throws Exception {
        RecordedClaim claim = new RecordedClaim(claimId(Marketplace.GMARKET, ClaimType.CANCEL), ClaimType.CANCEL,
                ClaimStatus.REQUESTED, PAY_NO, List.of(new ClaimLine(ORDER_NO, ORDER_NO, 1)), "CancelStatus=1", "{}");
        ClaimActionRow row = new ClaimActionRow(1, "GMARKET", "acme", claim.claimId(), null, null, "APPROVE_CANCEL", null,
                null, null, "READY", 0);
        ClaimActionUnit unit = new ClaimActionUnit(row, account(Map.of()), Marketplace.GMARKET,
                ClaimActionType.APPROVE_CANCEL, claim, PAY_NO, null, null, null, null, null, null);
        actions.begin(unit);
        assertThat(actions.request(unit).path()).isEqualTo("/claim/v1/sa/Cancel/" + ORDER_NO);
    }

    @Test
    void anAccountNoLongerSellingOnTheClaimsSiteFailsAsConfiguration() {
        Map<String, String> noAuction = new HashMap<>();
        noAuction.put("auction-seller-id", "");
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, Marketplace.AUCTION, 0, account(noAuction));
        actions.begin(unit);
        assertThat(unit.getOutcome()).isEqualTo("FAILED");
        assertThat(unit.getResultCode()).isEqualTo("CONFIGURATION");
        assertThat(unit.getResultMessage()).contains("auction-seller-id");
    }

    @Test
    void aRefusedReadWithoutARefusalToSettleIsTriedAgainLater() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL, Marketplace.GMARKET, 1);
        actions.begin(unit);
        actions.request(unit);
        actions.answer(unit, refused(1000, "주문번호를 찾을 수 없습니다."));
        assertThat(unit.getOutcome()).isEqualTo("FAILED");
        assertThat(unit.getResultCode()).isEqualTo("1000");
    }
}
