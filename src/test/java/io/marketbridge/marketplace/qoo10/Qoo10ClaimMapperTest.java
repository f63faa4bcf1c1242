package io.marketbridge.marketplace.qoo10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * Qoo10ClaimMapper on GetClaimInfo_V3 rows written by hand from qoo10.md 3.4 (claimStatus, requestDate,
 * cancelRefundDate, reason, orderNo, packNo, itemCode, sellerItemCode, orderQty, currency, paymentAmount, trackingNo)
 * and on GetShippingAndClaimInfoByOrderNo_V2 rows with the GetShippingInfo_v2 names plus claimStatus.
 */
class Qoo10ClaimMapperTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-20T12:00:00+09:00");

    static JsonNode json(String text) throws Exception {
        return OrderJson.mapper().readTree(text.replace('\'', '"'));
    }

    /** A claim row: orderNo 1012345678 of cart 70012345, 3 pieces ordered. */
    static JsonNode row(String stat, Object qty, String done) throws Exception {
        return json("{'claimStatus':'" + stat + "','requestDate':'2026-11-18 10:15:30','cancelRefundDate':'" + done + "',"
                + "'reason':'注文間違い','orderNo':1012345678,'packNo':70012345,'itemCode':'812345678','sellerItemCode':'TSHIRT-JP',"
                + "'orderQty':" + qty + ",'currency':'JPY','paymentAmount':'5940.0000','trackingNo':''}");
    }

    @Test
    void aCancelRequestIsARequestedCancelOnTheOrderNoLine() throws Exception {
        Claim c = Qoo10ClaimMapper.map("acct", row("1", 3, ""));
        assertThat(c.marketplace()).isEqualTo(Marketplace.QOO10);
        assertThat(c.type()).isEqualTo(ClaimType.CANCEL);
        assertThat(c.status()).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(c.marketplaceStatus()).isEqualTo("1");
        assertThat(c.orderId()).isEqualTo("70012345");
        assertThat(c.lines()).containsExactly(new ClaimLine("1012345678", "1012345678", 3));
        assertThat(c.reasonText()).isEqualTo("注文間違い");
        assertThat(c.requestedAt()).isEqualTo(OffsetDateTime.parse("2026-11-18T10:15:30+09:00"));
        assertThat(c.statusAt()).isEqualTo(c.requestedAt());
        assertThat(c.claimId()).isEqualTo(ClaimIntake.derivedClaimId(Marketplace.QOO10, "1012345678", "CANCEL",
                "2026-11-18 10:15:30"));
    }

    @Test
    void theClaimIdStaysWhileTheCancelMovesOnAndTheCompletionCarriesItsDate() throws Exception {
        Claim requested = Qoo10ClaimMapper.map("acct", row("1", 3, ""));
        Claim cancelling = Qoo10ClaimMapper.map("acct", row("2", 3, ""));
        Claim cancelled = Qoo10ClaimMapper.map("acct", row("3", 3, "2026-11-19 09:00:00"));
        assertThat(cancelling.claimId()).isEqualTo(requested.claimId());
        assertThat(cancelled.claimId()).isEqualTo(requested.claimId());
        assertThat(cancelling.status()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(cancelled.status()).isEqualTo(ClaimStatus.COMPLETED);
        assertThat(cancelled.statusAt()).isEqualTo(OffsetDateTime.parse("2026-11-19T09:00:00+09:00"));
    }

    @Test
    void aPartialCancelOfOneOfThreePiecesCarriesTheClaimedQuantity() throws Exception {
        Claim c = Qoo10ClaimMapper.map("acct", row("1", "\"1\"", ""));
        assertThat(c.lines()).extracting(ClaimLine::quantity).containsExactly(1);
    }

    @Test
    void returnsAndExchangesByTheirClaimStats() throws Exception {
        assertThat(Qoo10ClaimMapper.map("acct", row("4", 1, ""))).extracting(Claim::type, Claim::status)
                .containsExactly(ClaimType.RETURN, ClaimStatus.REQUESTED);
        assertThat(Qoo10ClaimMapper.map("acct", row("6", 1, "2026-11-19 09:00:00"))).extracting(Claim::type, Claim::status)
                .containsExactly(ClaimType.RETURN, ClaimStatus.COMPLETED);
        Claim exchange = Qoo10ClaimMapper.map("acct", row("11", 1, ""));
        assertThat(exchange.type()).isEqualTo(ClaimType.EXCHANGE);
        assertThat(exchange.status()).isEqualTo(ClaimStatus.REQUESTED);
        // a return of the same orderNo is another claim than its cancel
        assertThat(Qoo10ClaimMapper.map("acct", row("4", 1, "")).claimId())
                .isNotEqualTo(Qoo10ClaimMapper.map("acct", row("1", 1, "")).claimId());
    }

    @Test
    void aCancelNoLongerOnAnUnshippedOrderIsWithdrawn() throws Exception {
        JsonNode read = json("[{'orderNo':'1012345678','packNo':'70012345','shippingStatus':'2','claimStatus':'0'}]");
        Claim c = Qoo10ClaimMapper.settled("acct", row("1", 3, ""), read, NOW);
        assertThat(c.status()).isEqualTo(ClaimStatus.WITHDRAWN);
        assertThat(c.claimId()).isEqualTo(Qoo10ClaimMapper.map("acct", row("1", 3, "")).claimId());
        assertThat(c.statusAt()).isEqualTo(NOW);
        assertThat(c.marketplaceStatus()).isEqualTo("0");
        // its raw payload maps again to the same claim (replay)
        assertThat(Qoo10ClaimMapper.mapRaw("acct", c.rawPayload(), NOW)).containsExactly(c);
    }

    @Test
    void aCancelNoLongerOnAShippedOrderIsRejected() throws Exception {
        JsonNode read = json("[{'orderNo':'1012345678','shippingStatus':'4','claimStatus':''}]");
        assertThat(Qoo10ClaimMapper.settled("acct", row("1", 3, ""), read, NOW).status()).isEqualTo(ClaimStatus.REJECTED);
    }

    @Test
    void anOrderStillShowingAClaimOrMissingSettlesNothing() throws Exception {
        assertThat(Qoo10ClaimMapper.settled("acct", row("1", 3, ""),
                json("[{'orderNo':'1012345678','shippingStatus':'2','claimStatus':'1'}]"), NOW)).isNull();
        assertThat(Qoo10ClaimMapper.settled("acct", row("1", 3, ""),
                json("[{'orderNo':'1099999999','shippingStatus':'2','claimStatus':'0'}]"), NOW)).isNull();
    }

    @Test
    void malformedRowsAreRefusedNamingTheFieldNotItsValue() throws Exception {
        assertThatThrownBy(() -> Qoo10ClaimMapper.map("acct", row("1", "\"二\"", "")))
                .isInstanceOf(MappingException.class).hasMessageContaining("orderQty").hasMessageNotContaining("二");
        assertThatThrownBy(() -> Qoo10ClaimMapper.map("acct", row("14", 1, ""))).isInstanceOf(MappingException.class)
                .hasMessageContaining("claimStatus");
        assertThatThrownBy(() -> Qoo10ClaimMapper.map("acct", json("{'claimStatus':'1','orderQty':1,'packNo':1}")))
                .isInstanceOf(MappingException.class).hasMessageContaining("orderNo");
    }

    @Test
    void aStoredRowMapsAgainForAReplay() throws Exception {
        Claim c = Qoo10ClaimMapper.map("acct", row("3", 2, "2026-11-19 09:00:00"));
        assertThat(Qoo10ClaimMapper.mapRaw("acct", c.rawPayload(), NOW)).containsExactly(c);
    }
}
