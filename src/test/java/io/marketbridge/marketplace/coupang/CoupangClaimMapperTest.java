package io.marketbridge.marketplace.coupang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.support.Fixtures;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Coupang's claim records (coupang.md 1.8, hand-written fixtures under coupang/claims) onto canonical claims. */
class CoupangClaimMapperTest {

    static JsonNode data(String fixture, int index) throws Exception {
        return Fixtures.json("coupang/claims/" + fixture).get("data").get(index);
    }

    @Test
    void aStopShipmentRequestForOneOfThreePiecesIsARequestedCancelOfOnePiece() throws Exception {
        JsonNode receipt = data("returnrequests-v6-page.json", 0);
        List<Claim> claims = CoupangClaimMapper.receipt("acme", receipt);

        assertThat(claims).hasSize(1);
        Claim c = claims.get(0);
        assertThat(c.marketplace()).isEqualTo(Marketplace.COUPANG);
        assertThat(c.accountId()).isEqualTo("acme");
        assertThat(c.claimId()).isEqualTo("470000000001");
        assertThat(c.orderId()).isEqualTo("27000000000101");
        assertThat(c.type()).isEqualTo(ClaimType.CANCEL);
        assertThat(c.status()).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(c.marketplaceStatus()).isEqualTo("RELEASE_STOP_UNCHECKED");
        assertThat(c.reasonCode()).isEqualTo("CHANGEMIND");
        assertThat(c.reasonText()).isEqualTo("단순 변심");
        assertThat(c.requestedAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T09:15:00+09:00"));
        // 1 of the 3 pieces; the item with cancelCount 0 is not a line of the claim; the line id is the order's
        assertThat(c.lines()).containsExactly(new ClaimLine("310000000000201-880000000101", "310000000000201", 1));
        assertThat(c.rawPayload()).contains("\"receiptId\":470000000001");
    }

    @Test
    void aReturnReceivedByTheSellerIsAnApprovedReturnOfItsPieces() throws Exception {
        Claim c = CoupangClaimMapper.receipt("acme", data("returnrequests-v6-page.json", 1)).get(0);

        assertThat(c.type()).isEqualTo(ClaimType.RETURN);
        assertThat(c.status()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(c.marketplaceStatus()).isEqualTo("VENDOR_WAREHOUSE_CONFIRM");
        assertThat(c.statusAt()).isEqualTo(OffsetDateTime.parse("2026-11-21T11:30:00+09:00"));
        // shipmentBoxId given as a string is the same id
        assertThat(c.lines()).containsExactly(new ClaimLine("310000000000202-880000000201", "310000000000202", 2));
    }

    @Test
    void aStopRequestAnsweredAlreadyShippedRejectsTheCancelAndGoesOnAsAReturn() throws Exception {
        List<Claim> claims = CoupangClaimMapper.receipt("acme", data("returnrequests-v6-page.json", 2));

        assertThat(claims).extracting(Claim::claimId).containsOnly("470000000003");
        assertThat(claims).extracting(Claim::type, Claim::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ClaimType.CANCEL, ClaimStatus.REJECTED),
                org.assertj.core.groups.Tuple.tuple(ClaimType.RETURN, ClaimStatus.REQUESTED));
        assertThat(claims.get(1).lines()).containsExactly(new ClaimLine("310000000000203-880000000301", "310000000000203", 1));
    }

    @Test
    void aReceiptOfTheCancelListIsACompletedCancel() throws Exception {
        Claim c = CoupangClaimMapper.receipt("acme", data("returnrequests-v6-cancel.json", 0)).get(0);

        assertThat(c.type()).isEqualTo(ClaimType.CANCEL);
        assertThat(c.status()).isEqualTo(ClaimStatus.COMPLETED);
        assertThat(c.marketplaceStatus()).isEqualTo("RETURNS_COMPLETED");
        assertThat(c.lines()).containsExactly(new ClaimLine("310000000000211-880000001101", "310000000000211", 3));
    }

    @Test
    void aReceiptItemWithoutItsBoxIsRefusedNamingTheField() throws Exception {
        JsonNode broken = data("returnrequests-v6-page.json", 3);
        assertThatThrownBy(() -> CoupangClaimMapper.receipt("acme", broken))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("returnItems[0].shipmentBoxId is missing")
                .hasMessageNotContaining("880000000401");
    }

    @Test
    void statusesAndTypesFollowTheDocsCodes() {
        assertThat(CoupangClaimMapper.receiptStatus("RETURNS_UNCHECKED")).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(CoupangClaimMapper.receiptStatus("REQUEST_COUPANG_CHECK")).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(CoupangClaimMapper.receiptStatus("RETURNS_COMPLETED")).isEqualTo(ClaimStatus.COMPLETED);
        assertThatThrownBy(() -> CoupangClaimMapper.receiptStatus("RETURNS_SOMETHING")).isInstanceOf(MappingException.class);
        // a RETURN receipt of goods stopped before leaving is a cancel; shipped ones, or unknown, a return
        assertThat(CoupangClaimMapper.type("RETURN", "RETURNS_COMPLETED", Set.of("S"))).isEqualTo(ClaimType.CANCEL);
        assertThat(CoupangClaimMapper.type("RETURN", "RETURNS_COMPLETED", Set.of("S", "Y"))).isEqualTo(ClaimType.RETURN);
        assertThat(CoupangClaimMapper.type("RETURN", "RETURNS_UNCHECKED", Set.of())).isEqualTo(ClaimType.RETURN);
        assertThat(CoupangClaimMapper.type("CANCEL", "RETURNS_COMPLETED", Set.of("N"))).isEqualTo(ClaimType.CANCEL);
    }

    @Test
    void exchangesMapByExchangeIdWithRejectedAndWithdrawnOnes() throws Exception {
        Claim requested = CoupangClaimMapper.exchange("acme", data("exchangerequests-v4.json", 0)).get(0);
        assertThat(requested.claimId()).isEqualTo("105000000001");
        assertThat(requested.type()).isEqualTo(ClaimType.EXCHANGE);
        assertThat(requested.status()).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(requested.marketplaceStatus()).isEqualTo("RECEIPT");
        assertThat(requested.reasonCode()).isEqualTo("COLORSIZE");
        // the line is the ordered option (orderItemId) in its original box, not the option asked for instead
        assertThat(requested.lines()).containsExactly(new ClaimLine("310000000000221-880000002101", "310000000000221", 1));

        Claim rejected = CoupangClaimMapper.exchange("acme", data("exchangerequests-v4.json", 1)).get(0);
        assertThat(rejected.status()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(rejected.lines()).containsExactly(new ClaimLine("310000000000222-880000002201", "310000000000222", 2));

        Claim withdrawn = CoupangClaimMapper.exchange("acme", data("exchangerequests-v4.json", 2)).get(0);
        assertThat(withdrawn.status()).isEqualTo(ClaimStatus.WITHDRAWN);
        assertThat(withdrawn.marketplaceStatus()).isEqualTo("CANCEL");
    }

    @Test
    void aWithdrawalTakesTheReceiptsTypeAndLines() throws Exception {
        JsonNode record = data("returnwithdrawrequests-v4.json", 0);
        String raw = CoupangClaimMapper.withdrawalPayload(record, data("returnrequests-v6-page.json", 0));

        List<Claim> claims = CoupangClaimMapper.raw("acme", raw);

        assertThat(claims).hasSize(1);
        Claim c = claims.get(0);
        assertThat(c.claimId()).isEqualTo("470000000001");
        assertThat(c.type()).isEqualTo(ClaimType.CANCEL);
        assertThat(c.status()).isEqualTo(ClaimStatus.WITHDRAWN);
        assertThat(c.marketplaceStatus()).isEqualTo(CoupangClaimMapper.WITHDRAWN);
        assertThat(c.statusAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T10:02:03+09:00"));
        assertThat(c.lines()).containsExactly(new ClaimLine("310000000000201-880000000101", "310000000000201", 1));
        assertThat(c.rawPayload()).isEqualTo(raw);

        // a withdrawal paired with another receipt, or naming items the receipt does not hold, is refused
        String other = CoupangClaimMapper.withdrawalPayload(record, data("returnrequests-v6-page.json", 1));
        assertThatThrownBy(() -> CoupangClaimMapper.raw("acme", other)).isInstanceOf(MappingException.class)
                .hasMessageContaining("another one");
        ObjectNode stranger = record.deepCopy();
        stranger.putArray("vendorItemIds").add(1L);
        String none = CoupangClaimMapper.withdrawalPayload(stranger, data("returnrequests-v6-page.json", 0));
        assertThatThrownBy(() -> CoupangClaimMapper.raw("acme", none)).hasMessageContaining("vendorItemIds");
    }

    @Test
    void aStoredPayloadIsMappedAgainForAReplay() throws Exception {
        JsonNode receipt = data("returnrequests-v6-cancel.json", 0);
        assertThat(CoupangClaimMapper.raw("acme", receipt.toString()))
                .isEqualTo(CoupangClaimMapper.receipt("acme", receipt));
        JsonNode exchange = data("exchangerequests-v4.json", 0);
        assertThat(CoupangClaimMapper.raw("acme", exchange.toString()))
                .isEqualTo(CoupangClaimMapper.exchange("acme", exchange));
        assertThatThrownBy(() -> CoupangClaimMapper.raw("acme", "{\"orderId\":1}")).isInstanceOf(MappingException.class);
        assertThatThrownBy(() -> CoupangClaimMapper.raw("acme", "not json")).isInstanceOf(MappingException.class);
    }
}
