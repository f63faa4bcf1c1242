package io.marketbridge.claim;

/**
 * One order line a claim covers.
 *
 * @param lineId     the line's id as in MB_ORDER_LINE (the same id the marketplace's order carries)
 * @param shipmentId the shipping unit of that line, when the marketplace says (may be null)
 * @param quantity   how many of the line's items are claimed (at least 1)
 */
public record ClaimLine(String lineId, String shipmentId, int quantity) {
}
