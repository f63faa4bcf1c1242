package io.marketbridge.marketplace.naver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Naver claims on fixtures written by hand from naver.md 2.4 (feed rows), 2.5 (the detail and its cancel / return /
 * exchange objects under currentClaim, completedClaims[]) and 2.10 (claimType, claimStatus).
 */
class NaverClaimMapperTest {

    static final String ORDER = "2026112310000001";
    static final String LINE = "2026112310000101";

    /** A product-order detail: the order, a 3-piece product order with a buyer and address, and the claim parts given. */
    static ObjectNode detail(String productOrderStatus, String claimParts) throws Exception {
        String json = """
                {"order": {"orderId": "%s", "orderDate": "2026-11-23T09:58:10.000+09:00",
                           "paymentDate": "2026-11-23T10:00:03.000+09:00", "ordererId": "buyer01",
                           "ordererName": "이서연", "ordererTel": "010-2345-6789", "paymentMeans": "신용카드"},
                 "productOrder": {"productOrderId": "%s", "productOrderStatus": "%s", "placeOrderStatus": "OK",
                                  "productId": "8123456701", "productName": "무선 이어폰", "optionCode": "44120001",
                                  "quantity": 3, "initialQuantity": 3, "remainQuantity": 3, "unitPrice": 30000,
                                  "totalProductAmount": 90000, "totalPaymentAmount": 90000,
                                  "shippingAddress": {"addressType": "DOMESTIC", "name": "박서준", "tel1": "010-9876-5432",
                                                      "baseAddress": "서울특별시 강남구 테헤란로 152", "detailedAddress": "12층",
                                                      "zipCode": "06236"},
                                  "individualCustomUniqueCode": "P123456789012"}
                 %s}
                """.formatted(ORDER, LINE, productOrderStatus, claimParts.isEmpty() ? "" : ", " + claimParts);
        return (ObjectNode) OrderJson.mapper().readTree(json);
    }

    static JsonNode record(JsonNode detail, String... changes) throws Exception {
        List<JsonNode> rows = new java.util.ArrayList<>();
        for (String c : changes) {
            rows.add(OrderJson.mapper().readTree(c));
        }
        return NaverClaimMapper.record(detail, rows);
    }

    static String change(String type, String at, String claimType, String claimStatus) {
        return """
                {"orderId": "%s", "productOrderId": "%s", "lastChangedType": "%s", "paymentDate": "2026-11-23T10:00:03.000+09:00",
                 "lastChangedDate": "%s", "productOrderStatus": "PAYED"%s, "receiverAddressChanged": false}
                """.formatted(ORDER, LINE, type, at,
                claimType == null ? "" : ", \"claimType\": \"" + claimType + "\", \"claimStatus\": \"" + claimStatus + "\"");
    }

    static List<Claim> map(JsonNode record) {
        return NaverClaimMapper.map("acme-naver", record);
    }

    static OffsetDateTime t(String s) {
        return OffsetDateTime.parse(s);
    }

    @Test
    void aPartialCancelOfOneOfThreePiecesIsOneClaimOfOnePieceOnTheProductOrder() throws Exception {
        JsonNode r = record(detail("PAYED", """
                "currentClaim": {"cancel": {"claimId": "2026112300000501", "claimStatus": "CANCEL_REQUEST",
                    "claimRequestDate": "2026-11-23T11:20:00.000+09:00", "requestChannel": "구매자", "requestQuantity": 1,
                    "cancelReason": "INTENT_CHANGED", "cancelDetailedReason": "하나만 필요해요",
                    "refundExpectedDate": "2026-11-24T11:20:00.000+09:00"}}
                """), change("CLAIM_REQUESTED", "2026-11-23T11:20:00.000+09:00", "CANCEL", "CANCEL_REQUEST"));
        List<Claim> claims = map(r);
        assertThat(claims).hasSize(1);
        Claim c = claims.get(0);
        assertThat(c.marketplace()).isEqualTo(Marketplace.NAVER);
        assertThat(c.accountId()).isEqualTo("acme-naver");
        assertThat(c.claimId()).isEqualTo("2026112300000501");
        assertThat(c.orderId()).isEqualTo(ORDER);
        assertThat(c.type()).isEqualTo(ClaimType.CANCEL);
        assertThat(c.status()).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(c.marketplaceStatus()).isEqualTo("CANCEL_REQUEST");
        assertThat(c.reasonCode()).isEqualTo("INTENT_CHANGED");
        assertThat(c.reasonText()).isEqualTo("하나만 필요해요");
        assertThat(c.requestedAt()).isEqualTo(t("2026-11-23T11:20:00+09:00"));
        assertThat(c.statusAt()).isEqualTo(c.requestedAt());
        // the line and its shipping unit are the productOrderId, as NaverOrderMapper builds them
        assertThat(c.lines()).containsExactly(new ClaimLine(LINE, LINE, 1));
    }

