package io.marketbridge.marketplace.lotteon;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.stock.LearnedListing;
import io.marketbridge.support.Fixtures;
import org.junit.jupiter.api.Test;

/** Lotte ON has no verified stock call: no stock route, a NOT_SUPPORTED reason, listings still learned from orders. */
class LotteonStockTest {

    final LotteonConnector lotteon = new LotteonConnector();

    @Test
    void thereIsNoStockRouteAndTheReasonSaysWhatTheSellerCanDo() {
        assertThat(lotteon.stockRoute()).isNull();
        assertThat(lotteon.stockNotSupported()).contains("no stock-quantity call", "seller office", "sitmNo");
        assertThat(lotteon.stockGroupsOptions()).isFalse();
    }

    @Test
    void anOrdersListingsAreItsSpdNosWithTheirSitmNos() throws Exception {
        // the hand-built deliveryOrderList of two lines (lotteon.md 4.3)
        Order order = LotteonOrderMapper.map("acme-lotteon", Fixtures.elements(Fixtures.json(
                "lotteon/delivery-orders-two-lines.json").path("data").path("deliveryOrderList")),
                LotteonOrderMapper.Amounts.DEFAULT);
        assertThat(lotteon.listingsOf(order)).extracting(LearnedListing::marketplace, LearnedListing::listingId,
                LearnedListing::optionId).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Marketplace.LOTTEON, "LO2000000101", "LO2000000101_1"),
                        org.assertj.core.groups.Tuple.tuple(Marketplace.LOTTEON, "LO2000000202", "LO2000000202_3"));
    }
}
