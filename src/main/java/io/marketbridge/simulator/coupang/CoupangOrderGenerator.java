package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangSheet.MICROS;
import static io.marketbridge.simulator.coupang.CoupangSimulator.UNKNOWN_FIELD;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Builds the seeded order sheets (v5 shape, Money objects, Korean sample data, an unannounced field on every
 * object). The draws from the random follow one fixed order, so a seed always gives the same orders.
 */
final class CoupangOrderGenerator {

    private final ObjectMapper json;
    private final Random random;

    CoupangOrderGenerator(ObjectMapper json, Random random) {
        this.json = json;
        this.random = random;
    }

    /** Builds one order of {@code boxes} boxes paid at {@code createdAt}, handing each box to {@code sink}. */
    void order(String vendor, long orderId, LongSupplier nextBoxId, ZonedDateTime createdAt, boolean malformed, int boxes,
               Consumer<CoupangSheet> sink) {
        String buyer = CoupangSampleData.name(random);
        boolean sameReceiver = random.nextDouble() < 0.7;
        String receiver = sameReceiver ? buyer : CoupangSampleData.name(random);
        CoupangSampleData.Address address = CoupangSampleData.address(random);
        String detail = CoupangSampleData.detail(random);
        String message = CoupangSampleData.message(random);
        String ordererSafe = CoupangSampleData.safeNumber(random);
        String receiverSafe = sameReceiver ? ordererSafe : CoupangSampleData.safeNumber(random);
        String customs = random.nextDouble() < 0.05 ? String.format("P%012d", (long) (random.nextDouble() * 1e12)) : "";
        ZonedDateTime ordered = createdAt.minusSeconds(5 + random.nextInt(120)).truncatedTo(ChronoUnit.MICROS);
        ZonedDateTime paid = createdAt.truncatedTo(ChronoUnit.MICROS);
        for (int b = 0; b < boxes; b++) {
            long boxId = nextBoxId.getAsLong();
            ObjectNode s = json.createObjectNode();
            s.put("shipmentBoxId", boxId);
            s.put("orderId", orderId);
            s.put("orderedAt", MICROS.format(ordered));
            s.put("paidAt", MICROS.format(paid));
            ObjectNode orderer = s.putObject("orderer");
            orderer.put("name", buyer);
            orderer.put("email", "");
            orderer.put("safeNumber", ordererSafe);
            orderer.putNull("ordererNumber");
            orderer.put(UNKNOWN_FIELD, "orderer");
            long shipping = random.nextDouble() < 0.6 ? 0 : 3000;
            s.set("shippingPrice", money(shipping));
            boolean remote = address.postcode().startsWith("63");
            s.set("remotePrice", money(remote ? 3000 : 0));
            s.put("remoteArea", remote);
            s.put("parcelPrintMessage", message);
            s.put("splitShipping", boxes > 1);
            s.put("ableSplitShipping", boxes > 1);
            ObjectNode r = s.putObject("receiver");
            r.put("name", receiver);
            r.put("safeNumber", receiverSafe);
            r.putNull("receiverNumber");
            r.put("addr1", address.addr1());
            r.put("addr2", detail);
            r.put("postCode", address.postcode());
            r.put(UNKNOWN_FIELD, "receiver");
            if (!malformed) {
                ArrayNode items = s.putArray("orderItems");
                int count = 1 + random.nextInt(3);
                List<Long> used = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    CoupangSampleData.Product p = CoupangSampleData.product(random);
                    int option = random.nextInt(p.options().size());
                    long vendorItemId = p.productId() * 100 + option;
                    if (used.contains(vendorItemId)) {
                        continue;
                    }
                    used.add(vendorItemId);
                    int qty = 1 + (random.nextDouble() < 0.8 ? 0 : random.nextInt(3));
                    long discount = random.nextDouble() < 0.3 ? 1000L * qty : 0;
                    ObjectNode item = items.addObject();
                    item.put("vendorItemPackageId", 0);
                    item.put("vendorItemPackageName", "");
                    item.put("productId", p.productId());
                    item.put("vendorItemId", vendorItemId);
                    item.put("vendorItemName", p.name() + ", " + p.options().get(option));
                    item.put("shippingCount", qty);
                    item.set("salesPrice", money(p.price()));
                    item.set("orderPrice", money(p.price() * qty));
                    item.set("discountPrice", money(discount));
                    item.set("instantCouponDiscount", money(discount));
                    item.set("downloadableCouponDiscount", money(0));
                    item.set("coupangDiscount", money(0));
                    item.put("externalVendorSkuCode", p.skuPrefix() + "-" + String.format("%03d", option + 1));
                    item.put("etcInfoHeader", (String) null);
                    item.put("etcInfoValue", (String) null);
                    item.putArray("etcInfoValues");
                    item.put("sellerProductId", p.productId());
                    item.put("sellerProductName", p.name());
                    item.put("sellerProductItemName", p.options().get(option));
                    item.put("firstSellerProductItemName", p.options().get(option));
                    item.put("cancelCount", 0);
                    item.put("holdCountForCancel", 0);
                    item.put("estimatedShippingDate", paid.toLocalDate().plusDays(2).toString());
                    item.put("plannedShippingDate", "");
                    item.put("invoiceNumberUploadDate", "");
                    item.putObject("extraProperties").put(UNKNOWN_FIELD, "item extraProperties");
                    item.put("pricingBadge", false);
                    item.put("usedProduct", false);
                    item.put("confirmDate", "");
                    item.put("deliveryChargeTypeName", shipping == 0 ? "무료" : "유료");
                    item.put("canceled", false);
                    // an auto-generated bundle option (v5) for some items; chosen without the seeded random,
                    // so the rest of the data stays as it was for a seed
                    boolean bundle = vendorItemId % 7 == 0;
                    if (bundle) {
                        item.put("upBundleVendorItemId", vendorItemId + 900_000_000_000L);
                        item.put("upBundleVendorItemName", p.name() + ", " + p.options().get(option) + " 2개 묶음");
                        item.put("upBundleSize", 2);
                    } else {
                        item.putNull("upBundleVendorItemId");
                        item.putNull("upBundleVendorItemName");
                        item.putNull("upBundleSize");
                    }
                    item.put("upBundleItem", bundle);
                    item.put(UNKNOWN_FIELD, "item");
                }
            }
            ObjectNode oversea = s.putObject("overseaShippingInfoDto");
            oversea.put("personalCustomsClearanceCode", customs);
            oversea.put("ordererSsn", "");
            oversea.put("ordererPhoneNumber", "");
            oversea.put(UNKNOWN_FIELD, "overseaShippingInfoDto");
            s.put("deliveryCompanyName", "");
            s.put("invoiceNumber", "");
            s.put("inTrasitDateTime", "");
            s.put("deliveredDate", "");
            s.put("refer", random.nextBoolean() ? "안드로이드앱" : "PC웹");
            s.put("shipmentType", "THIRD_PARTY");
            s.put("isCod", false);
            ObjectNode extra = s.putObject("extraProperties");
            extra.putObject("taxReceiptInfo").put(UNKNOWN_FIELD, "taxReceiptInfo");
            extra.put("sameDayShipping", "false");
            extra.put("cutOffTimeHour", "14");
            extra.put(UNKNOWN_FIELD, "extraProperties");
            s.put(UNKNOWN_FIELD, "order sheet");
            sink.accept(new CoupangSheet(vendor, boxId, orderId, paid.toLocalDate(), s));
        }
    }

    private ObjectNode money(long units) {
        ObjectNode m = json.createObjectNode();
        m.put("currencyCode", "KRW");
        m.put("units", units);
        m.put("nanos", 0);
        return m;
    }
}
