package io.marketbridge.simulator.elevenst;

import java.time.format.DateTimeFormatter;

/** An order line as a row of 11st's list and lookup answers. */
final class ElevenstOrderRow {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ElevenstOrderRow() {
    }

    /**
     * One ns2:order element: prefixed wrapper, un-prefixed fields, literal null and empty elements as 11st sends them.
     * The packaging list adds the line's status and its planned settlement amount (elevenst.md).
     */
    static String xml(ElevenstOrder o, ElevenstLine l, boolean withStatus, boolean packaging) {
        StringBuilder b = new StringBuilder("<ns2:order>");
        ElevenstSampleData.Product p = l.product;
        long[] fee = o.feeByBundle.get(l.dlvNo);
        el(b, "addPrdNo", l.addPrdNo);
        el(b, "addPrdYn", l.addOn ? "Y" : "N");
        el(b, "bmDlvCst", String.valueOf(fee[1]));
        el(b, "bmDlvCstType", fee[1] > 0 ? "01" : "");
        el(b, "bndlDlvSeq", l.dlvNo);
        el(b, "bndlDlvYN", o.lines.values().stream().filter(x -> x.dlvNo.equals(l.dlvNo)).count() > 1 ? "Y" : "N");
        el(b, "custGrdNm", "null");
        el(b, "dlvCst", String.valueOf(fee[0]));
        el(b, "dlvCstType", fee[0] > 0 ? "01" : "03");
        el(b, "dlvNo", l.dlvNo);
        el(b, "gblDlvYn", "N");
        el(b, "memID", o.memberId);
        el(b, "ordAmt", String.valueOf(l.amount()));
        el(b, "ordDlvReqCont", o.memo == null ? "null" : o.memo);
        el(b, "ordDt", TIME.format(o.orderedAt));
        el(b, "ordNm", o.buyer);
        el(b, "ordNo", o.ordNo);
        el(b, "ordOptWonStl", String.valueOf(l.optionPrice()));
        el(b, "ordPayAmt", String.valueOf(l.amount() - l.sellerDsc));
        el(b, "ordPrdSeq", l.seq);
        el(b, "ordPrtblTel", o.buyerTel);
        el(b, "ordQty", String.valueOf(l.qty));
        el(b, "ordStlEndDt", TIME.format(o.paidAt));
        el(b, "ordTlphnNo", "null");
        el(b, "plcodrCnfDt", l.confirmedAt == null ? "" : TIME.format(l.confirmedAt));
        el(b, "prdNm", l.addOn ? p.addOnName() : p.name());
        el(b, "prdNo", p.prdNo());
        el(b, "prdStckNo", l.addOn ? "0" : p.options().get(l.optionIndex).stockNo());
        el(b, "psnCscUniqNo", o.customsId == null ? "" : o.customsId);
        el(b, "rcvrBaseAddr", o.address[1]);
        el(b, "rcvrDtlsAddr", o.detail);
        el(b, "rcvrMailNo", o.address[0]);
        el(b, "rcvrMailNoSeq", "001");
        el(b, "rcvrNm", o.receiver);
        el(b, "rcvrPrtblNo", o.receiverTel);
        el(b, "rcvrTlphn", o.receiverTel2 == null ? "" : o.receiverTel2);
        el(b, "selPrc", String.valueOf(l.unitPrice()));
        el(b, "sellerDscPrc", String.valueOf(l.sellerDsc));
        el(b, "sellerPrdCd", p.sellerCode());
        el(b, "sellerStockCd", l.addOn ? "null" : p.options().get(l.optionIndex).sku());
        el(b, "slctPrdOptNm", l.addOn ? "" : p.options().get(l.optionIndex).name() + "-" + l.qty + "개");
        el(b, "tmallDscPrc", "0");
        el(b, "typeAdd", "02");
        if (packaging) {
            el(b, "ordPrdStat", l.stat);
            // what 11st plans to pay out: the paid amount less its commission (about 12 %)
            el(b, "stlPlnAmt", String.valueOf(Math.round((l.amount() - l.sellerDsc) * 0.88)));
        }
        el(b, ElevenstSimulator.UNKNOWN_FIELD, "row");
        if (withStatus) {
            el(b, "ordPrdStat", l.stat);
            el(b, "dlvEtprsCd", l.courier == null ? "null" : l.courier);
            el(b, "invcNo", l.invoice == null ? "null" : l.invoice);
            el(b, "dlvMthdCd", l.method == null ? "null" : l.method);
            el(b, "sndEndDt", l.sentAt == null ? "" : TIME.format(l.sentAt));
        }
        return b.append("</ns2:order>").toString();
    }

    private static void el(StringBuilder b, String name, String value) {
        if (value == null || value.isEmpty()) {
            b.append('<').append(name).append("/>");
            return;
        }
        b.append('<').append(name).append('>').append(ElevenstReplies.escape(value)).append("</").append(name).append('>');
    }
}
