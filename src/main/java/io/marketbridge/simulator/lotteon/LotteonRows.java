package io.marketbridge.simulator.lotteon;

import static io.marketbridge.simulator.lotteon.LotteonStore.SECOND;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rows Lotte ON's lists are made of, one per order line (lotteon.md 4.3): every field as a string where the
 * facts say so, numbers for quantities and amounts, the orderer and receiver repeated on each row. A field no
 * document names ({@link LotteonSimulator#UNKNOWN_FIELD}) rides along: clients must ignore what they do not know.
 */
final class LotteonRows {

    private LotteonRows() {
    }

    /** One row of deliveryOrderList. */
    static ObjectNode row(LotteonLine l, LotteonFaults faults) {
        LotteonOrder o = l.order;
        LotteonSampleData.Option option = l.product.options().get(l.option);
        ObjectNode r = LotteonReplies.object();
        r.put("odNo", o.odNo);
        r.put("odSeq", String.valueOf(l.odSeq));
        r.put("procSeq", String.valueOf(l.procSeq));
        r.put("orglProcSeq", l.orglProcSeq == null ? null : String.valueOf(l.orglProcSeq));
        r.put("clmNo", l.clmNo);
        r.put("odPrgsStepCd", l.step);
        r.put("dvRtrvDvsCd", l.dvRtrvDvsCd);
        r.put("odTypCd", "10");
        r.put("odTypDtlCd", "1010");
        r.put("ifCplYN", l.ifCplYN);
        r.put("spdNo", l.product.spdNo());
        r.put("spdNm", l.product.name());
        r.put("sitmNo", option.sitmNo());
        r.put("sitmNm", option.name());
        r.put("eitmNo", option.sellerCode());
        if (l.product.addOnName() != null) {
            r.put("adtnOptNm", l.product.addOnName());
            r.put("adtnOptVal", l.product.addOnValue());
        }
        long amount = l.amount();
        if (o.malformed && l.odSeq == 1) {
            r.put("odQty", "한개"); // the malformedRowRate fault
        } else {
            r.put("odQty", l.qty);
        }
        r.put("slQty", l.qty);
        r.put("slAmt", faults.slAmtPerUnit ? amount / l.qty : amount);
        r.put("actualAmt", amount);
        r.put("dvCst", faults.dvCstOnEveryRow || l.odSeq == 1 ? o.dvCst : 0);
        r.put("prEntpShrAmtSum", 0);
        r.put("sptDcPgmCmsnSum", 0);
        r.put("odrNm", o.orderer);
        r.put("dvpCustNm", o.receiver);
        r.put("dvpMphnNo", o.mobile);
        r.put("dvpTelNo", o.phone == null ? "" : o.phone);
        r.put("dvpZipNo", o.address[0]);
        r.put("dvpStnmZipAddr", o.address[1]);
        r.put("dvpStnmDtlAddr", o.detail);
        r.put("dvMsg", o.memo);
        r.put("indvCstmPclrNo", o.customsId == null ? "" : o.customsId);
        r.put("odCmptDttm", o.completedAt.format(SECOND));
        r.put("odAcptDttm", o.acceptedAt.format(SECOND));
        r.put(LotteonSimulator.UNKNOWN_FIELD, "Y");
        return r;
    }

    /** One row of the progress-state search: ids, step, and the courier and invoice once shipped. */
    static ObjectNode state(LotteonLine l) {
        ObjectNode r = LotteonReplies.object();
        r.put("odNo", l.order.odNo);
        r.put("odSeq", String.valueOf(l.odSeq));
        r.put("procSeq", String.valueOf(l.procSeq));
        r.put("orglProcSeq", l.orglProcSeq == null ? null : String.valueOf(l.orglProcSeq));
        r.put("clmNo", l.clmNo);
        r.put("dvRtrvDvsCd", l.dvRtrvDvsCd);
        r.put("odPrgsStepCd", l.step);
        r.put("ifCplYN", l.ifCplYN);
        r.put("spdNo", l.product.spdNo());
        r.put("sitmNo", l.product.options().get(l.option).sitmNo());
        r.put("slQty", l.qty);
        r.put("dvCoCd", l.dvCoCd);
        r.put("invcNo", l.invcNo);
        r.put("dvTrcStatDttm", l.stepAt.format(SECOND));
        return r;
    }
}
