package io.marketbridge.simulator.elevenst;

import io.marketbridge.simulator.SimReply;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET prodmarketservice/prodmarket/stck/{prdNo} (11st.md 1.3 and 1.7): every option of the seller's product, from
 * the figures {@link ElevenstStockLevels} keeps, as {@code ns2:ProductStocks} with one {@code ns2:ProductStock} per
 * option: prdNo, prdStckNo, mixOptNm / mixDtlOptNm (the option's names and values), mixOptNo, addPrc, optWght,
 * prdStckStatCd (01 on sale, 02 sold out), selQty, sellerStockCd, stckQty. The items' fields are prefixed as one
 * implementation reads them (ns2:prdNo), unlike the order lists' rows. A prdNo the seller has no option of answers
 * ClientMessage resultCode 404, as the product services do (11st.md gives no code for this read).
 */
final class ElevenstStockRead implements ElevenstResource {

    private final ElevenstStockLevels stock;
    private final ElevenstReplies replies;
    final AtomicLong calls = new AtomicLong();

    ElevenstStockRead(ElevenstStockLevels stock, ElevenstReplies replies) {
        this.stock = stock;
        this.replies = replies;
    }

    @Override
    public String operation() {
        return "prodmarketservice/prodmarket";
    }

    @Override
    public boolean accepts(int segments) {
        return segments == 6;
    }

    @Override
    public boolean product() {
        return true;
    }

    @Override
    public SimReply answer(ElevenstSeller seller, String[] args) {
        if (!"stck".equals(args[0])) {
            return replies.errorPage(404, "404 Not Found");
        }
        calls.incrementAndGet();
        String prdNo = args[1];
        Map<String, ElevenstStockLevels.Level> options = prdNo.matches("[0-9]{1,19}") ? stock.options(seller.id, prdNo) : Map.of();
        if (options.isEmpty()) {
            return replies.clientMessage(404, "해당 상품이 존재하지 않습니다. (prdNo " + prdNo + ")", prdNo);
        }
        StringBuilder b = new StringBuilder(ElevenstReplies.declaration())
                .append("<ns2:ProductStocks xmlns:ns2=\"").append(ElevenstReplies.NS).append("\">");
        int n = 0;
        for (Map.Entry<String, ElevenstStockLevels.Level> e : options.entrySet()) {
            ElevenstSampleData.Option seeded = ElevenstStockLevels.seeded(e.getKey());
            String[] names = names(seeded == null ? "옵션:" + e.getKey() : seeded.name());
            int quantity = e.getValue().quantity();
            String code = stock.sellerStockCode(seller.id, e.getKey());
            b.append("<ns2:ProductStock>");
            field(b, "addPrc", seeded == null ? "0" : String.valueOf(seeded.extra()));
            field(b, "mixDtlOptNm", names[1]);
            field(b, "mixOptNm", names[0]);
            field(b, "mixOptNo", String.valueOf(++n));
            field(b, "optWght", "0");
            field(b, "prdNo", prdNo);
            field(b, "prdStckNo", e.getKey());
            field(b, "prdStckStatCd", quantity > 0 ? "01" : "02");
            field(b, "selQty", "0");
            // an option without a seller code shows the literal null, as 11st writes empty fields
            field(b, "sellerStockCd", code == null ? "null" : code);
            field(b, "stckQty", String.valueOf(quantity));
            field(b, ElevenstSimulator.UNKNOWN_FIELD, "stock");
            b.append("</ns2:ProductStock>");
        }
        return replies.xml(200, b.append("</ns2:ProductStocks>").toString());
    }

    /** "사이즈:95/색상:블랙" -> {"사이즈,색상", "95,블랙"}: the option's names and its values. */
    private static String[] names(String option) {
        StringBuilder names = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (String part : option.split("/")) {
            int colon = part.indexOf(':');
            names.append(names.length() == 0 ? "" : ",").append(colon < 0 ? "옵션" : part.substring(0, colon).trim());
            values.append(values.length() == 0 ? "" : ",").append(colon < 0 ? part.trim() : part.substring(colon + 1).trim());
        }
        return new String[] {names.toString(), values.toString()};
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("<ns2:").append(name).append('>').append(ElevenstReplies.escape(value)).append("</ns2:").append(name).append('>');
    }
}
