package io.marketbridge.simulator.elevenst;

import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One paid order: buyer, receiver and address as 11st sends them, its lines, and the fees of each bundle (dlvNo). */
final class ElevenstOrder {
    final String ordNo;
    final ZonedDateTime orderedAt;
    final ZonedDateTime paidAt;
    final String buyer;
    final String buyerTel;
    final String receiver;
    final String receiverTel;
    final String receiverTel2;
    final String[] address;
    final String detail;
    final String memo;
    final String customsId;
    final String memberId;
    final Map<String, ElevenstLine> lines = new LinkedHashMap<>();
    final Map<String, long[]> feeByBundle = new LinkedHashMap<>(); // dlvNo -> {dlvCst, bmDlvCst}

    ElevenstOrder(String ordNo, ZonedDateTime orderedAt, ZonedDateTime paidAt, String buyer, String buyerTel, String receiver,
                  String receiverTel, String receiverTel2, String[] address, String detail, String memo, String customsId,
                  String memberId) {
        this.ordNo = ordNo;
        this.orderedAt = orderedAt;
        this.paidAt = paidAt;
        this.buyer = buyer;
        this.buyerTel = buyerTel;
        this.receiver = receiver;
        this.receiverTel = receiverTel;
        this.receiverTel2 = receiverTel2;
        this.address = address;
        this.detail = detail;
        this.memo = memo;
        this.customsId = customsId;
        this.memberId = memberId;
    }
}
