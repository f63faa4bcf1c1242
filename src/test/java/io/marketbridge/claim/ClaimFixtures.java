package io.marketbridge.claim;

import io.marketbridge.order.Buyer;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.OrderStatus;
import io.marketbridge.order.Receiver;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Orders and claims built in code, the same for every marketplace. */
final class ClaimFixtures {

    static final OffsetDateTime REQUESTED_AT = OffsetDateTime.parse("2026-11-21T09:30:00+09:00");

    private ClaimFixtures() {
    }

    /** An order of the account with lines L1, L2, ... in one shipping unit, all PAID. */
    static Order order(String accountId, String orderId, int lines) {
        List<OrderLine> l = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            l.add(new OrderLine("L" + i, "U-" + orderId, "P" + i, "O" + i, "SKU-" + i, "상품 " + i, null, 2,
                    new BigDecimal("10000"), new BigDecimal("20000"), BigDecimal.ZERO, OrderStatus.PAID, "ACCEPT"));
        }
        return new Order(Marketplace.COUPANG, accountId, orderId, REQUESTED_AT.minusDays(1), REQUESTED_AT.minusDays(1),
                OrderStatus.PAID, "ACCEPT", new Buyer("구매자", "010-0000-0000", null),
                new Receiver("수령인", "010-0000-0001", null, "01234", "서울 예시로 1", "101호"), null, null, "KRW",
                new BigDecimal("20000"), BigDecimal.ZERO, new BigDecimal("3000"), new BigDecimal("23000"), l,
                "{\"orderId\":\"" + orderId + "\"}");
    }

    static Claim claim(String accountId, String claimId, String orderId, ClaimType type, ClaimStatus status, String... lineIds) {
        List<ClaimLine> lines = new ArrayList<>();
        for (String lineId : lineIds) {
            lines.add(new ClaimLine(lineId, "U-" + orderId, 1));
        }
        return new Claim(Marketplace.COUPANG, accountId, claimId, orderId, type, status, "CHANGE_MIND", "=HYPERLINK(\"x\")",
                REQUESTED_AT, REQUESTED_AT.plusHours(1), type + "_" + status, lines,
                "{\"claimId\":\"" + claimId + "\",\"status\":\"" + status + "\"}");
    }
}
