package io.marketbridge.simulator.naver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stock each seller's origin products show (naver.md 2.9): per option for a product with options, one figure
 * and a sale status for a product without. Every seller starts with {@link #SEEDED} of each option the sample
 * products sell, plus {@link #PLAIN_PRODUCTS}: products without options (orders never show them; they exist for
 * change-status). Each product also keeps what the origin product read shows ({@link OriginProductHandler}): its
 * name and seller code, and per option its name and the seller's code (sellerManagerCode, the optionManageCode its
 * order lines carry). Guarded by each seller's book's monitor.
 */
final class ProductStock {

    static final int SEEDED = 100;
    /** Origin products without options, on sale with {@link #SEEDED} each. */
    static final List<String> PLAIN_PRODUCTS = List.of("8801122009", "8801122010");

    /**
     * One origin product: option id -> stock (empty without options), or its own stock; its status; stock calls; its
     * name and seller code; option id -> option name ("색상: 블랙") and seller code (null: none).
     */
    static final class Listing {
        final Map<String, Integer> options = new LinkedHashMap<>();
        final Map<String, String> optionNames = new LinkedHashMap<>();
        final Map<String, String> optionCodes = new LinkedHashMap<>();
        String name;
        String sellerCode;
        int stock = SEEDED;
        String status = "SALE";
        int calls;

        boolean hasOptions() {
            return !options.isEmpty();
        }
    }

    private final Map<String, Map<String, Listing>> books = new ConcurrentHashMap<>();

    /** A seller's products, seeded at first use. */
    Map<String, Listing> book(String sellerId) {
        return books.computeIfAbsent(sellerId, id -> {
            Map<String, Listing> book = new LinkedHashMap<>();
            for (NaverSampleData.Product p : NaverSampleData.PRODUCTS) {
                Listing l = new Listing();
                l.name = p.name();
                l.sellerCode = p.sellerProductCode();
                p.options().forEach(o -> {
                    l.options.put(o.code(), SEEDED);
                    l.optionNames.put(o.code(), o.name());
                    l.optionCodes.put(o.code(), o.manageCode());
                });
                book.put(p.originalProductId(), l);
            }
            PLAIN_PRODUCTS.forEach(no -> {
                Listing l = new Listing();
                l.name = "옵션 없는 상품 " + no;
                l.sellerCode = "NV-PLAIN-" + no.substring(no.length() - 2);
                book.put(no, l);
            });
            return book;
        });
    }

    /** The stock of an option ("" or null: of a product without options), or null when Naver has no such thing. */
    Integer stockOf(String sellerId, String originProductNo, String optionId) {
        Map<String, Listing> book = book(sellerId);
        synchronized (book) {
            Listing l = book.get(originProductNo);
            if (l == null) {
                return null;
            }
            return optionId == null || optionId.isEmpty() ? (l.hasOptions() ? null : l.stock) : l.options.get(optionId);
        }
    }

    String statusOf(String sellerId, String originProductNo) {
        Map<String, Listing> book = book(sellerId);
        synchronized (book) {
            Listing l = book.get(originProductNo);
            return l == null ? null : l.status;
        }
    }

    /** Sets a figure as the seller center would (tests); a product without options goes OUTOFSTOCK at 0. */
    void set(String sellerId, String originProductNo, String optionId, int quantity) {
        Map<String, Listing> book = book(sellerId);
        synchronized (book) {
            Listing l = book.get(originProductNo);
            if (l == null) {
                throw new IllegalArgumentException("no origin product " + originProductNo);
            }
            if (optionId == null || optionId.isEmpty()) {
                l.stock = quantity;
                l.status = quantity == 0 ? "OUTOFSTOCK" : "SALE";
            } else if (l.options.containsKey(optionId)) {
                l.options.put(optionId, quantity);
            } else {
                throw new IllegalArgumentException("no option " + optionId + " of " + originProductNo);
            }
        }
    }

    /** Sets the seller's code the origin product read shows for an option ("" or null: of the product); null: none. */
    void setSellerCode(String sellerId, String originProductNo, String optionId, String code) {
        Map<String, Listing> book = book(sellerId);
        synchronized (book) {
            Listing l = book.get(originProductNo);
            if (l == null) {
                throw new IllegalArgumentException("no origin product " + originProductNo);
            }
            if (optionId == null || optionId.isEmpty()) {
                l.sellerCode = code;
            } else if (l.options.containsKey(optionId)) {
                l.optionCodes.put(optionId, code);
            } else {
                throw new IllegalArgumentException("no option " + optionId + " of " + originProductNo);
            }
        }
    }

    /** Stock calls (option-stock and change-status) that named the origin product, refused ones included. */
    int callsOf(String sellerId, String originProductNo) {
        Map<String, Listing> book = book(sellerId);
        synchronized (book) {
            Listing l = book.get(originProductNo);
            return l == null ? 0 : l.calls;
        }
    }

    /**
     * For the stats: per seller, the products that stock calls named, with their figures and calls (the others
     * still show the seeded figure; listing them all for thousands of sellers would drown the stats).
     */
    void render(ObjectNode out) {
        books.forEach((sellerId, book) -> {
            synchronized (book) {
                ObjectNode seller = null;
                for (Map.Entry<String, Listing> e : book.entrySet()) {
                    Listing l = e.getValue();
                    if (l.calls == 0) {
                        continue;
                    }
                    seller = seller == null ? out.putObject(sellerId) : seller;
                    ObjectNode p = seller.putObject(e.getKey());
                    p.put("calls", l.calls);
                    p.put("status", l.status);
                    if (l.hasOptions()) {
                        ObjectNode o = p.putObject("options");
                        l.options.forEach(o::put);
                    } else {
                        p.put("stock", l.stock);
                    }
                }
            }
        });
    }
}
