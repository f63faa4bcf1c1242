package io.marketbridge.order;

/** Canonical order and line statuses; each marketplace maps its own statuses onto these. */
public enum OrderStatus {
    PAID, CONFIRMED, SHIPPED, DELIVERED,
    CANCEL_REQUESTED, CANCELLED,
    RETURN_REQUESTED, RETURNED,
    EXCHANGE_REQUESTED, EXCHANGED
}
