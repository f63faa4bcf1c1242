package io.marketbridge.simulator.coupang;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One shipping box. The JSON is built once; status is kept apart because it changes. */
final class CoupangSheet {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** Coupang's v5 timestamps: microseconds and the +09:00 offset. */
    static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    final String vendorId;
    final long boxId;
    final long orderId;
    final LocalDate createdDay;
    final ObjectNode json;
    volatile String status = "ACCEPT";
    /** Successful invoice uploads (not updates) of this box: more than one would be a duplicate shipment. */
    int invoiceUploads;

    CoupangSheet(String vendorId, long boxId, long orderId, LocalDate createdDay, ObjectNode json) {
        this.vendorId = vendorId;
        this.boxId = boxId;
        this.orderId = orderId;
        this.createdDay = createdDay;
        this.json = json;
    }

    /** The box as the API renders it now: its JSON with the current status. */
    ObjectNode render() {
        synchronized (json) {
            ObjectNode copy = json.deepCopy();
            copy.put("status", status);
            return copy;
        }
    }
}
