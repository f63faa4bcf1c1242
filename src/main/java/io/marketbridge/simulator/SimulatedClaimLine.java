package io.marketbridge.simulator;

/**
 * One line of a claim as a simulator holds it now, for tests that compare what the runtime collected with what the
 * buyers did: the simulator's own ids, kind and status (as its lists show it), and whether the buyer withdrew it.
 *
 * @param claimId the marketplace's claim number, or null where the marketplace gives none (ESM)
 * @param orderId the order the runtime files the claim under (Coupang orderId, Naver orderId, 11st ordNo, ESM PayNo)
 * @param lineId  the line as the order mapper names it (Coupang shipmentBoxId-vendorItemId, Naver productOrderId,
 *                11st ordPrdSeq, ESM OrderNo)
 * @param kind    CANCEL, RETURN or EXCHANGE (Coupang: the receipt's kind)
 * @param status  the simulator's status code (Coupang receiptStatus or exchangeStatus, Naver claimStatus, 11st
 *                ordCnStatCd or clmStat, ESM CancelStatus / ReturnStatus / ExchangeStatus)
 */
public record SimulatedClaimLine(String claimId, String orderId, String lineId, String kind, String status,
                                 boolean withdrawn) {
}
