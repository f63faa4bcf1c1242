package io.marketbridge.shipment;

import io.marketbridge.config.Account;
import io.marketbridge.marketplace.MarketplaceConversation;
import io.marketbridge.order.Marketplace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What goes to the marketplace in one shipping unit (Coupang: one shipmentBoxId): the lines, the courier's
 * code at that marketplace and the tracking number, plus the MB_SHIPMENT rows it answers. The marketplace's
 * ship route runs a short conversation per unit (acknowledge, read, upload, update) and ends it with an
 * outcome ({@link MarketplaceConversation}).
 */
public class ShipUnit extends MarketplaceConversation {

    /** Route variable: the unit a ship route's split is at, kept while each call replaces the body. */
    public static final String VARIABLE = "unit";

    /** A line as delivered: its id, the marketplace's ids for it, and its quantity (0 when unknown). */
    public record Line(String lineId, String productId, String optionId, int quantity) {

        public Line(String lineId, String productId, String optionId) {
            this(lineId, productId, optionId, 0);
        }
    }

    private final Account account;
    private final Marketplace marketplace;
    private final String orderId;
    private final String shipmentId;
    private final Courier courier;
    private final String courierCode;
    private final String trackingNo;
    private final Instant shippedAt;
    private final boolean update;
    private final List<Line> lines = new ArrayList<>();
    private final Set<Long> rowIds = new LinkedHashSet<>();
    private boolean partial;
    private boolean confirmed;
    private boolean reconcile;

    public ShipUnit(Account account, Marketplace marketplace, String orderId, String shipmentId, Courier courier,
                    String courierCode, String trackingNo, Instant shippedAt, boolean update) {
        this.account = account;
        this.marketplace = marketplace;
        this.orderId = orderId;
        this.shipmentId = shipmentId;
        this.courier = courier;
        this.courierCode = courierCode;
        this.trackingNo = trackingNo;
        this.shippedAt = shippedAt;
        this.update = update;
    }

    // ------------------------------------------------------------ what to send

    public Account getAccount() {
        return account;
    }

    public Marketplace getMarketplace() {
        return marketplace;
    }

    public String getOrderId() {
        return orderId;
    }

    public String getShipmentId() {
        return shipmentId;
    }

    public Courier getCourier() {
        return courier;
    }

    /** The courier's code at this unit's marketplace. */
    public String getCourierCode() {
        return courierCode;
    }

    public String getTrackingNo() {
        return trackingNo;
    }

    public Instant getShippedAt() {
        return shippedAt;
    }

    /** True when the lines were sent before with another number: the marketplace's update call applies. */
    public boolean isUpdate() {
        return update;
    }

    public List<Line> getLines() {
        return lines;
    }

    /** The delivered quantity of one of the unit's lines, 0 when unknown. */
    public int lineQuantity(String lineId) {
        return lines.stream().filter(l -> l.lineId().equals(lineId)).mapToInt(Line::quantity).findFirst().orElse(0);
    }

    public List<String> lineIds() {
        return lines.stream().map(Line::lineId).toList();
    }

    void addLine(Line line) {
        if (lines.stream().noneMatch(l -> l.lineId().equals(line.lineId()))) {
            lines.add(line);
        }
    }

    public Set<Long> getRowIds() {
        return rowIds;
    }

    /** True when the unit holds only some of its shipping unit's unshipped lines (a split shipment). */
    public boolean isPartial() {
        return partial;
    }

    void setPartial(boolean partial) {
        this.partial = partial;
    }

    /** True when the shipping unit is known to be confirmed (acknowledged) at the marketplace. */
    public boolean isConfirmed() {
        return confirmed;
    }

    public void setConfirmed(boolean confirmed) {
        this.confirmed = confirmed;
    }

    /** True when an earlier try may have reached the marketplace: read its state before sending. */
    public boolean isReconcile() {
        return reconcile;
    }

    void setReconcile(boolean reconcile) {
        this.reconcile = reconcile;
    }

    /** For log lines: ids only, never personal data. */
    @Override
    public String toString() {
        return marketplace.code() + "/" + account.id() + "/" + orderId + "/" + shipmentId;
    }
}
