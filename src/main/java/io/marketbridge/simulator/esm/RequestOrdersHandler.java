package io.marketbridge.simulator.esm;

import static io.marketbridge.simulator.esm.EsmStore.SEOUL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.esm.EsmTokenCheck.Caller;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * POST /shipping/v1/Order/RequestOrders (and PreRequestOrders): site codes (Auction 1, Gmarket 2), minute-precision
 * windows (31 days on Gmarket, 180 on Auction), pageIndex/pageSize paging, the order-query bucket (order-number
 * lookups exempt); rows with money as 4-decimal strings and dates ISO local without offset.
 */
final class RequestOrdersHandler implements EsmHandler {

    static final DateTimeFormatter WINDOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    static final DateTimeFormatter LOCAL_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    static final int GMARKET_WINDOW_DAYS = 31;
    static final int AUCTION_WINDOW_DAYS = 180;
    static final String RATE_LIMIT_MESSAGE = "호출 횟수 제한을 초과하였습니다. (RequestOrders: 판매자 ID당 5초에 1회)";

    private final EsmStore store;
    private final EsmFaults faults;
    private final EsmReplies replies;

    RequestOrdersHandler(EsmStore store, EsmFaults faults, EsmReplies replies) {
        this.store = store;
        this.faults = faults;
        this.replies = replies;
    }

    @Override
    public SimReply answer(Caller caller, String path, JsonNode q) {
        store.requestOrdersCalls.incrementAndGet();
        int siteType = q.path("siteType").asInt(-1);
        String site = siteType == 1 ? "A" : siteType == 2 ? "G" : null;
        if (site == null) {
            return replies.error(1000, "siteType은 1(옥션) 또는 2(G마켓)입니다.", null);
        }
        SiteSeller seller = caller.sellerKeys().stream().filter(k -> k.startsWith(site + ":")).map(store::seller)
                .findFirst().orElse(null);
        if (seller == null) {
            return replies.error(1000, "ssi에 해당 사이트의 판매자 ID가 없습니다.", null);
        }
        int status = q.path("orderStatus").asInt(-1);
        if (status < 0 || status > 6 || (status == 6 && "A".equals(site))) {
            return replies.error(1000, "orderStatus 값이 올바르지 않습니다.", null);
        }
        List<OrderLine> found = new ArrayList<>();
        ZonedDateTime now = store.now();
        if (status == 0) {
            // an order-number lookup: no window, no bucket
            long orderNo = q.path("orderNo").asLong(0);
            if (orderNo <= 0) {
                return replies.error(1000, "orderStatus 0 은 orderNo 가 필요합니다.", null);
            }
            synchronized (seller) {
                OrderLine i = seller.items.get(orderNo);
                if (i != null) {
                    found.add(i);
                }
            }
        } else {
            if (!store.takeOrderQuery(seller)) {
                return replies.error(3000, RATE_LIMIT_MESSAGE, null);
            }
            SimReply refused = collect(seller, status, q, found);
            if (refused != null) {
                return refused;
            }
        }
        return page(seller, found, q, now);
    }

    /** Adds the seller's lines of {@code status} within the request's window to {@code found}; a refusal, or null. */
    private SimReply collect(SiteSeller seller, int status, JsonNode q, List<OrderLine> found) {
        int dateType = q.path("requestDateType").asInt(-1);
        LocalDateTime from = window(q.path("requestDateFrom").asText(null));
        LocalDateTime to = window(q.path("requestDateTo").asText(null));
        if (dateType < 1 || dateType > 5 || from == null || to == null || to.isBefore(from)) {
            return replies.error(2000, "조회 기간(requestDateFrom/To, YYYY-MM-DD hh:mm)을 확인해 주세요.", null);
        }
        if (dateType == 3 && status != 2) {
            // esm.md: the ship-by date (3) is a date of orders awaiting shipment (status 2) only
            return replies.error(2000, "requestDateType 3(발송기한)은 orderStatus 2(배송준비중)에서만 조회할 수 있습니다.", null);
        }
        int maxDays = seller.auction() ? AUCTION_WINDOW_DAYS : GMARKET_WINDOW_DAYS;
        if (from.plusDays(maxDays).isBefore(to)) {
            return replies.error(2000, "조회 기간은 최대 " + maxDays + "일입니다.", null);
        }
        // minute precision: the To minute is included as a whole
        LocalDateTime end = to.plusMinutes(1);
        synchronized (seller) {
            for (OrderLine i : seller.items.values()) {
                LocalDateTime at = date(i, dateType);
                // claim orders (cancel, return, exchange) are not in RequestOrders (esm.md 2.4)
                if (i.status == status && !i.inClaim() && at != null && !at.isBefore(from) && at.isBefore(end)) {
                    found.add(i);
                }
            }
        }
        found.sort(Comparator.comparing((OrderLine i) -> i.payDate).thenComparingLong(i -> i.orderNo));
        return null;
    }

