package io.marketbridge.simulator.lotteon;

import java.time.ZonedDateTime;

/**
 * One row of Lotte ON's delivery lists: an order line (dvRtrvDvsCd DV) or a return of one (RTRV, with its claim
 * number and the procSeq of the line it returns). Its step (odPrgsStepCd) moves 11 -> 12 -> 13 -> 14 for a delivery,
 * 23 -> 24 -> 25 -> 26 for a return.
 */
final class LotteonLine {

    final LotteonOrder order;
    final int odSeq;
    final int procSeq;
    final Integer orglProcSeq;
    final String clmNo;
    final String dvRtrvDvsCd;
    final LotteonSampleData.Product product;
    final int option;
    final int qty;
    /** When the current instruction (delivery 11, return 23) was created: what the search windows look at. */
    final ZonedDateTime instructedAt;
    String step;
    ZonedDateTime stepAt;
    String ifCplYN = "N";
    String dvCoCd;
    String invcNo;
    /** Cancelled by the buyer before the seller's IfComplete: gone from every list. */
    boolean cancelled;
    /** How many step-13 informs shipped it (more than one would be a double send). */
    int shipments;

    LotteonLine(LotteonOrder order, int odSeq, int procSeq, Integer orglProcSeq, String clmNo, String dvRtrvDvsCd,
                LotteonSampleData.Product product, int option, int qty, ZonedDateTime instructedAt, String step) {
        this.order = order;
        this.odSeq = odSeq;
        this.procSeq = procSeq;
        this.orglProcSeq = orglProcSeq;
        this.clmNo = clmNo;
        this.dvRtrvDvsCd = dvRtrvDvsCd;
        this.product = product;
        this.option = option;
        this.qty = qty;
        this.instructedAt = instructedAt;
        this.step = step;
        this.stepAt = instructedAt;
    }

    /** odSeq-procSeq: the line's key within its order. */
    String key() {
        return key(odSeq, procSeq);
    }

    static String key(Object odSeq, Object procSeq) {
        return odSeq + "-" + procSeq;
    }

    boolean delivery() {
        return "DV".equals(dvRtrvDvsCd);
    }

    long amount() {
        return (product.price() + product.options().get(option).extra()) * qty;
    }
}
