package io.marketbridge.marketplace.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.marketplace.esm.EsmClaimMapper.ClaimList;
import io.marketbridge.order.Marketplace;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ESM claim rows (esm.md 2.7: CancelStatus / ReturnStatus, PayNo, OrderNo, GoodsNo, SiteGoodsNo, Reason, ReasonCode,
 * ReasonDetail, OrderDate, PayDate, RequestDate, WithdrawDate, ApproveDate, CompleteDate, AddShippingFee; dates ISO
 * local KST) written by hand, mapped to canonical claims.
 */
class EsmClaimMapperTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A Cancels row as esm.md 2.7 lists its fields; GoodsNo 0 as ESM often sends it, no quantity. */
    static ObjectNode cancelRow(int status, long payNo, long orderNo, String requestDate) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"CancelStatus": %d, "PayNo": %d, "OrderNo": %d, "GoodsNo": 0, "SiteGoodsNo": "C412345678",
                 "Reason": "구매의사 취소", "ReasonCode": "101", "ReasonDetail": "다른 상품으로 주문할게요",
                 "OrderDate": "2026-11-20T10:01:12", "PayDate": "2026-11-20T10:02:40", "RequestDate": "%s",
                 "WithdrawDate": null, "ApproveDate": null, "CompleteDate": null, "AddShippingFee": "0.0000"}
                """.formatted(status, payNo, orderNo, requestDate));
    }

    static OffsetDateTime kst(String local) {
        return OffsetDateTime.parse(local + "+09:00");
    }

    @Test
    void aRequestedCancelOfOneOrderNoOfACartClaimsThatLineOnlyWithItsWholeQuantity() throws Exception {
        // cart 3001 has three OrderNos; the buyer cancels 4002, an OrderNo of 3 units (ESM claims a whole OrderNo)
        JsonNode row = cancelRow(1, 3001, 4002, "2026-11-21T09:30:15");
        Claim c = EsmClaimMapper.map(Marketplace.GMARKET, ClaimList.CANCELS, "acct-g", row, 3);
        assertThat(c.marketplace()).isEqualTo(Marketplace.GMARKET);
        assertThat(c.accountId()).isEqualTo("acct-g");
        assertThat(c.orderId()).isEqualTo("3001");
        assertThat(c.type()).isEqualTo(ClaimType.CANCEL);
        assertThat(c.status()).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(c.lines()).containsExactly(new ClaimLine("4002", "4002", 3));
        assertThat(c.reasonCode()).isEqualTo("101");
        assertThat(c.reasonText()).isEqualTo("구매의사 취소: 다른 상품으로 주문할게요");
        assertThat(c.requestedAt()).isEqualTo(kst("2026-11-21T09:30:15"));
        assertThat(c.statusAt()).isEqualTo(kst("2026-11-21T09:30:15"));
        assertThat(c.marketplaceStatus()).isEqualTo("CancelStatus=1");
        assertThat(c.claimId()).isEqualTo(ClaimIntake.derivedClaimId(Marketplace.GMARKET, "4002", "CANCEL", "2026-11-21T09:30:15"));
        assertThat(JSON.readTree(c.rawPayload()).get("Row")).isEqualTo(row);
        assertThat(JSON.readTree(c.rawPayload()).get("ContrAmount").asInt()).isEqualTo(3);
    }

    @Test
    void anOrderNoTheRuntimeNeverDeliveredIsClaimedWithQuantityOne() throws Exception {
        Claim c = EsmClaimMapper.map(Marketplace.AUCTION, ClaimList.CANCELS, "acct-a", cancelRow(1, 5001, 6001,
                "2026-11-21T09:30:15"), null);
        assertThat(c.lines()).containsExactly(new ClaimLine("6001", "6001", 1));
        assertThat(JSON.readTree(c.rawPayload()).has("ContrAmount")).isFalse();
    }

    @Test
    void everyStatusOfOneClaimHasOneIdAndANewRequestOnTheSameOrderNoAnother() throws Exception {
        ObjectNode requested = cancelRow(1, 3001, 4002, "2026-11-21T09:30:15");
        ObjectNode completed = cancelRow(3, 3001, 4002, "2026-11-21T09:30:15.250");
        completed.put("ApproveDate", "2026-11-21T11:00:00");
        completed.put("CompleteDate", "2026-11-21T11:00:05");
        Claim first = EsmClaimMapper.map(Marketplace.GMARKET, ClaimList.CANCELS, "acct-g", requested, 3);
        Claim done = EsmClaimMapper.map(Marketplace.GMARKET, ClaimList.CANCELS, "acct-g", completed, 3);
        assertThat(done.claimId()).isEqualTo(first.claimId()); // fractions of the second do not move the id
        assertThat(done.status()).isEqualTo(ClaimStatus.COMPLETED);
        assertThat(done.statusAt()).isEqualTo(kst("2026-11-21T11:00:05"));
        // the same OrderNo requested again after a withdrawal is another claim
        Claim again = EsmClaimMapper.map(Marketplace.GMARKET, ClaimList.CANCELS, "acct-g", cancelRow(1, 3001, 4002,
                "2026-11-22T08:00:00"), 3);
        assertThat(again.claimId()).isNotEqualTo(first.claimId());
        // and a return of it, or the same OrderNo number on the other site, too
        assertThat(EsmClaimMapper.claimId(Marketplace.GMARKET, ClaimType.RETURN, requested)).isNotEqualTo(first.claimId());
        assertThat(EsmClaimMapper.claimId(Marketplace.AUCTION, ClaimType.CANCEL, requested)).isNotEqualTo(first.claimId());
    }

    @Test
    void esmsStatusNumbersMapToTheCanonicalStatuses() {
        assertThat(EsmClaimMapper.status(1, "CancelStatus")).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(EsmClaimMapper.status(2, "CancelStatus")).isEqualTo(ClaimStatus.APPROVED);
        assertThat(EsmClaimMapper.status(3, "CancelStatus")).isEqualTo(ClaimStatus.COMPLETED);
        assertThat(EsmClaimMapper.status(4, "CancelStatus")).isEqualTo(ClaimStatus.WITHDRAWN);
        assertThat(EsmClaimMapper.status(5, "CancelStatus")).isEqualTo(ClaimStatus.COMPLETED);
        assertThat(EsmClaimMapper.status(6, "CancelStatus")).isEqualTo(ClaimStatus.COMPLETED);
        assertThatThrownBy(() -> EsmClaimMapper.status(0, "ReturnStatus")).isInstanceOf(MappingException.class)
                .hasMessageContaining("ReturnStatus");
        assertThatThrownBy(() -> EsmClaimMapper.status(7, "CancelStatus")).isInstanceOf(MappingException.class);
    }

    @Test
    void aProcessingCancelIsApprovedAtItsApproveDate() throws Exception {
        ObjectNode row = cancelRow(2, 3001, 4002, "2026-11-21T09:30:15");
        row.put("ApproveDate", "2026-11-21T10:15:00");
        Claim c = EsmClaimMapper.map(Marketplace.GMARKET, ClaimList.CANCELS, "acct-g", row, 1);
        assertThat(c.status()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(c.statusAt()).isEqualTo(kst("2026-11-21T10:15:00"));
    }

    @Test
    void aWithdrawnCancelIsWithdrawnAtItsWithdrawDate() throws Exception {
        ObjectNode row = cancelRow(4, 3001, 4002, "2026-11-21T09:30:15");
        row.put("WithdrawDate", "2026-11-21T09:45:00");
        Claim c = EsmClaimMapper.map(Marketplace.AUCTION, ClaimList.CANCELS, "acct-a", row, 1);
        assertThat(c.status()).isEqualTo(ClaimStatus.WITHDRAWN);
        assertThat(c.statusAt()).isEqualTo(kst("2026-11-21T09:45:00"));
        assertThat(c.marketplaceStatus()).isEqualTo("CancelStatus=4");
        assertThat(c.claimId()).isEqualTo(ClaimIntake.derivedClaimId(Marketplace.AUCTION, "4002", "CANCEL", "2026-11-21T09:30:15"));
    }

    @Test
    void anOpenClaimNoLongerListedIsRejectedWithItsRecordedLine() {
        Claim c = EsmClaimMapper.unlisted(Marketplace.GMARKET, "acct-g", "Dabc", "3001", ClaimType.CANCEL,
                new ClaimLine("4002", "4002", 3), "101", "구매의사 취소", kst("2026-11-21T09:30:15"));
        assertThat(c.status()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(c.marketplaceStatus()).isEqualTo(EsmClaimMapper.UNLISTED);
        assertThat(c.claimId()).isEqualTo("Dabc");
        assertThat(c.lines()).containsExactly(new ClaimLine("4002", "4002", 3));
        assertThat(c.statusAt()).isNull();
        assertThat(c.requestedAt()).isEqualTo(kst("2026-11-21T09:30:15"));
    }

    @Test
    void anExchangeAndAReturnAreReadFromTheirOwnStatusFields() throws Exception {
        JsonNode exchange = JSON.readTree("""
                {"ExchangeStatus": 1, "PayNo": 7001, "OrderNo": 8001, "GoodsNo": null, "SiteGoodsNo": "B123456789",
                 "Reason": "사이즈 교환", "ReasonCode": "301", "ReasonDetail": "",
                 "OrderDate": "2026-11-10T08:00:00", "PayDate": "2026-11-10T08:00:30", "RequestDate": "2026-11-18T14:20:00",
                 "WithdrawDate": null, "ApproveDate": null, "CompleteDate": null, "AddShippingFee": "3000.0000"}
                """);
        Claim c = EsmClaimMapper.map(Marketplace.AUCTION, ClaimList.EXCHANGES, "acct-a", exchange, 2);
        assertThat(c.type()).isEqualTo(ClaimType.EXCHANGE);
        assertThat(c.status()).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(c.reasonText()).isEqualTo("사이즈 교환");
        assertThat(c.marketplaceStatus()).isEqualTo("ExchangeStatus=1");
        assertThat(c.lines()).containsExactly(new ClaimLine("8001", "8001", 2));

        JsonNode returned = JSON.readTree("""
                {"ReturnStatus": "3", "PayNo": 7001, "OrderNo": 8002, "RequestDate": "2026-11-18T14:20:00",
                 "ApproveDate": "2026-11-19T09:00:00", "CompleteDate": null, "Reason": null, "ReasonDetail": "파손"}
                """);
        Claim r = EsmClaimMapper.map(Marketplace.GMARKET, ClaimList.RETURNS, "acct-g", returned, 1);
        assertThat(r.type()).isEqualTo(ClaimType.RETURN);
        assertThat(r.status()).isEqualTo(ClaimStatus.COMPLETED);
        assertThat(r.statusAt()).isEqualTo(kst("2026-11-19T09:00:00")); // no CompleteDate yet: the approval
        assertThat(r.reasonText()).isEqualTo("파손");
        assertThat(r.reasonCode()).isNull();
    }

    @Test
    void theListsTakeTheirOwnSiteTypes() {
        assertThat(ClaimList.CANCELS.siteType(Marketplace.GMARKET)).isEqualTo(3);
        assertThat(ClaimList.CANCELS.siteType(Marketplace.AUCTION)).isEqualTo(1);
        assertThat(ClaimList.RETURNS.siteType(Marketplace.GMARKET)).isEqualTo(2);
        assertThat(ClaimList.EXCHANGES.siteType(Marketplace.GMARKET)).isEqualTo(2);
        assertThat(ClaimList.EXCHANGES.siteType(Marketplace.AUCTION)).isEqualTo(1);
    }

    @Test
    void aMalformedRowNamesTheFieldNeverItsValue() throws Exception {
        ObjectNode noDate = cancelRow(1, 3001, 4002, "2026-11-21T09:30:15");
        noDate.putNull("RequestDate");
        ObjectNode badDate = cancelRow(1, 3001, 4002, "21/11/2026 09:30");
        ObjectNode noStatus = cancelRow(1, 3001, 4002, "2026-11-21T09:30:15");
        noStatus.remove("CancelStatus");
        ObjectNode unknownStatus = cancelRow(9, 3001, 4002, "2026-11-21T09:30:15");
        ObjectNode letters = cancelRow(1, 3001, 4002, "2026-11-21T09:30:15");
        letters.put("OrderNo", "ABC-secret");
        ObjectNode noPayNo = cancelRow(1, 3001, 4002, "2026-11-21T09:30:15");
        noPayNo.remove("PayNo");
        for (var c : List.of(List.of(noDate, "RequestDate"), List.of(badDate, "RequestDate"), List.of(noStatus, "CancelStatus"),
                List.of(unknownStatus, "CancelStatus"), List.of(letters, "OrderNo"), List.of(noPayNo, "PayNo"))) {
            assertThatThrownBy(() -> EsmClaimMapper.map(Marketplace.GMARKET, ClaimList.CANCELS, "acct-g", (JsonNode) c.get(0), 1))
                    .isInstanceOf(MappingException.class).hasMessageContaining((String) c.get(1))
                    .hasMessageNotContaining("21/11/2026").hasMessageNotContaining("ABC-secret");
        }
        assertThat(EsmClaimMapper.claimId(Marketplace.GMARKET, ClaimType.CANCEL, noDate)).isNull();
        assertThat(EsmClaimMapper.claimId(Marketplace.GMARKET, ClaimType.CANCEL, badDate)).isNull();
    }

    @Test
    void aStoredPayloadIsMappedAgainForAReplay() throws Exception {
        Claim c = EsmClaimMapper.map(Marketplace.AUCTION, ClaimList.RETURNS, "acct-a", JSON.readTree("""
                {"ReturnStatus": 1, "PayNo": 9001, "OrderNo": 9101, "RequestDate": "2026-11-18T14:20:00", "Reason": "불량"}
                """), 2);
        assertThat(EsmClaimMapper.mapRaw("acct-a", c.rawPayload())).containsExactly(c);
        assertThatThrownBy(() -> EsmClaimMapper.mapRaw("acct-a", "{\"Marketplace\":\"NAVER\",\"ClaimType\":\"CANCEL\",\"Row\":{}}"))
                .isInstanceOf(MappingException.class);
        assertThatThrownBy(() -> EsmClaimMapper.mapRaw("acct-a", "not json")).isInstanceOf(MappingException.class);
    }
}