    private SimReply page(SiteSeller seller, List<OrderLine> found, JsonNode q, ZonedDateTime now) {
        int pageIndex = Math.max(1, q.path("pageIndex").asInt(1));
        int maxPageSize = faults.maxPageSize;
        int pageSize = q.path("pageSize").asInt(maxPageSize);
        if (pageSize <= 0 || pageSize > maxPageSize) {
            if (!faults.clampPageSize) {
                return replies.error(1000, "pageSize 는 최대 " + maxPageSize + " 입니다.", null);
            }
            pageSize = maxPageSize;
        }
        ObjectNode data = replies.object();
        data.put("SiteType", seller.auction() ? 1 : faults.gmarketSiteTypeInAnswer);
        data.put("PageIndex", pageIndex);
        data.put("PageSize", pageSize);
        data.put("TotalCount", found.size());
        data.put("SellerId", seller.id);
        ArrayNode rows = data.putArray("RequestOrders");
        int start = (pageIndex - 1) * pageSize;
        synchronized (seller) {
            for (int k = start; k < Math.min(found.size(), start + pageSize); k++) {
                rows.add(render(seller, found.get(k), now));
            }
        }
        return replies.ok(data, "");
    }

    private static LocalDateTime date(OrderLine i, int dateType) {
        ZonedDateTime at = switch (dateType) {
            case 1 -> i.orderDate;
            case 3 -> i.transDueDate;
            case 4 -> i.giftAcceptedAt;
            case 5 -> i.gift ? i.giftAcceptedAt : i.payDate;
            default -> i.payDate;
        };
        return at == null ? null : at.toLocalDateTime();
    }

