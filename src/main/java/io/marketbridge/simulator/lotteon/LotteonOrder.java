package io.marketbridge.simulator.lotteon;

import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One order (odNo): orderer, receiver and address as Lotte ON sends them on each row, its fee and its rows. */
final class LotteonOrder {
    final String odNo;
    /** The trader the order belongs to. */
    String trNo;
    final ZonedDateTime acceptedAt;
    final ZonedDateTime completedAt;
    final String orderer;
    final String receiver;
    final String mobile;
    final String phone;
    final String[] address;
    final String detail;
    final String memo;
    final String customsId;
    final long dvCst;
    /** The order's rows by odSeq-procSeq, in the order they were made. */
    final Map<String, LotteonLine> lines = new LinkedHashMap<>();
    /** A malformed first row (the malformedRowRate fault). */
    boolean malformed;

    LotteonOrder(String odNo, ZonedDateTime acceptedAt, ZonedDateTime completedAt, String orderer, String receiver,
                 String mobile, String phone, String[] address, String detail, String memo, String customsId, long dvCst) {
        this.odNo = odNo;
        this.acceptedAt = acceptedAt;
        this.completedAt = completedAt;
        this.orderer = orderer;
        this.receiver = receiver;
        this.mobile = mobile;
        this.phone = phone;
        this.address = address;
        this.detail = detail;
        this.memo = memo;
        this.customsId = customsId;
        this.dvCst = dvCst;
    }
}