    @Test
    void theRawPayloadKeepsTheClaimsButNoBuyerOrAddressField() throws Exception {
        JsonNode r = record(detail("DELIVERED", """
                "currentClaim": {"return": {"claimId": "2026112300000601", "claimStatus": "RETURN_REQUEST",
                    "claimRequestDate": "2026-11-25T08:00:00.000+09:00", "requestQuantity": 3, "returnReason": "BROKEN",
                    "collectDeliveryMethod": "RETURN_DESIGNATED",
                    "collectAddress": {"name": "박서준", "tel1": "010-9876-5432", "baseAddress": "서울특별시 강남구 테헤란로 152"},
                    "returnReceiveAddress": {"name": "판매자", "baseAddress": "경기도 성남시"}}}
                """));
        String raw = map(r).get(0).rawPayload();
        assertThat(raw).contains("2026112300000601", "RETURN_REQUEST", "BROKEN", LINE, ORDER)
                .doesNotContain("이서연", "010-2345-6789", "박서준", "010-9876-5432", "테헤란로", "P123456789012", "buyer01");
        // what was kept maps to the same claims: the raw payload is what a replay maps
        assertThat(NaverClaimMapper.map("acme-naver", OrderJson.mapper().readTree(raw))).isEqualTo(map(r));
    }

    @Test
    void aCompletedCancelShownInCurrentClaimAndCompletedClaimsIsOneClaimAtItsCompletionTime() throws Exception {
        List<Claim> claims = map(record(detail("CANCELED", """
                "currentClaim": {"cancel": {"claimId": "2026112300000502", "claimStatus": "CANCEL_DONE",
                    "claimRequestDate": "2026-11-23T11:20:00.000+09:00", "requestQuantity": 3, "cancelReason": "SOLD_OUT",
                    "cancelApprovalDate": "2026-11-23T12:00:00.000+09:00", "cancelCompletedDate": "2026-11-23T12:00:01.000+09:00"}},
                "completedClaims": [{"claimType": "CANCEL", "claimId": "2026112300000502", "claimStatus": "CANCEL_DONE",
                    "claimRequestDate": "2026-11-23T11:20:00.000+09:00", "requestQuantity": 3, "claimRequestReason": "SOLD_OUT",
                    "claimCompleteOperationDate": "2026-11-23T12:00:01.000+09:00"}]
                """)));
        assertThat(claims).hasSize(1);
        assertThat(claims.get(0).status()).isEqualTo(ClaimStatus.COMPLETED);
        assertThat(claims.get(0).statusAt()).isEqualTo(t("2026-11-23T12:00:01+09:00"));
        assertThat(claims.get(0).lines()).containsExactly(new ClaimLine(LINE, LINE, 3));
    }

    @Test
    void anEarlierCompletedClaimAndTheCurrentOneAreTwoClaims() throws Exception {
        List<Claim> claims = map(record(detail("DELIVERED", """
                "currentClaim": {"return": {"claimId": "2026112300000602", "claimStatus": "COLLECTING",
                    "claimRequestDate": "2026-11-26T09:00:00.000+09:00", "requestQuantity": 2, "returnReason": "WRONG_OPTION"}},
                "completedClaims": [{"claimType": "CANCEL", "claimId": "2026112300000503", "claimStatus": "CANCEL_DONE",
                    "claimRequestDate": "2026-11-23T11:20:00.000+09:00", "requestQuantity": 1, "claimRequestReason": "INTENT_CHANGED",
                    "claimRequestDetailContent": "하나만 필요해요", "claimCompleteOperationDate": "2026-11-23T12:00:01.000+09:00"}]
                """)));
        assertThat(claims).extracting(Claim::claimId, Claim::type, Claim::status, Claim::reasonCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026112300000602", ClaimType.RETURN, ClaimStatus.REQUESTED, "WRONG_OPTION"),
                        org.assertj.core.groups.Tuple.tuple("2026112300000503", ClaimType.CANCEL, ClaimStatus.COMPLETED, "INTENT_CHANGED"));
        assertThat(claims.get(1).reasonText()).isEqualTo("하나만 필요해요");
        assertThat(claims.get(0).lines().get(0).quantity()).isEqualTo(2);
        assertThat(claims.get(1).lines().get(0).quantity()).isEqualTo(1);
    }

