package io.marketbridge.marketplace.elevenst;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.marketbridge.shipment.Courier;
import io.marketbridge.shipment.ShipmentStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 11st's claim action requests and answers on fixtures written from 11st.md 1.2-1.5: the claimservice paths with
 * their parameters in order, ResultOrder answers (result_code / result_text), cancel-list and return-list rows with
 * the field names of 1.4, orderlistall rows with ordPrdStat, dlvEtprsCd and invcNo.
 */
class ElevenstClaimActionsTest {

    static final String ORD_NO = "202611200000017";
    /** 2026-11-21 12:00 KST. */
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC);
    final ElevenstClaimActions actions = new ElevenstClaimActions(NOW);

    static Account account(Map<String, String> overrides) {
        Map<String, AccountKey> keys = new HashMap<>();
        Map<String, String> values = new HashMap<>();
        for (AccountKey k : ElevenstConnector.KEYS) {
            keys.put(k.name(), k);
            if (k.defaultValue() != null) {
                values.put(k.name(), k.defaultValue());
            }
        }
        values.put(ElevenstConnector.API_KEY, "acmeKey0001");
        values.putAll(overrides);
        return new Account("acme", "elevenst", values, keys);
    }

    /** A cancel-list row of 11st.md 1.4 as the claim poll stores it. */
    static String cancelPayload(String list, String ordPrdCnSeq, String statCd) {
        return "{\"list\":\"" + list + "\",\"row\":{\"createDt\":\"2026-11-20 18:42:10\",\"dlvNo\":\"40012345\","
                + "\"ordCnDtlsRsn\":\"주문 실수\",\"ordCnMnbdCd\":\"01\",\"ordCnQty\":\"1\",\"ordCnRsnCd\":\"04\","
                + "\"ordCnStatCd\":\"" + statCd + "\",\"ordNo\":\"" + ORD_NO + "\",\"ordPrdCnSeq\":\"" + ordPrdCnSeq + "\","
                + "\"ordPrdSeq\":\"2\",\"prdNo\":\"3210987654\",\"referSeq\":\"null\",\"slctPrdOptNm\":\"색상:블랙-1개\"}}";
    }

    static String returnPayload(String clmReqSeq) {
        return "{\"list\":\"returnorders\",\"row\":{\"clmReqQty\":\"1\",\"clmReqSeq\":\"" + clmReqSeq + "\",\"clmStat\":\"105\","
                + "\"dlvNo\":\"40012345\",\"ordNo\":\"" + ORD_NO + "\",\"ordPrdSeq\":\"2\",\"reqDt\":\"2026-11-19 09:05:00\"}}";
    }

    static RecordedClaim claim(ClaimType type, String claimId, String payload) {
        return new RecordedClaim(claimId, type, ClaimStatus.REQUESTED, ORD_NO, List.of(new ClaimLine("2", "40012345", 1)),
                type == ClaimType.CANCEL ? "01" : "105", payload);
    }

    static ClaimActionUnit unit(ClaimActionType action, RecordedClaim claim, int attempts, Account account) {
        ClaimActionRow row = new ClaimActionRow(1, "11ST", "acme", claim.claimId(), null, null, action.name(), null, null,
                null, "READY", attempts);
        boolean ships = action == ClaimActionType.SHIP_INSTEAD;
        return new ClaimActionUnit(row, account, Marketplace.ELEVENST, action, claim, claim.orderId(), null, null, null,
                ships ? new Courier("CJ", List.of("CJ대한통운"), Map.of(Marketplace.ELEVENST, "00034"), null) : null,
                ships ? "00034" : null, ships ? "612345678901" : null);
    }

    static ClaimActionUnit unit(ClaimActionType action, RecordedClaim claim, int attempts) {
        return unit(action, claim, attempts, account(Map.of()));
    }

    static ClaimActionUnit sellerCancel(SellerCancelReason reason, String text, int attempts, Account account) {
        ClaimActionRow row = new ClaimActionRow(2, "11ST", "acme", null, ORD_NO, "2", "SELLER_CANCEL", null, null,
                reason.name() + (text.isEmpty() ? "" : ": " + text), "READY", attempts);
        return new ClaimActionUnit(row, account, Marketplace.ELEVENST, ClaimActionType.SELLER_CANCEL, null, ORD_NO,
                new ShipmentStore.DeliveredLine("2", "40012345", "3210987654", "8765432101", "CONFIRMED", 1), reason, text,
                null, null, null);
    }

    /** An action answer (11st.md 1.2): ResultOrder with result_code and result_text. */
    static ElevenstXml.Answer result(int code, String text) throws Exception {
        return ElevenstXml.parse("<?xml version=\"1.0\" encoding=\"euc-kr\" standalone=\"yes\"?><ResultOrder>"
                + "<openMallID>11ST</openMallID><open_11st_mall/><open_done_payment_interface/><result_code>" + code
                + "</result_code><result_text>" + text + "</result_text></ResultOrder>");
    }

    static ElevenstXml.Answer list(String... rows) throws Exception {
        String ns = "<ns2:orders xmlns:ns2=\"http://skt.tmall.business.openapi.spring.service.client.domain/\">";
        if (rows.length == 0) {
            return ElevenstXml.parse(ns + "<ns2:result_code>0</ns2:result_code><ns2:result_text>조회된 결과가 없습니다."
                    + "</ns2:result_text></ns2:orders>");
        }
        return ElevenstXml.parse(ns + String.join("", rows) + "</ns2:orders>");
    }

    static String canceledRow(String ordPrdCnSeq, String statCd) {
        return "<ns2:order><createDt>2026-11-20 18:42:10</createDt><dlvNo>40012345</dlvNo><ordCnMnbdCd>01</ordCnMnbdCd>"
                + "<ordCnQty>1</ordCnQty><ordCnRsnCd>04</ordCnRsnCd><ordCnStatCd>" + statCd + "</ordCnStatCd><ordNo>" + ORD_NO
                + "</ordNo><ordPrdCnSeq>" + ordPrdCnSeq + "</ordPrdCnSeq><ordPrdSeq>2</ordPrdSeq><prdNo>3210987654</prdNo>"
                + "</ns2:order>";
    }

    static String returnedRow(String clmReqSeq, String clmStat) {
        return "<ns2:order><clmReqQty>1</clmReqQty><clmReqSeq>" + clmReqSeq + "</clmReqSeq><clmStat>" + clmStat + "</clmStat>"
                + "<ordNo>" + ORD_NO + "</ordNo><ordPrdSeq>2</ordPrdSeq><reqDt>2026-11-19 09:05:00</reqDt>"
                + "<trtEndDt>2026-11-21 10:00:00</trtEndDt></ns2:order>";
    }

    /** An orderlistall row: the line's ordPrdStat and its shipment (literal null when not shipped). */
    static String lineRow(String seq, String stat, String courier, String invoice) {
        return "<ns2:order><dlvNo>40012345</dlvNo><ordNo>" + ORD_NO + "</ordNo><ordPrdSeq>" + seq + "</ordPrdSeq>"
                + "<ordPrdStat>" + stat + "</ordPrdStat><dlvEtprsCd>" + courier + "</dlvEtprsCd><invcNo>" + invoice
                + "</invcNo></ns2:order>";
    }

    @Test
    void approveCancelSendsCancelreqconfWithTheStoredClaimNumberOrderAndLine() throws Exception {
        // the claim id in MB_CLAIM may be derived; the stored row's ordPrdCnSeq is what 11st wants back
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL,
                claim(ClaimType.CANCEL, "D0123456789abcdef0123456789abcde", cancelPayload("cancelorders", "5000123", "01")), 0);
        actions.begin(unit);
        ApiRequest conf = actions.request(unit);
        assertThat(conf.method()).isEqualTo("GET");
        assertThat(conf.path()).isEqualTo("/rest/claimservice/cancelreqconf/5000123/" + ORD_NO + "/2");
        actions.answer(unit, result(0, "취소승인 처리되었습니다."));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultCode()).isEqualTo("0");
    }

    @Test
    void shipInsteadSendsCancelreqrejectWithTheCourierCodeInvoiceAndSendDate() throws Exception {
        RecordedClaim claim = claim(ClaimType.CANCEL, "5000124", cancelPayload("cancelorders", "5000124", "01"));
        ClaimActionUnit unit = unit(ClaimActionType.SHIP_INSTEAD, claim, 0);
        actions.begin(unit);
        assertThat(actions.request(unit).path()).isEqualTo("/rest/claimservice/cancelreqreject/" + ORD_NO + "/2/5000124/01/"
                + "20261121/00034/612345678901");
        actions.answer(unit, result(0, "취소거부(발송처리) 되었습니다."));
        assertThat(unit.getOutcome()).isEqualTo("SENT");

        // the account may send sendDt as reqdelivery takes it
        ClaimActionUnit minute = unit(ClaimActionType.SHIP_INSTEAD, claim, 0,
                account(Map.of(ElevenstConnector.CANCEL_REJECT_SEND_DATE, "yyyyMMddHHmm")));
        actions.begin(minute);
        assertThat(actions.request(minute).path()).contains("/01/202611211200/00034/");
    }

    @Test
    void approveReturnSendsReturnreqconfWithClmReqSeq() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_RETURN, claim(ClaimType.RETURN, "7000456", returnPayload("7000456")), 0);
        actions.begin(unit);
        assertThat(actions.request(unit).path()).isEqualTo("/rest/claimservice/returnreqconf/7000456/" + ORD_NO + "/2");
        actions.answer(unit, result(0, "반품승인 처리되었습니다."));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
    }

    @Test
    void sellerCancelSendsReqrejectorderWithTheReasonsCodeAndItsTextEncoded() throws Exception {
        ClaimActionUnit unit = sellerCancel(SellerCancelReason.OUT_OF_STOCK, "공급처 단종/재입고 미정", 0, account(Map.of()));
        actions.begin(unit);
        String path = actions.request(unit).path();
        assertThat(path).startsWith("/rest/claimservice/reqrejectorder/" + ORD_NO + "/2/08/");
        String segment = path.substring(path.lastIndexOf('/') + 1);
        // one segment, UTF-8 percent-encoded, a space as %20, the text's own slash gone
        assertThat(segment).doesNotContain("+", " ").matches("[A-Za-z0-9%._~*-]+");
        assertThat(URLDecoder.decode(segment, StandardCharsets.UTF_8)).isEqualTo("공급처 단종 재입고 미정");
        actions.answer(unit, result(0, "판매불가 처리되었습니다."));
        assertThat(unit.getOutcome()).isEqualTo("SENT");

        ClaimActionUnit price = sellerCancel(SellerCancelReason.PRICE_ERROR, "", 0, account(Map.of()));
        actions.begin(price);
        String pricePath = actions.request(price).path();
        assertThat(pricePath).contains("/2/07/");
        assertThat(URLDecoder.decode(pricePath.substring(pricePath.lastIndexOf('/') + 1), StandardCharsets.UTF_8))
                .isEqualTo("상품 가격 오류");

        ClaimActionUnit option = sellerCancel(SellerCancelReason.OUT_OF_STOCK, "", 0,
                account(Map.of(ElevenstConnector.OUT_OF_STOCK_REASON, "09")));
        actions.begin(option);
        assertThat(actions.request(option).path()).contains("/2/09/");
    }

    @Test
    void aRowThatMayHaveReachedElevenstReadsTheCompletedListFromTheRequestTime() throws Exception {
        ClaimActionUnit done = unit(ClaimActionType.APPROVE_CANCEL,
                claim(ClaimType.CANCEL, "5000125", cancelPayload("cancelorders", "5000125", "01")), 1);
        actions.begin(done);
        ApiRequest read = actions.request(done);
        // createDt 2026-11-20 18:42 to now, 2026-11-21 12:00 KST
        assertThat(read.path()).isEqualTo("/rest/claimservice/canceledorders/202611201842/202611211200");
        actions.answer(done, list(canceledRow("5000999", "02"), canceledRow("5000125", "02")));
        assertThat(done.getOutcome()).isEqualTo("SENT");
        assertThat(done.getResultCode()).isEqualTo("ALREADY_DONE");
        assertThat(done.getResultMessage()).contains("5000125").contains("canceledorders");

        // not completed yet: the approval goes out
        ClaimActionUnit open = unit(ClaimActionType.APPROVE_CANCEL,
                claim(ClaimType.CANCEL, "5000126", cancelPayload("cancelorders", "5000126", "01")), 1);
        actions.begin(open);
        actions.request(open);
        actions.answer(open, list(canceledRow("5000999", "02")));
        assertThat(open.getNextCall()).isEqualTo(ElevenstClaimActions.CANCEL_CONF);

        // a return: returnedorders, from reqDt
        ClaimActionUnit returned = unit(ClaimActionType.APPROVE_RETURN, claim(ClaimType.RETURN, "7000457", returnPayload("7000457")), 1);
        actions.begin(returned);
        assertThat(actions.request(returned).path()).isEqualTo("/rest/claimservice/returnedorders/202611190905/202611211200");
        actions.answer(returned, list(returnedRow("7000457", "106")));
        assertThat(returned.getResultCode()).isEqualTo("ALREADY_DONE");
    }

    @Test
    void theReadWindowIsAtMostThirtyDaysAndAReturnRefusedAtElevenstIsRejected() throws Exception {
        String old = returnPayload("7000458").replace("2026-11-19 09:05:00", "2026-09-01 10:00:00");
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_RETURN, claim(ClaimType.RETURN, "7000458", old), 1);
        actions.begin(unit);
        assertThat(actions.request(unit).path()).isEqualTo("/rest/claimservice/returnedorders/202610221201/202611211200");
        actions.answer(unit, list(returnedRow("7000458", "107")));
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("CLAIM_REJECTED");
    }

    @Test
    void aRefusalIsReadOnceAndRejectedWithElevenstsCodeAndWordsWhenNothingWasDone() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_CANCEL,
                claim(ClaimType.CANCEL, "5000127", cancelPayload("cancelorders", "5000127", "01")), 0);
        actions.begin(unit);
        actions.request(unit);
        actions.answer(unit, result(-1, "구매자가 철회한 클레임입니다."));
        assertThat(unit.getNextCall()).isEqualTo(ElevenstClaimActions.READ_DONE);
        actions.request(unit);
        actions.answer(unit, list());
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("-1");
        assertThat(unit.getResultMessage()).isEqualTo("구매자가 철회한 클레임입니다.");
    }

    @Test
    void shipInsteadReadsTheLineToSettleARestartOrARefusal() throws Exception {
        RecordedClaim claim = claim(ClaimType.CANCEL, "5000128", cancelPayload("cancelorders", "5000128", "01"));
        ClaimActionUnit done = unit(ClaimActionType.SHIP_INSTEAD, claim, 1);
        actions.begin(done);
        assertThat(actions.request(done).path()).isEqualTo("/rest/claimservice/orderlistall/" + ORD_NO);
        actions.answer(done, list(lineRow("1", "301", "null", "null"), lineRow("2", "401", "00034", "612345678901")));
        assertThat(done.getResultCode()).isEqualTo("ALREADY_DONE");

        ClaimActionUnit other = unit(ClaimActionType.SHIP_INSTEAD, claim, 1);
        actions.begin(other);
        actions.answer(other, list(lineRow("2", "401", "00011", "412345678901")));
        assertThat(other.getOutcome()).isEqualTo("REJECTED");
        assertThat(other.getResultCode()).isEqualTo("ALREADY_SHIPPED");

        ClaimActionUnit open = unit(ClaimActionType.SHIP_INSTEAD, claim, 1);
        actions.begin(open);
        actions.answer(open, list(lineRow("2", "701", "null", "null")));
        assertThat(open.getNextCall()).isEqualTo(ElevenstClaimActions.CANCEL_REJECT);

        // 11st refused, and the read shows the cancel went through: the refusal stands
        ClaimActionUnit refused = unit(ClaimActionType.SHIP_INSTEAD, claim, 0);
        actions.begin(refused);
        actions.answer(refused, result(-1, "이미 처리된 취소요청입니다."));
        assertThat(refused.getNextCall()).isEqualTo(ElevenstClaimActions.READ_LINE);
        actions.answer(refused, list(lineRow("2", "B01", "null", "null")));
        assertThat(refused.getResultCode()).isEqualTo("-1");
        assertThat(refused.getResultMessage()).isEqualTo("이미 처리된 취소요청입니다.");
    }

    @Test
    void anInvoiceElevenstRefusesIsRejectedWithoutARead() throws Exception {
        ClaimActionUnit unit = unit(ClaimActionType.SHIP_INSTEAD,
                claim(ClaimType.CANCEL, "5000129", cancelPayload("cancelorders", "5000129", "01")), 0);
        actions.begin(unit);
        actions.answer(unit, result(-3306, "송장번호가 유효하지 않습니다."));
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("-3306");
        assertThat(unit.hasMade(ElevenstClaimActions.READ_LINE)).isFalse();
    }

    @Test
    void aSellerCancelElevenstRefusesIsSettledByTheLinesStatus() throws Exception {
        ClaimActionUnit done = sellerCancel(SellerCancelReason.OUT_OF_STOCK, "", 0, account(Map.of()));
        actions.begin(done);
        actions.answer(done, result(-21004, "이미 취소된 주문입니다."));
        assertThat(done.getNextCall()).isEqualTo(ElevenstClaimActions.READ_LINE);
        assertThat(actions.request(done).path()).isEqualTo("/rest/claimservice/orderlistall/" + ORD_NO);
        actions.answer(done, list(lineRow("2", "B01", "null", "null")));
        assertThat(done.getOutcome()).isEqualTo("SENT");
        assertThat(done.getResultCode()).isEqualTo("ALREADY_DONE");

        ClaimActionUnit buyer = sellerCancel(SellerCancelReason.OUT_OF_STOCK, "", 0, account(Map.of()));
        actions.begin(buyer);
        actions.answer(buyer, result(-21004, "취소요청 중인 주문입니다."));
        actions.answer(buyer, list(lineRow("2", "701", "null", "null")));
        assertThat(buyer.getOutcome()).isEqualTo("REJECTED");
        assertThat(buyer.getResultCode()).isEqualTo("-21004");

        // a restart reads first: a line still 301 gets the cancel
        ClaimActionUnit restart = sellerCancel(SellerCancelReason.PRICE_ERROR, "", 1, account(Map.of()));
        actions.begin(restart);
        assertThat(restart.getNextCall()).isEqualTo(ElevenstClaimActions.READ_LINE);
        actions.answer(restart, list(lineRow("2", "301", "null", "null")));
        assertThat(restart.getNextCall()).isEqualTo(ElevenstClaimActions.REJECT_ORDER);
    }

    @Test
    void aClaimWithoutElevenstsNumberIsRejectedWithoutACall() {
        ClaimActionUnit unit = unit(ClaimActionType.APPROVE_RETURN,
                claim(ClaimType.RETURN, "D0123456789abcdef0123456789abcde", "{\"list\":\"returnorders\",\"row\":{\"ordNo\":\""
                        + ORD_NO + "\",\"ordPrdSeq\":\"2\",\"reqDt\":\"2026-11-19 09:05:00\"}}"), 0);
        actions.begin(unit);
        assertThat(unit.hasNextCall()).isFalse();
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("UNKNOWN_CLAIM");
        assertThat(unit.getResultMessage()).contains("clmReqSeq");
    }
}
