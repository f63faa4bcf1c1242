package io.marketbridge.simulator.qoo10;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seller's items and their stock, as the QAPI item calls see them (docs/qoo10.md "Stock"):
 *
 * <pre>
 *   ItemsLookup.GetItemDetailInfo      (ItemCode)  one item: ItemPrice, TaxRate, ItemQty, ExpireDate (strings)
 *   ItemsLookup.GetGoodsInventoryInfo  (ItemCode)  its option rows: Name1..5, Value1..5, Price, Qty, ItemTypeCode
 *   ItemsOrder.SetGoodsPriceQty        (ItemCode, SellerCode, Price, TaxRate, Qty, ExpireDate)  the item's figure;
 *                                      a blank ExpireDate sets the end of sale a year ahead, as Qoo10 documents
 *   ItemsOptions.EditGoodsInventory    (ItemCode, SellerCode, InventoryInfo)  replaces every option row:
 *                                      name||*value||*price||*qty||*code rows joined by $$
 * </pre>
 *
 * Codes: -10001 an item the seller does not have; -10002 an InventoryInfo that does not parse (a quantity below 0 or
 * not a whole number among them); -10101 a processing error (a bad Qty, Price, TaxRate or ExpireDate of
 * SetGoodsPriceQty, options without one at price 0). Every item every seller sells starts with 100 per option (or
 * per item without options); tests set figures through {@link Qoo10Simulator#setStock}.
 */
final class Qoo10Stock {

    static final String DETAIL = "itemslookup.getitemdetailinfo";
    static final String INVENTORY = "itemslookup.getgoodsinventoryinfo";
    static final String SET_QTY = "itemsorder.setgoodspriceqty";
    static final String EDIT_INVENTORY = "itemsoptions.editgoodsinventory";
    static final int SEED_QTY = 100;

    /** One option row. */
    static final class Option {
        final String name;
        final String value;
        final BigDecimal price;
        volatile long qty;
        final String code;

        Option(String name, String value, BigDecimal price, long qty, String code) {
            this.name = name;
            this.value = value;
            this.price = price;
            this.qty = qty;
            this.code = code;
        }
    }

    /** One item of a seller. */
    static final class Item {
        final String itemCode;
        final String sellerCode;
        volatile BigDecimal price;
        volatile String taxRate = "10";
        volatile long qty = SEED_QTY;
        volatile LocalDate expireDate;
        volatile List<Option> options = List.of();
        final AtomicLong stockCalls = new AtomicLong();

        Item(String itemCode, String sellerCode, BigDecimal price, LocalDate expireDate) {
            this.itemCode = itemCode;
            this.sellerCode = sellerCode;
            this.price = price;
            this.expireDate = expireDate;
        }
    }

    private final Qoo10Store store;
    private final Map<String, Map<String, Item>> items = new ConcurrentHashMap<>();

    Qoo10Stock(Qoo10Store store) {
        this.store = store;
    }

    /** The seller's items, seeded on first use with the catalogue the simulator's orders come from. */
    Map<String, Item> itemsOf(String seller) {
        return items.computeIfAbsent(seller, s -> {
            Map<String, Item> m = new LinkedHashMap<>();
            LocalDate end = store.now().toLocalDate().plusYears(1);
            m.put("812345678", item("812345678", "KB-TEE-01", "1980", end, "カラー/サイズ",
                    new String[][] {{"ホワイト/M", "WHT-M"}, {"ホワイト/L", "WHT-L"}, {"ブラック/M", "BLK-M"}}));
            m.put("812345679", item("812345679", "KB-SERUM-30", "2480", end, null, null));
            m.put("812345680", item("812345680", "KB-RAMEN-5", "980", end, null, null));
            m.put("812345681", item("812345681", "KB-CARD-02", "3990", end, "カラー",
                    new String[][] {{"ベージュ", "BEG-F"}, {"グレー", "GRY-F"}}));
            m.put("812345682", item("812345682", "KB-MASK-10", "1290", end, "種類",
                    new String[][] {{"ビタミン", "VITA"}, {"コラーゲン", "COLL"}}));
            return new ConcurrentHashMap<>(m);
        });
    }

    private static Item item(String code, String sellerCode, String price, LocalDate end, String optionName,
                             String[][] values) {
        Item item = new Item(code, sellerCode, new BigDecimal(price), end);
        if (optionName != null) {
            List<Option> options = new ArrayList<>();
            for (String[] v : values) {
                options.add(new Option(optionName, v[0], BigDecimal.ZERO, SEED_QTY, v[1]));
            }
            item.options = List.copyOf(options);
        }
        return item;
    }

    Item item(String seller, String itemCode) {
        return itemCode == null ? null : itemsOf(seller).get(itemCode.trim());
    }

    SimReply call(String method, String seller, Map<String, String> p) {
        Item item = item(seller, p.get("ItemCode"));
        if (item == null) {
            return Qoo10Simulator.error(-10001, "Fail to find Item information with 'ItemCode','SellerCode'.");
        }
        return switch (method) {
            case DETAIL -> detail(item);
            case INVENTORY -> inventory(item);
            case SET_QTY -> setQty(item, p);
            default -> editInventory(item, p);
        };
    }

    private static SimReply detail(Item item) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("ItemCode", item.itemCode);
        row.put("SellerCode", item.sellerCode);
        row.put("ItemStatus", "S2");
        row.put("ItemPrice", item.price.toPlainString());
        row.put("TaxRate", item.taxRate);
        row.put("ItemQty", String.valueOf(item.qty));
        row.put("ExpireDate", item.expireDate.toString());
        ArrayNode out = Qoo10Simulator.array();
        out.add(row);
        return Qoo10Simulator.ok(out, "Success");
    }

    private static SimReply inventory(Item item) {
        ArrayNode out = Qoo10Simulator.array();
        for (Option o : item.options) {
            ObjectNode row = out.addObject();
            row.put("Name1", o.name);
            row.put("Value1", o.value);
            for (int i = 2; i <= 5; i++) {
                row.put("Name" + i, "");
                row.put("Value" + i, "");
            }
            row.put("Price", o.price);
            row.put("Qty", o.qty);
            row.put("ItemTypeCode", o.code);
        }
        return Qoo10Simulator.ok(out, "Success");
    }

    private SimReply setQty(Item item, Map<String, String> p) {
        item.stockCalls.incrementAndGet();
        Long qty = whole(p.get("Qty"));
        if (qty == null || qty < 0 || qty > Integer.MAX_VALUE) {
            return Qoo10Simulator.error(-10101, "Processing Error - Qty must be 0 to 2147483647");
        }
        String priceText = p.getOrDefault("Price", "").trim();
        BigDecimal price = null;
        if (!priceText.isEmpty()) {
            try {
                price = new BigDecimal(priceText);
            } catch (NumberFormatException e) {
                price = BigDecimal.ZERO;
            }
            if (price.signum() <= 0 || price.compareTo(new BigDecimal("999999999")) > 0) {
                return Qoo10Simulator.error(-10101, "Processing Error - Price must be 1 to 999999999");
            }
        }
        String tax = p.getOrDefault("TaxRate", "").trim();
        if (!tax.isEmpty() && !List.of("S", "10", "8", "0").contains(tax)) {
            return Qoo10Simulator.error(-10101, "Processing Error - TaxRate must be S, 10, 8 or 0");
        }
        String expire = p.getOrDefault("ExpireDate", "").trim();
        LocalDate end;
        try {
            end = expire.isEmpty() ? store.now().toLocalDate().plusYears(1) : LocalDate.parse(expire);
        } catch (DateTimeParseException e) {
            return Qoo10Simulator.error(-10101, "Processing Error - ExpireDate must be yyyy-mm-dd");
        }
        item.qty = qty;
        if (price != null) {
            item.price = price;
        }
        if (!tax.isEmpty()) {
            item.taxRate = tax;
        }
        item.expireDate = end;
        return Qoo10Simulator.ok(null, "SUCCESS");
    }

    private static SimReply editInventory(Item item, Map<String, String> p) {
        item.stockCalls.incrementAndGet();
        String info = p.getOrDefault("InventoryInfo", "");
        List<Option> options = new ArrayList<>();
        for (String row : info.isEmpty() ? new String[0] : info.split("\\$\\$", -1)) {
            String[] c = row.split("\\|\\|\\*", -1);
            Long qty = c.length == 5 ? whole(c[3]) : null;
            BigDecimal price;
            try {
                price = c.length == 5 ? new BigDecimal(c[2].trim()) : null;
            } catch (NumberFormatException e) {
                price = null;
            }
            if (qty == null || qty < 0 || qty > Integer.MAX_VALUE || price == null || c[0].isBlank() || c[1].isBlank()
                    || c[0].length() > 50 || c[1].length() > 50) {
                return Qoo10Simulator.error(-10002, "Check Inventory Data Format (Name||*Value||*Price||*Qty||*OptioCode$$)");
            }
            options.add(new Option(c[0], c[1], price, qty, c[4]));
        }
        if (!options.isEmpty() && options.stream().noneMatch(o -> o.price.signum() == 0)) {
            return Qoo10Simulator.error(-10101, "Processing Error - one option must have price 0");
        }
        item.options = List.copyOf(options);
        return Qoo10Simulator.ok(null, "SUCCESS");
    }

    private static Long whole(String text) {
        if (text == null || !text.trim().matches("-?[0-9]{1,12}")) {
            return null;
        }
        return Long.parseLong(text.trim());
    }

    /** For stats: itemCode[/optionCode] -> figure, and the item's stock calls, per seller. */
    void describe(ObjectNode out) {
        for (String seller : store.sellers.keySet()) {
            ObjectNode s = out.putObject(seller);
            itemsOf(seller).values().forEach(item -> {
                ObjectNode i = s.putObject(item.itemCode);
                i.put("stockCalls", item.stockCalls.get());
                if (item.options.isEmpty()) {
                    i.put("qty", item.qty);
                } else {
                    ObjectNode o = i.putObject("options");
                    item.options.forEach(opt -> o.put(opt.code, opt.qty));
                }
            });
        }
    }
}