    @Test
    void aCancelTheBuyerWithdrewIsWithdrawnAtTheTimeOfTheFeedsChange() throws Exception {
        List<Claim> claims = map(record(detail("PAYED", """
                "currentClaim": {"cancel": {"claimId": "2026112300000504", "claimStatus": "CANCEL_REJECT",
                    "claimRequestDate": "2026-11-23T11:20:00.000+09:00", "requestQuantity": 3, "cancelReason": "INTENT_CHANGED"}}
                """), change("CLAIM_REQUESTED", "2026-11-23T11:20:00.000+09:00", "CANCEL", "CANCEL_REQUEST"),
                change("CLAIM_REJECTED", "2026-11-23T11:45:30.000+09:00", "CANCEL", "CANCEL_REJECT")));
        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ClaimStatus.WITHDRAWN);
            assertThat(c.marketplaceStatus()).isEqualTo("CANCEL_REJECT");
            assertThat(c.statusAt()).isEqualTo(t("2026-11-23T11:45:30+09:00"));
            assertThat(c.requestedAt()).isEqualTo(t("2026-11-23T11:20:00+09:00"));
        });
    }

    @Test
    void aReturnTheSellerRejectedIsRejected() throws Exception {
        List<Claim> claims = map(record(detail("DELIVERED", """
                "currentClaim": {"return": {"claimId": "2026112300000603", "claimStatus": "RETURN_REJECT",
                    "claimRequestDate": "2026-11-25T08:00:00.000+09:00", "requestQuantity": 1, "returnReason": "PRODUCT_UNSATISFIED",
                    "collectStatus": "COLLECT_CARGO", "collectCompletedDate": "2026-11-26T15:00:00.000+09:00"}}
                """), change("CLAIM_REJECTED", "2026-11-27T10:00:00.000+09:00", "RETURN", "RETURN_REJECT")));
        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ClaimType.RETURN);
            assertThat(c.status()).isEqualTo(ClaimStatus.REJECTED);
            assertThat(c.statusAt()).isEqualTo(t("2026-11-27T10:00:00+09:00"));
        });
    }

    @Test
    void anExchangeMovesFromRequestedToApprovedWhenCollectedAndWhenShippedAgain() throws Exception {
        String exchange = """
                "currentClaim": {"exchange": {"claimId": "2026112300000701", "claimStatus": "%s",
                    "claimRequestDate": "2026-11-25T08:00:00.000+09:00", "requestQuantity": 1, "exchangeReason": "COLOR_AND_SIZE",
                    "exchangeDetailedReason": "사이즈 교환", "collectDeliveryMethod": "RETURN_DESIGNATED"%s}}
                """;
        Claim requested = map(record(detail("DELIVERED", exchange.formatted("EXCHANGE_REQUEST", "")))).get(0);
        assertThat(requested.type()).isEqualTo(ClaimType.EXCHANGE);
        assertThat(requested.status()).isEqualTo(ClaimStatus.REQUESTED);
        assertThat(requested.reasonCode()).isEqualTo("COLOR_AND_SIZE");
        assertThat(requested.reasonText()).isEqualTo("사이즈 교환");

        Claim collected = map(record(detail("DELIVERED", exchange.formatted("COLLECT_DONE",
                ", \"collectStatus\": \"COLLECT_CARGO\", \"collectCompletedDate\": \"2026-11-26T15:00:00.000+09:00\"")))).get(0);
        assertThat(collected.status()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(collected.marketplaceStatus()).isEqualTo("COLLECT_DONE");
        assertThat(collected.statusAt()).isEqualTo(t("2026-11-26T15:00:00+09:00"));

        Claim reshipped = map(record(detail("DELIVERED", exchange.formatted("EXCHANGE_REDELIVERING",
                ", \"reDeliveryMethod\": \"DELIVERY\", \"reDeliveryCompany\": \"CJGLS\", \"reDeliveryTrackingNumber\": \"640000000001\"")),
                change("CLAIM_REDELIVERING", "2026-11-27T09:10:00.000+09:00", "EXCHANGE", "EXCHANGE_REDELIVERING"))).get(0);
        assertThat(reshipped.status()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(reshipped.statusAt()).isEqualTo(t("2026-11-27T09:10:00+09:00"));
        // one claim however far it moved
        assertThat(List.of(collected.claimId(), reshipped.claimId())).containsOnly(requested.claimId());

        Claim done = map(record(detail("EXCHANGED", exchange.formatted("EXCHANGE_DONE", "")))).get(0);
        assertThat(done.status()).isEqualTo(ClaimStatus.COMPLETED);
    }

    @Test
    void theDeprecatedTopLevelObjectIsReadWhenCurrentClaimIsAbsent() throws Exception {
        List<Claim> claims = map(record(detail("DELIVERED", """
                "return": {"claimId": "2026112300000604", "claimStatus": "RETURN_DONE",
                    "claimRequestDate": "2026-11-25T08:00:00.000+09:00", "requestQuantity": 3, "returnReason": "BROKEN",
                    "returnCompletedDate": "2026-11-28T10:00:00.000+09:00"}
                """)));
        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ClaimType.RETURN);
            assertThat(c.status()).isEqualTo(ClaimStatus.COMPLETED);
            assertThat(c.statusAt()).isEqualTo(t("2026-11-28T10:00:00+09:00"));
        });
    }

    @Test
    void withoutAClaimIdTheIdIsDerivedFromTheProductOrderTheTypeAndTheRequestTime() throws Exception {
        String cancel = """
                "currentClaim": {"cancel": {"claimStatus": "%s", "claimRequestDate": "%s", "requestQuantity": 1}}
                """;
        Claim requested = map(record(detail("PAYED", cancel.formatted("CANCEL_REQUEST", "2026-11-23T11:20:00.000+09:00")))).get(0);
        Claim done = map(record(detail("PAYED", cancel.formatted("CANCEL_DONE", "2026-11-23T11:20:00.000+09:00")))).get(0);
        assertThat(requested.claimId()).isEqualTo(done.claimId())
                .isEqualTo(ClaimIntake.derivedClaimId(Marketplace.NAVER, LINE, "CANCEL", "2026-11-23T02:20:00Z"));
        Claim later = map(record(detail("PAYED", cancel.formatted("CANCEL_REQUEST", "2026-11-24T09:00:00.000+09:00")))).get(0);
        assertThat(later.claimId()).isNotEqualTo(requested.claimId());
        // the product order's summary id speaks of the claim in force
        ObjectNode withSummary = detail("PAYED", cancel.formatted("CANCEL_REQUEST", "2026-11-23T11:20:00.000+09:00"));
        ((ObjectNode) withSummary.get("productOrder")).put("claimType", "CANCEL").put("claimStatus", "CANCEL_REQUEST")
                .put("claimId", "2026112300000505");
        assertThat(map(record(withSummary)).get(0).claimId()).isEqualTo("2026112300000505");
    }

    @Test
    void onlyTheSummaryFieldsGiveAClaimOfTheWholeProductOrder() throws Exception {
        ObjectNode d = detail("PAYED", "");
        ((ObjectNode) d.get("productOrder")).put("claimType", "ADMIN_CANCEL").put("claimStatus", "ADMIN_CANCELING")
                .put("claimId", "2026112300000506");
        assertThat(map(record(d))).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ClaimType.CANCEL);
            assertThat(c.status()).isEqualTo(ClaimStatus.APPROVED);
            assertThat(c.lines()).containsExactly(new ClaimLine(LINE, LINE, 3));
        });
    }

    @Test
    void aPurchaseDecisionHoldbackIsNoClaim() throws Exception {
        ObjectNode d = detail("DELIVERED", """
                "completedClaims": [{"claimType": "PURCHASE_DECISION_HOLDBACK", "claimId": "2026112300000801",
                    "claimStatus": "PURCHASE_DECISION_HOLDBACK_RELEASE", "claimRequestDate": "2026-11-25T08:00:00.000+09:00"}]
                """);
        assertThat(map(record(d))).isEmpty();
        assertThat(map(record(detail("DELIVERED", "")))).isEmpty();
    }

    @Test
    void aMalformedClaimNamesTheFieldNotTheValue() throws Exception {
        assertThatThrownBy(() -> map(record(detail("PAYED", """
                "currentClaim": {"cancel": {"claimId": "2026112300000507", "claimStatus": "CANCEL_SOMETHING_NEW",
                    "claimRequestDate": "2026-11-23T11:20:00.000+09:00"}}
                """)))).isInstanceOf(MappingException.class)
                .hasMessage("productOrder " + LINE + " currentClaim.cancel.claimStatus is not a known Naver claim status");
        assertThatThrownBy(() -> map(record(detail("PAYED", """
                "currentClaim": {"cancel": {"claimId": "2026112300000507", "claimStatus": "CANCEL_REQUEST", "requestQuantity": 0}}
                """)))).isInstanceOf(MappingException.class).hasMessageContaining("requestQuantity is not a positive number");
        assertThatThrownBy(() -> map(record(detail("PAYED", """
                "currentClaim": {"cancel": {"claimStatus": "CANCEL_REQUEST", "requestQuantity": 1}}
                """)))).isInstanceOf(MappingException.class).hasMessageContaining("claimId and").hasMessageContaining("claimRequestDate are missing");
        ObjectNode noOrder = detail("PAYED", "");
        ((ObjectNode) noOrder.get("order")).remove("orderId");
        assertThatThrownBy(() -> map(record(noOrder))).isInstanceOf(MappingException.class).hasMessage("order.orderId is missing");
    }
}