    private static LocalDateTime window(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, WINDOW);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One RequestOrders row as ESM renders it: money as 4-decimal strings, dates ISO local without offset. */
    private ObjectNode render(SiteSeller s, OrderLine i, ZonedDateTime now) {
        boolean gmarket = !s.auction();
        boolean phonesHidden = faults.freshPhoneDelay.toMillis() > 0 && i.payDate.plus(faults.freshPhoneDelay).isAfter(now);
        boolean waitingGift = i.gift && (i.giftAcceptedAt == null || i.giftAcceptedAt.isAfter(now));
        long unit = i.product.price() + i.option.price();
        long orderAmount = unit * i.quantity;
        ObjectNode o = replies.object();
        o.put("PayNo", i.payNo);
        if (gmarket) {
            o.putNull("GroupNo");
        } else {
            o.put("GroupNo", i.groupNo);
        }
        o.put("OrderNo", i.orderNo);
        o.put("OrderStatus", i.status);
        o.putNull("BranchCode");
        o.put("OrderDate", local(i.orderDate, gmarket));
        o.put("PayDate", local(i.payDate, gmarket));
        o.put("OrderConfirmDate", i.confirmDate == null ? null : local(i.confirmDate, gmarket));
        o.put("TransDate", i.transDate == null ? null : local(i.transDate, gmarket));
        o.put("TransDueDate", local(i.transDueDate, gmarket));
        o.putNull("TransCompleteDate");
        o.putNull("BuyDecisionDate");
        o.put("TransType", i.transType);
        o.put("GoodsNo", i.product.goodsNo());
        o.put("SiteGoodsNo", gmarket ? i.product.gmarketItemNo() : i.product.auctionItemNo());
        o.put("OutGoodsNo", i.product.sellerCode());
        o.put("GoodsName", i.product.name());
        o.put("SalePrice", money(i.product.price()));
        o.put("ContrAmount", i.quantity);
        o.put("OrderAmount", money(orderAmount));
        o.put("AcntMoney", money(orderAmount - i.sellerDiscount + i.shippingFee));
        o.put("SellerDiscountPrice1", money(i.sellerDiscount));
        o.put("SellerDiscountPrice2", money(0));
        o.put("SellerDiscountPrice", money(i.sellerDiscount));
        o.put("DirectDiscountPrice", money(0));
        o.put("CostPrice", money(Math.round(orderAmount * 0.88)));
        o.put("ShippingFee", money(i.shippingFee));
        o.put("DeliveryFeeCondition", i.shippingFee > 0 ? (gmarket ? "M" : "F") : "X");
        o.put("BackwoodsAddDeliveryFee", money(0));
        o.put("JejuAddDeliveryFee", money(0));
        o.put("SettlementPrice", money(Math.round((orderAmount - i.sellerDiscount) * 0.88)));
        o.putNull("OutsidePrice");
        o.put("ServiceFee", money(Math.round((orderAmount - i.sellerDiscount) * 0.12)));
        o.put("BasicServiceFee", money(Math.round((orderAmount - i.sellerDiscount) * 0.12)));
        o.put("SellerCashbackMoney", money(0));
        o.put("SinglePayDcAmnt", money(0));
        o.put("MultiBuyDcAmnt", money(0));
        o.put("GreatMembDcAmnt", money(0));
        o.put("OptSelPrice", money(i.option.price() * i.quantity));
        o.put("OptAddPrice", money(0));
        o.put("BuyerName", i.buyerName);
        o.put(faults.buyerIdField, i.buyerId);
        o.put("BuyerMobileTel", phonesHidden ? null : i.buyerMobile);
        o.putNull("BuyerTel");
        o.put("ReceiverName", i.receiverName);
        o.put("HpNo", phonesHidden ? null : i.hpNo);
        o.put("TelNo", phonesHidden ? null : i.telNo);
        o.put("ZipCode", waitingGift ? null : i.zipCode);
        o.put("DelFrontAddress", waitingGift ? null : i.front);
        o.put("DelBackAddress", waitingGift ? null : i.back);
        o.put("DelFullAddress", waitingGift ? null : i.front + " " + i.back);
        o.put("DelMemo", waitingGift ? null : i.memo);
        o.putNull("DeliverySlotId"); // set only for slot (scheduled) deliveries, which the simulator has none of
        o.putNull("BranchPrice");
        o.put("ReplaceYn", "N");
        o.put("TakbaeName", i.courier == null ? null : EsmCouriers.NAMES.get(i.courier));
        o.put("NoSongjang", i.invoice);
        o.put("OverseaTransYn", "N");
        o.put("InfoCin", i.infoCin);
        o.put("GlobalSellerYn", "N");
        o.put("OutOrderNo", gmarket ? "101" : null);
        o.putNull("InventoryNo");
        o.put("SKUNo", i.option.skuNo());
        ArrayNode options = o.putArray("ItemOptionSelectList");
        if (i.option.name() != null) {
            ObjectNode opt = options.addObject();
            opt.put("ItemOptionValue", i.option.name());
            opt.put("ItemOptionCode", i.option.code());
            opt.put("ItemOptionOrderCnt", i.quantity);
            opt.put("ItemOptionPrice", money(i.option.price()));
            opt.put(EsmReplies.UNKNOWN_FIELD, "option");
        }
        o.putArray("ItemOptionAdditionList");
        o.putNull("FreeGift");
        o.putNull("FreeGiftCode");
        o.putNull("Bonus");
        o.putNull("BonusCode");
        o.put(EsmReplies.UNKNOWN_FIELD, "order row");
        return o;
    }

    static String money(long won) {
        return won + ".0000";
    }

    private static String local(ZonedDateTime t, boolean millis) {
        return (millis ? LOCAL_MILLIS : LOCAL).format(t.withZoneSameInstant(SEOUL));
    }
}
