package io.marketbridge.simulator.elevenst;

import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import io.marketbridge.simulator.SimReply;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * PUT prodservices/stockqty/{prdStckNo} (11st.md 1.7): sets the stock of one option from the XML body
 * {@code <ProductStock><prdNo/><prdStckNo/><stckQty/><optWght/></ProductStock>}; answers {@code ClientMessage} with
 * productNo, message and resultCode: 200 done, 400 a bad request (no ProductStock, a prdStckNo other than the
 * path's, stckQty missing, not a whole number, negative or over stock-max-quantity), 404 no such product or option
 * (an unknown prdStckNo, or a prdNo it does not belong to). optWght is optional here: 11st.md names it but not
 * whether it is required.
 */
final class ElevenstStockQty implements ElevenstResource {

    private static final Charset MS949 = Charset.forName("x-windows-949");

    private final ElevenstStockLevels stock;
    private final ElevenstReplies replies;
    private final int maxQuantity;

    ElevenstStockQty(ElevenstStockLevels stock, ElevenstReplies replies, int maxQuantity) {
        this.stock = stock;
        this.replies = replies;
        this.maxQuantity = maxQuantity;
    }

    @Override
    public String operation() {
        return "prodservices/stockqty";
    }

    @Override
    public boolean accepts(int segments) {
        return segments == 5;
    }

    @Override
    public String method() {
        return "PUT";
    }

    @Override
    public boolean product() {
        return true;
    }

    @Override
    public SimReply answer(ElevenstSeller seller, String[] args) {
        return replies.clientMessage(400, "요청 본문(ProductStock)이 없습니다.", "");
    }

    @Override
    public SimReply answer(ElevenstSeller seller, String[] args, byte[] body) {
        String prdStckNo = args[0];
        Map<String, String> fields = productStock(body);
        if (fields == null) {
            return replies.clientMessage(400, "요청 XML 이 올바르지 않습니다. (ProductStock expected)", "");
        }
        String prdNo = fields.getOrDefault("prdNo", "");
        if (!prdStckNo.matches("[0-9]{1,19}")) {
            return replies.clientMessage(404, "재고번호(prdStckNo)가 올바르지 않습니다: " + prdStckNo, prdNo);
        }
        stock.called(seller.id, prdStckNo);
        ElevenstStockLevels.Level level = stock.get(seller.id, prdStckNo);
        if (level == null) {
            return replies.clientMessage(404, "해당 상품의 재고번호가 존재하지 않습니다. (prdStckNo " + prdStckNo + ")", prdNo);
        }
        if (fields.containsKey("prdStckNo") && !prdStckNo.equals(fields.get("prdStckNo"))) {
            return replies.clientMessage(400, "요청 본문의 재고번호(prdStckNo)가 경로와 다릅니다.", prdNo);
        }
        if (prdNo.isEmpty()) {
            return replies.clientMessage(400, "상품번호(prdNo)가 없습니다.", prdNo);
        }
        if (!prdNo.equals(level.prdNo())) {
            return replies.clientMessage(404, "상품번호(prdNo) " + prdNo + " 에 재고번호 " + prdStckNo + " 가 없습니다.", prdNo);
        }
        String qty = fields.getOrDefault("stckQty", "");
        if (!qty.matches("-?[0-9]{1,10}")) {
            return replies.clientMessage(400, "재고수량(stckQty)은 숫자여야 합니다.", prdNo);
        }
        long q = Long.parseLong(qty);
        if (q < 0 || q > maxQuantity) {
            return replies.clientMessage(400, "재고수량(stckQty)은 0 이상 " + maxQuantity + " 이하여야 합니다.", prdNo);
        }
        stock.set(seller.id, prdNo, prdStckNo, (int) q);
        return replies.clientMessage(200, "재고수량이 수정되었습니다.", prdNo);
    }

    /** The ProductStock element's children by local name; null when the body is not that XML. */
    private static Map<String, String> productStock(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            String text = new String(body, declaresUtf8(body) ? StandardCharsets.UTF_8 : MS949);
            Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(text.stripLeading())))
                    .getDocumentElement();
            if (!"ProductStock".equals(root.getLocalName())) {
                return null;
            }
            Map<String, String> fields = new HashMap<>();
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    fields.put(e.getLocalName(), e.getTextContent().trim());
                }
            }
            return fields;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean declaresUtf8(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 100), StandardCharsets.US_ASCII).toLowerCase();
        return head.contains("utf-8");
    }
}
