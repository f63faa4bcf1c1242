package io.marketbridge.marketplace.elevenst;

import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.stock.StockPushUnit;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * 11st's side of the stock push (route elevenst-stock, 11st.md 1.3 and 1.7): one call per option, PUT
 * /rest/prodservices/stockqty/{prdStckNo} with the XML body {@code <ProductStock>} (prdNo, prdStckNo, stckQty), and
 * the answer {@code <ClientMessage>} with productNo, message and resultCode: 200 done, 400 a bad request, 404 no such
 * product or option, 500 a business error (all REJECTED: sending the same again meets the same answer); -1000
 * (maintenance) and a key that is not known are judged by {@link ElevenstErrors} as for any call. The listing is the
 * prdNo, the option the prdStckNo.
 *
 * <p>optWght (the option's weight, 옵션무게) is left out of the body: 11st.md lists it in ProductStock but not what it
 * does when sent, and a stock push does not know the weight; sending a guess could overwrite the seller's.
 */
public class ElevenstStock {

    static final String SET = "SET";

    /** Route step: the unit's keys and figure are checked before any call, then the one call is next. */
    public void begin(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit) {
        String prdNo = unit.getListingId();
        String prdStckNo = unit.getOptionId();
        if (!number(prdNo) || !number(prdStckNo) || prdStckNo.matches("0+")) {
            // add-on lines carry prdStckNo 0: they have no option stock of their own to set
            unit.rejected("UNKNOWN_LISTING", "'" + prdNo + "/" + prdStckNo + "' is not an 11st prdNo/prdStckNo pair");
            return;
        }
        int max = unit.getAccount().integer(ElevenstConnector.STOCK_MAX_QUANTITY);
        int quantity = unit.getQuantity();
        if (quantity < 0 || quantity > max) {
            unit.rejected("BAD_QUANTITY", "stock " + quantity + " for prdNo " + prdNo + " prdStckNo " + prdStckNo
                    + " is outside 0.." + max + " (" + ElevenstConnector.STOCK_MAX_QUANTITY + ")");
            return;
        }
        unit.next(SET);
    }

    /** Route step: the PUT of the option's figure. */
    public ApiRequest request(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit) {
        return ApiRequest.withBody("PUT", "/rest/prodservices/stockqty/" + unit.getOptionId(), body(unit),
                "stock of prdNo " + unit.getListingId() + " prdStckNo " + unit.getOptionId());
    }

    /** The ProductStock body (ids and a number only: nothing to escape, nothing outside ASCII). */
    static String body(StockPushUnit unit) {
        return "<?xml version=\"1.0\" encoding=\"euc-kr\"?><ProductStock><prdNo>" + unit.getListingId() + "</prdNo>"
                + "<prdStckNo>" + unit.getOptionId() + "</prdStckNo><stckQty>" + unit.getQuantity() + "</stckQty>"
                + "</ProductStock>";
    }

    /** Route step: resultCode 200 (any 2xx) is SENT; any other code is 11st's refusal of this option's figure. */
    public void answer(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit, @Body ElevenstXml.Answer answer) {
        unit.made(SET);
        String what = "stock " + unit.getQuantity() + " for prdNo " + unit.getListingId() + " prdStckNo " + unit.getOptionId();
        if (answer.resultCode() == null) {
            unit.failed("NO_RESULT", "11st answered " + what + " with " + answer.root() + " and no resultCode", null);
            return;
        }
        int code = answer.resultCode();
        if (code >= 200 && code < 300) {
            unit.sent(String.valueOf(code), null);
            return;
        }
        String message = answer.resultText() == null ? "" : answer.resultText();
        unit.rejected(String.valueOf(code), "11st refused " + what + ": resultCode " + code
                + (message.isEmpty() ? "" : " " + message));
    }

    private static boolean number(String s) {
        return s != null && s.matches("[0-9]{1,19}");
    }
}
