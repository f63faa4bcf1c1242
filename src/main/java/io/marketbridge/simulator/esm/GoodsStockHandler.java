package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.esm.EsmTokenCheck.Caller;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PUT /item/v1/goods/{goodsNo}/stock (esm.md 2.3): a master's goods stock per site, {"stock":{"gmkt":n,"iac":n}}
 * (either or both; the body esm.md gives for sell-status). Every master starts with {@link #SEEDED} on both sites
 * for each sample goods. Refusals are ESM's envelope with HTTP 200: 1000 for a GoodsNo the master does not have, a
 * figure that is not a whole number in 0..{@link #MAX_QUANTITY}, or a site the token's ssi does not name.
 */
final class GoodsStockHandler implements EsmHandler {

    static final Pattern PATH = Pattern.compile("/item/v1/goods/([^/]+)/stock");
    static final int SEEDED = 100;
    /** esm.md gives no maximum: the simulator takes the one the connector assumes. */
    static final long MAX_QUANTITY = 99_999L;

    /** One goods of a master: stock and stock calls per site ("gmkt", "iac"). */
    static final class Goods {
        final Map<String, Integer> stock = new LinkedHashMap<>(Map.of("gmkt", SEEDED, "iac", SEEDED));
        int calls;
    }

    private final EsmReplies replies;
    private final Map<String, Map<Long, Goods>> books = new ConcurrentHashMap<>();
    final AtomicLong calls = new AtomicLong();

    GoodsStockHandler(EsmReplies replies) {
        this.replies = replies;
    }

    /** A master's goods, seeded at first use. */
    Map<Long, Goods> book(String masterId) {
        return books.computeIfAbsent(masterId, id -> {
            Map<Long, Goods> book = new LinkedHashMap<>();
            EsmSampleData.PRODUCTS.forEach(p -> book.put(p.goodsNo(), new Goods()));
            return book;
        });
    }

    @Override
    public SimReply answer(Caller caller, String path, JsonNode request) {
        calls.incrementAndGet();
        Matcher m = PATH.matcher(path);
        long goodsNo = m.matches() && m.group(1).matches("[0-9]{1,18}") ? Long.parseLong(m.group(1)) : -1;
        Map<Long, Goods> book = book(caller.masterId());
        synchronized (book) {
            Goods goods = book.get(goodsNo);
            if (goods == null) {
                return replies.error(1000, "상품번호(GoodsNo)를 찾을 수 없습니다.", null);
            }
            goods.calls++;
            JsonNode stock = request.path("stock");
            Map<String, Integer> changes = new HashMap<>();
            for (String site : new String[] {"gmkt", "iac"}) {
                JsonNode q = stock.get(site);
                if (q == null || q.isNull()) {
                    continue;
                }
                if (!q.isIntegralNumber() || q.asLong() < 0 || q.asLong() > MAX_QUANTITY) {
                    return replies.error(1000, "재고수량(stock." + site + ")은 0 ~ 99,999 사이의 숫자여야 합니다.", null);
                }
                String prefix = site.equals("gmkt") ? "G:" : "A:";
                if (caller.sellerKeys().stream().noneMatch(k -> k.startsWith(prefix))) {
                    return replies.error(1000, (site.equals("gmkt") ? "G마켓" : "옥션") + " 판매자 ID가 없습니다.", null);
                }
                changes.put(site, q.intValue());
            }
            if (changes.isEmpty()) {
                return replies.error(1000, "재고수량(stock.gmkt 또는 stock.iac)이 필요합니다.", null);
            }
            goods.stock.putAll(changes);
            ObjectNode data = replies.object();
            data.put("goodsNo", goodsNo);
            return replies.ok(data, "Success");
        }
    }

    /** The stock of a goods on a site ("G" or "A"), null when the master has no such goods. */
    Integer stockOf(String masterId, long goodsNo, String site) {
        Map<Long, Goods> book = book(masterId);
        synchronized (book) {
            Goods g = book.get(goodsNo);
            return g == null ? null : g.stock.get("A".equals(site) ? "iac" : "gmkt");
        }
    }

    void set(String masterId, long goodsNo, String site, int quantity) {
        Map<Long, Goods> book = book(masterId);
        synchronized (book) {
            Goods g = book.get(goodsNo);
            if (g == null) {
                throw new IllegalArgumentException("no goods " + goodsNo);
            }
            g.stock.put("A".equals(site) ? "iac" : "gmkt", quantity);
        }
    }

    int callsOf(String masterId, long goodsNo) {
        Map<Long, Goods> book = book(masterId);
        synchronized (book) {
            Goods g = book.get(goodsNo);
            return g == null ? 0 : g.calls;
        }
    }

    /** For the stats: per master, the goods stock calls named, with both sites' figures and the calls. */
    void render(ObjectNode out) {
        books.forEach((masterId, book) -> {
            synchronized (book) {
                ObjectNode master = null;
                for (Map.Entry<Long, Goods> e : book.entrySet()) {
                    if (e.getValue().calls == 0) {
                        continue;
                    }
                    master = master == null ? out.putObject(masterId) : master;
                    ObjectNode g = master.putObject(String.valueOf(e.getKey()));
                    e.getValue().stock.forEach(g::put);
                    g.put("calls", e.getValue().calls);
                }
            }
        });
    }
}
