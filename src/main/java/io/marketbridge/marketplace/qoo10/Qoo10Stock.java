package io.marketbridge.marketplace.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.stock.StockPushUnit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Stock pushes to Qoo10 (route qoo10-stock), one listing option per unit: listing = itemCode, option = optionCode
 * ("" for an item without options). Both of Qoo10's writes set more than the figure, so each reads first and sends
 * the rest back as it was:
 *
 * <pre>
 *   no option  ItemsLookup.GetItemDetailInfo (ItemCode)  then  ItemsOrder.SetGoodsPriceQty (ItemCode, SellerCode "",
 *              Price = ItemPrice, TaxRate, Qty, ExpireDate as read: a blank ExpireDate would move the end of sale to a
 *              year from now)
 *   option     ItemsLookup.GetGoodsInventoryInfo (ItemCode)  then  ItemsOptions.EditGoodsInventory (ItemCode,
 *              SellerCode "", InventoryInfo = every option row read, name||*value||*price||*qty||*code joined by $$,
 *              the option's Qty replaced): EditGoodsInventory replaces the whole option table
 * </pre>
 *
 * The calls go through qoo10-order-call, so their business ResultCodes come here: -10001 (no such item), -10002
 * (InventoryInfo refused), -10101 (processing error) and any other are REJECTED with Qoo10's code; the key and
 * authorization codes are the error table's (CONFIGURATION, SAK renewal). An optionCode the item does not have, an
 * item whose options have more than one axis (InventoryInfo's documented form has one name and one value per row)
 * and a quantity below 0 are REJECTED before the write.
 */
public class Qoo10Stock {

    static final String READ_ITEM = "READ_ITEM";
    static final String SET_QTY = "SET_QTY";
    static final String READ_OPTIONS = "READ_OPTIONS";
    static final String EDIT_OPTIONS = "EDIT_OPTIONS";
    static final String ITEM_DETAIL = "ItemsLookup.GetItemDetailInfo";
    static final String INVENTORY_INFO = "ItemsLookup.GetGoodsInventoryInfo";
    static final String SET_PRICE_QTY = "ItemsOrder.SetGoodsPriceQty";
    static final String EDIT_INVENTORY = "ItemsOptions.EditGoodsInventory";
    static final String COLUMN = "||*";
    static final String ROW = "$$";

    public void begin(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit) {
        if (unit.getQuantity() < 0) {
            // Qoo10's Qty is 0 to 2147483647: only a negative figure can be out of range
            unit.rejected("BAD_QUANTITY", "Qoo10 takes a quantity of 0 or more, not " + unit.getQuantity() + " for "
                    + what(unit));
            return;
        }
        unit.next(unit.getOptionId().isEmpty() ? READ_ITEM : READ_OPTIONS);
    }

    public ApiRequest request(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit) {
        String call = unit.getNextCall();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ItemCode", unit.getListingId());
        p.put("SellerCode", ""); // Qoo10 answers -90001 to a missing parameter it expects as ""
        return switch (call) {
            case READ_ITEM -> Qoo10Api.call(ITEM_DETAIL, p, "item read of " + what(unit) + " (stock)");
            case READ_OPTIONS -> Qoo10Api.call(INVENTORY_INFO, p, "option read of " + what(unit) + " (stock)");
            case SET_QTY -> {
                p.putAll(unit.conversation(Write.class).params());
                yield Qoo10Api.call(SET_PRICE_QTY, p, "stock of " + what(unit));
            }
            case EDIT_OPTIONS -> {
                p.putAll(unit.conversation(Write.class).params());
                yield Qoo10Api.call(EDIT_INVENTORY, p, "option stock of " + what(unit));
            }
            default -> throw new IllegalStateException("unknown Qoo10 stock call " + call);
        };
    }

    public void answer(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit, @Body JsonNode answer) {
        String call = unit.getNextCall();
        unit.made(call);
        int code = answer.path("ResultCode").asInt(Integer.MIN_VALUE);
        if (code != 0) {
            String message = answer.path("ResultMsg").asText("");
            unit.rejected(String.valueOf(code), code == -10001
                    ? "Qoo10 has no item " + unit.getListingId() + " for this seller: " + message
                    : "Qoo10 refused the " + call.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " of "
                    + what(unit) + ": ResultCode " + code + " " + message);
            return;
        }
        switch (call) {
            case READ_ITEM -> readItem(unit, answer.get("ResultObject"));
            case READ_OPTIONS -> readOptions(unit, answer.get("ResultObject"));
            default -> unit.sent("OK", null);
        }
    }

    /** SetGoodsPriceQty's parameters besides ItemCode and SellerCode, from GetItemDetailInfo's row. */
    static void readItem(StockPushUnit unit, JsonNode result) {
        List<JsonNode> rows = Qoo10Orders.rows(result);
        if (rows.isEmpty()) {
            unit.rejected("-10001", "Qoo10 has no item " + unit.getListingId() + " for this seller (empty item read)");
            return;
        }
        JsonNode row = rows.get(0);
        String expire = JsonFields.blankToNull(JsonFields.text(row, "ExpireDate"));
        if (expire == null || !expire.trim().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}.*")) {
            unit.rejected("NO_EXPIRE_DATE", "Qoo10's item read of " + what(unit) + " shows no ExpireDate: setting the"
                    + " quantity without one would move the end of sale to a year from now; set the stock in QSM");
            return;
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Price", number(JsonFields.text(row, "ItemPrice")));
        String tax = JsonFields.text(row, "TaxRate");
        p.put("TaxRate", tax == null ? "" : tax.trim());
        p.put("Qty", String.valueOf(unit.getQuantity()));
        p.put("ExpireDate", expire.trim().substring(0, 10));
        unit.setConversation(new Write(p));
        unit.next(SET_QTY);
    }

    /** EditGoodsInventory's InventoryInfo: every option row as read, the unit's option at its new figure. */
    static void readOptions(StockPushUnit unit, JsonNode result) {
        List<String> rows = new ArrayList<>();
        boolean found = false;
        for (JsonNode row : Qoo10Orders.rows(result)) {
            for (int axis = 2; axis <= 5; axis++) {
                if (JsonFields.blankToNull(JsonFields.text(row, "Name" + axis)) != null) {
                    unit.rejected("MULTI_AXIS_OPTIONS", "Qoo10 item " + unit.getListingId() + " has options on more"
                            + " than one axis, which EditGoodsInventory's documented form cannot carry: set the stock of "
                            + unit.getOptionId() + " in QSM");
                    return;
                }
            }
            String name = text(row, "Name1");
            String value = text(row, "Value1");
            String code = text(row, "ItemTypeCode");
            String qty = text(row, "Qty");
            if (code.equals(unit.getOptionId())) {
                qty = String.valueOf(unit.getQuantity());
                found = true;
            } else if (!qty.matches("[0-9]+")) {
                // written back as read: a row without a figure would make Qoo10 refuse or zero it
                unit.rejected("OPTION_READ", "Qoo10's option read of item " + unit.getListingId() + " shows option "
                        + code + " without a quantity: set the stock in QSM");
                return;
            }
            String line = String.join(COLUMN, name, value, number(text(row, "Price")), qty, code);
            if (java.util.stream.Stream.of(name, value, code).anyMatch(t -> t.contains(COLUMN) || t.contains(ROW))) {
                unit.rejected("OPTION_TEXT", "an option of Qoo10 item " + unit.getListingId() + " has ||* or $$ in its"
                        + " name, value or code, which InventoryInfo cannot carry: set the stock in QSM");
                return;
            }
            rows.add(line);
        }
        if (!found) {
            unit.rejected("OPTION_NOT_FOUND", "Qoo10 item " + unit.getListingId() + " has no option "
                    + unit.getOptionId() + " (its options: " + rows.size() + ")");
            return;
        }
        unit.setConversation(new Write(Map.of("InventoryInfo", String.join(ROW, rows))));
        unit.next(EDIT_OPTIONS);
    }

    private static String text(JsonNode row, String field) {
        String t = JsonFields.text(row, field);
        return t == null ? "" : t.trim();
    }

    /** A price as Qoo10 reads it back ("1980.0000" in XML, 1980 in JSON) in its plain form. */
    static String number(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            return new BigDecimal(text.trim()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text.trim();
        }
    }

    static String what(StockPushUnit unit) {
        return "itemCode " + unit.getListingId() + (unit.getOptionId().isEmpty() ? "" : " option " + unit.getOptionId());
    }

    /** The write's parameters, worked out from the read. */
    record Write(Map<String, String> params) {
    }
}
