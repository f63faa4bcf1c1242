package io.marketbridge.marketplace.elevenst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.marketplace.elevenst.ElevenstClaimMapper.ClaimList;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 11st claim-list rows as 11st.md 1.4-1.5 describes them (cancel-list element names, return-list extras, ordCnStatCd
 * and clmStat codes), written here by hand as the XML 11st answers with, parsed as the poll parses them.
 */
class ElevenstClaimMapperTest {

    static final String ACCOUNT = "st-main";

    /** An 11st list answer: ns2-prefixed wrapper, un-prefixed children, EUC-KR declared. */
    static List<Map<String, String>> answer(String... orders) throws Exception {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"euc-kr\" standalone=\"yes\"?>"
                + "<ns2:orders xmlns:ns2=\"http://skt.tmall.business.openapi.spring.service.client.domain/\">");
        for (String o : orders) {
            xml.append("<ns2:order>").append(o).append("</ns2:order>");
        }
        return ElevenstXml.parse(xml.append("</ns2:orders>").toString()).rows();
    }

    /** A cancel-list row: the fields 11st.md 1.4 lists for cancelorders. */
    static String cancelRow(String claimNo, String ordNo, String seq, String qty, String stat, String createDt) {
        return "<createDt>" + createDt + "</createDt><dlvNo>4100000123</dlvNo>"
                + "<ordCnDtlsRsn>색상을 잘못 골랐어요</ordCnDtlsRsn><ordCnMnbdCd>01</ordCnMnbdCd>"
                + "<ordCnQty>" + qty + "</ordCnQty><ordCnRsnCd>11</ordCnRsnCd><ordCnStatCd>" + stat + "</ordCnStatCd>"
                + "<ordNo>" + ordNo + "</ordNo><ordPrdCnSeq>" + claimNo + "</ordPrdCnSeq><ordPrdSeq>" + seq + "</ordPrdSeq>"
                + "<prdNo>3456780011</prdNo><slctPrdOptNm>색상:파랑-3개</slctPrdOptNm><referSeq>null</referSeq>";
    }

    /** A return- or exchange-list row: the order's ids and the return-list extras of 11st.md 1.4. */
    static String claimRow(String clmReqSeq, String ordNo, String seq, String qty, String clmStat, String trtEndDt) {
        return "<clmReqQty>" + qty + "</clmReqQty><clmReqSeq>" + clmReqSeq + "</clmReqSeq><clmStat>" + clmStat + "</clmStat>"
                + "<ordNo>" + ordNo + "</ordNo><ordPrdSeq>" + seq + "</ordPrdSeq><prdNo>3456780011</prdNo>"
                + "<reqDt>2026-11-20 14:05:09</reqDt><trtEndDt>" + trtEndDt + "</trtEndDt>";
    }

    static Claim only(ClaimList list, String xmlRow) throws Exception {
        List<Map<String, String>> rows = answer(xmlRow);
        assertThat(rows).hasSize(1);
        return ElevenstClaimMapper.map(ACCOUNT, list, rows.get(0));
    }

    static OffsetDateTime kst(String iso) {
        return OffsetDateTime.parse(iso + "+09:00");
    }

    @Test
    void aPartialCancelOfOneOfThreePiecesIsARequestedCancelOfOnePieceOfThatLine() throws Exception {
        Claim c = only(ClaimList.CANCEL_REQUESTED, cancelRow("8191721", "202611200000456", "2", "1", "01", "2026-11-20 09:15:30"));
        assertThat(c.marketplace()).isEqualTo(Marketplace.ELEVENST);
        assertThat(c.accountId()).isEqualTo(ACCOUNT);
        assertThat(c.claimId()).isEqualTo("8191721");
        assertThat(c.orderId()).isEqualTo("202611200000456");
        assertThat(c.type()).isEqualTo(ClaimType.CANCEL);
        assertThat(c.status()).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(c.marketplaceStatus()).isEqualTo("01");
        assertThat(c.reasonCode()).isEqualTo("11");
        assertThat(c.reasonText()).isEqualTo("색상을 잘못 골랐어요");
        assertThat(c.requestedAt()).isEqualTo(kst("2026-11-20T09:15:30"));
        assertThat(c.statusAt()).isEqualTo(c.requestedAt());
        assertThat(c.lines()).containsExactly(new ClaimLine("2", "4100000123", 1));
        assertThat(c.rawPayload()).contains("\"list\":\"cancelorders\"").contains("\"ordPrdCnSeq\":\"8191721\"");
    }

    @Test
    void theClaimsLineIdIsTheLineIdTheOrderMapperGivesThatLine() throws Exception {
        Map<String, String> orderRow = ElevenstOrderMapperTest.row("2", "4100000123", "3", "15000", "45000", "0", "0");
        Order order = ElevenstOrderMapper.map(ACCOUNT, List.of(orderRow));
        Claim c = only(ClaimList.CANCEL_REQUESTED, cancelRow("8191721", order.orderId(), "2", "1", "01", "2026-11-24 11:00:00"));
        assertThat(c.orderId()).isEqualTo(order.orderId());
        assertThat(c.lines().get(0).lineId()).isEqualTo(order.lines().get(0).lineId());
        assertThat(c.lines().get(0).shipmentId()).isEqualTo(order.lines().get(0).shipmentId());
    }

    @Test
    void theCancelListsSayRequestedCompletedAndWithdrawnAndACompletedCodeOnTheRequestListWins() throws Exception {
        String row = cancelRow("8191722", "202611200000457", "1", "2", "02", "2026-11-20 09:00:00");
        assertThat(only(ClaimList.CANCEL_COMPLETED, row).status()).isEqualTo(ClaimStatus.COMPLETED);
        assertThat(only(ClaimList.CANCEL_REQUESTED, row).status()).isEqualTo(ClaimStatus.COMPLETED);
        Claim withdrawn = only(ClaimList.CANCEL_WITHDRAWN, cancelRow("8191723", "202611200000458", "1", "1", "01",
                "2026-11-20 09:00:00"));
        assertThat(withdrawn.status()).isEqualTo(ClaimStatus.WITHDRAWN);
        assertThat(withdrawn.claimId()).isEqualTo("8191723");
        assertThat(withdrawn.statusAt()).isNull();
        // no status code at all: the list's name is the marketplace status
        Claim bare = only(ClaimList.CANCEL_WITHDRAWN, cancelRow("8191724", "202611200000458", "1", "1", "", "2026-11-20 09:00:00"));
        assertThat(bare.status()).isEqualTo(ClaimStatus.WITHDRAWN);
        assertThat(bare.marketplaceStatus()).isEqualTo("withdrawcanceledorders");
    }

    @Test
    void returnsFollowTheirClmStatRejectedWithdrawnCompletedAndHeld() throws Exception {
        Claim rejected = only(ClaimList.RETURN_REQUESTED, claimRow("2568749", "202611150000001", "1", "1", "107",
                "2026-11-22 10:00:00"));
        assertThat(rejected.type()).isEqualTo(ClaimType.RETURN);
        assertThat(rejected.status()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(rejected.claimId()).isEqualTo("2568749");
        assertThat(rejected.marketplaceStatus()).isEqualTo("107");
        assertThat(rejected.requestedAt()).isEqualTo(kst("2026-11-20T14:05:09"));
        assertThat(rejected.statusAt()).isEqualTo(kst("2026-11-22T10:00:00"));
        assertThat(rejected.lines()).containsExactly(new ClaimLine("1", null, 1));
        assertThat(only(ClaimList.RETURN_WITHDRAWN, claimRow("2568750", "202611150000001", "1", "1", "108", "2026-11-21 08:00:00"))
                .status()).isEqualTo(ClaimStatus.WITHDRAWN);
        assertThat(only(ClaimList.RETURN_COMPLETED, claimRow("2568751", "202611150000001", "1", "1", "106", "2026-11-23 08:00:00"))
                .status()).isEqualTo(ClaimStatus.COMPLETED);
        Claim held = only(ClaimList.RETURN_REQUESTED, claimRow("2568752", "202611150000001", "1", "1", "104", "null"));
        assertThat(held.status()).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(held.statusAt()).isEqualTo(held.requestedAt());
        // a code of another claim type, or one the facts do not give, keeps the list's status
        assertThat(only(ClaimList.RETURN_COMPLETED, claimRow("2568753", "202611150000001", "1", "1", "221", "")).status())
                .isEqualTo(ClaimStatus.COMPLETED);
        assertThat(only(ClaimList.RETURN_WITHDRAWN, claimRow("2568754", "202611150000001", "1", "1", "999", "")).status())
                .isEqualTo(ClaimStatus.WITHDRAWN);
    }

    @Test
    void anExchangeIsRequestedApprovedSentRejectedOrWithdrawnByItsClmStat() throws Exception {
        Claim requested = only(ClaimList.EXCHANGE_REQUESTED, claimRow("2570001", "202611150000002", "3", "2", "201", ""));
        assertThat(requested.type()).isEqualTo(ClaimType.EXCHANGE);
        assertThat(requested.status()).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(requested.lines()).containsExactly(new ClaimLine("3", null, 2));
        assertThat(only(ClaimList.EXCHANGE_REQUESTED, claimRow("2570001", "202611150000002", "3", "2", "212", "")).status())
                .isEqualTo(ClaimStatus.APPROVED);
        assertThat(only(ClaimList.EXCHANGE_COMPLETED, claimRow("2570001", "202611150000002", "3", "2", "221", "2026-11-24 09:00:00"))
                .status()).isEqualTo(ClaimStatus.COMPLETED);
        assertThat(only(ClaimList.EXCHANGE_REQUESTED, claimRow("2570002", "202611150000002", "3", "2", "232", "")).status())
                .isEqualTo(ClaimStatus.REJECTED);
        assertThat(only(ClaimList.EXCHANGE_WITHDRAWN, claimRow("2570003", "202611150000002", "3", "2", "233", "")).status())
                .isEqualTo(ClaimStatus.WITHDRAWN);
    }

    @Test
    void aRowWithoutAClaimNumberGetsAnIdDerivedFromTypeOrderLineAndRequestTime() throws Exception {
        String without = cancelRow("", "202611200000459", "1", "1", "01", "2026-11-20 09:15:30");
        Claim requested = only(ClaimList.CANCEL_REQUESTED, without);
        Claim completed = only(ClaimList.CANCEL_COMPLETED, without.replace("<ordCnStatCd>01", "<ordCnStatCd>02"));
        assertThat(requested.claimId()).isEqualTo(completed.claimId()).isEqualTo(ClaimIntake.derivedClaimId(
                Marketplace.ELEVENST, "CANCEL", "202611200000459", "1", "2026-11-20 09:15:30"));
        assertThat(only(ClaimList.CANCEL_REQUESTED, without.replace("09:15:30", "09:15:31")).claimId())
                .isNotEqualTo(requested.claimId());
        assertThatThrownBy(() -> only(ClaimList.CANCEL_REQUESTED, without.replace("2026-11-20 09:15:30", "")))
                .isInstanceOf(MappingException.class).hasMessageContaining("ordPrdCnSeq and createDt are missing");
    }

    @Test
    void malformedRowsAreRefusedNamingTheFieldNeverItsValue() throws Exception {
        assertThatThrownBy(() -> only(ClaimList.CANCEL_REQUESTED, cancelRow("8191730", "202611200000460", "1", "", "01",
                "2026-11-20 09:15:30"))).isInstanceOf(MappingException.class).hasMessageContaining("ordCnQty is missing");
        assertThatThrownBy(() -> only(ClaimList.RETURN_REQUESTED, claimRow("2568760", "202611200000460", "1", "0", "105", "")))
                .isInstanceOf(MappingException.class).hasMessageContaining("clmReqQty is not a positive whole number");
        assertThatThrownBy(() -> only(ClaimList.CANCEL_REQUESTED, cancelRow("8191731", "", "1", "1", "01", "2026-11-20 09:15:30")))
                .isInstanceOf(MappingException.class).hasMessageContaining("ordNo is missing");
        assertThatThrownBy(() -> only(ClaimList.CANCEL_REQUESTED, cancelRow("8191732", "202611200000460", "1", "1", "01",
                "20/11/2026 09:15"))).isInstanceOf(MappingException.class)
                .hasMessageContaining("createDt is not a yyyy-MM-dd HH:mm:ss time").hasMessageNotContaining("20/11/2026");
    }

    @Test
    void aStoredRowMapsBackAsThePollMappedIt() throws Exception {
        Map<String, String> row = new LinkedHashMap<>(answer(claimRow("2568770", "202611200000461", "2", "1", "105", "")).get(0));
        Claim polled = ElevenstClaimMapper.map(ACCOUNT, ClaimList.RETURN_REQUESTED, row);
        assertThat(ElevenstClaimMapper.mapRaw(ACCOUNT, polled.rawPayload())).isEqualTo(polled);
        assertThatThrownBy(() -> ElevenstClaimMapper.mapRaw(ACCOUNT, "{\"list\":\"refundorders\",\"row\":{}}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("not one of 11st's claim lists");
        assertThatThrownBy(() -> ElevenstClaimMapper.mapRaw(ACCOUNT, "[1,2]")).isInstanceOf(MappingException.class);
    }
}
