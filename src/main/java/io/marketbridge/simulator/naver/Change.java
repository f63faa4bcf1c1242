package io.marketbridge.simulator.naver;

import java.time.ZonedDateTime;

/** One row of the change feed, as things stood right after the change. */
record Change(String productOrderId, String orderId, long at, String type, String status, String claimType,
              String claimStatus, boolean receiverAddressChanged, String giftReceivingStatus, ZonedDateTime paymentDate) {
}
