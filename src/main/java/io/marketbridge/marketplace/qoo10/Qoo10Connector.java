package io.marketbridge.marketplace.qoo10;

import static io.marketbridge.config.AccountKey.Type.DURATION;
import static io.marketbridge.config.AccountKey.Type.INTEGER;
import static io.marketbridge.config.AccountKey.Type.STRING;
import static io.marketbridge.config.AccountKey.Type.URL;

import io.marketbridge.claim.Claim;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.ConnectionCheck;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.marketplace.MarketplaceServices;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.Registry;

/**
 * Qoo10 Japan (QSM) through its QAPI: an account is a seller's API key plus the QSM login (user id and password),
 * from which the connector obtains the seller authorization key (SAK) every other call uses. Orders are JPY, with
 * Japanese names, their katakana readings, addresses and +81 phones (ERP contract version 4). Routes:
 * routes/qoo10.camel.yaml; facts: docs/qoo10.md; every point that source marks uncertain is a
 * key with a default here (docs/qoo10.md).
 */
public class Qoo10Connector implements MarketplaceConnector {

    public static final String BASE_URL = "base-url";
    public static final String SERVICE_PATH = "service-path";
    public static final String API_KEY = "api-key";
    public static final String USER_ID = "user-id";
    public static final String PASSWORD = "password";
    public static final String USER_ID_PARAM = "user-id-param";
    public static final String CALL_STYLE = "call-style";
    public static final String QAPI_VERSION = "qapi-version";
    public static final String SAK_MAX_AGE = "sak-max-age";
    public static final String SAK_RENEW_CODES = "sak-renew-codes";
    public static final String NO_ORDER_CODE = "no-order-code";
    public static final String RATE_PER_SECOND = "rate-per-second";
    public static final String ORDERS_API = "orders.api";
    public static final String SHIPPING_STAT = "orders.shipping-stat";
    public static final String SEARCH_CONDITION = "orders.search-condition";
    public static final String WINDOW_DAYS = "orders.window-days";
    public static final String SELLER_SKU = "seller-sku";
    public static final String SKU_SEPARATOR = "sku-separator";
    public static final String EST_SHIP_DAYS = "confirm.est-ship-days";
    public static final String CARRIER_NAMES = "carrier-names";
    public static final String CLAIM_WINDOW_DAYS = "claims.window-days";
    public static final String CLAIM_STATS = "claims.stats";
    public static final String CLAIM_FOLLOW_WINDOW = "claims.follow-window";

    static final String SERVICE = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi";

    static final List<AccountKey> KEYS = List.of(
            AccountKey.optional(BASE_URL, URL, "https://api.qoo10.jp", "QAPI host (not www.qoo10.jp)"),
            AccountKey.optional(SERVICE_PATH, STRING, SERVICE, "The QAPI service path the connector appends to base-url")
                    .matching("/[A-Za-z0-9._/-]+"),
            AccountKey.required(API_KEY, STRING, "The QAPI key Qoo10 issued for the shop (on application, valid one year)",
                    "{{env:ACME_QOO10_API_KEY}}").asSecret(),
            AccountKey.required(USER_ID, STRING, "The seller's QSM login id (CreateCertificationKey's user_id)", "acmejapan"),
            AccountKey.required(PASSWORD, STRING, "The seller's QSM password (CreateCertificationKey's pwd); a password"
                    + " changed in QSM must be changed here too", "{{env:ACME_QOO10_PASSWORD}}").asSecret(),
            AccountKey.optional(USER_ID_PARAM, STRING, "user_id", "The name CreateCertificationKey takes the login id by:"
                    + " user_id (Qoo10's documentation) or userId (seen in an SDK); UNCERTAIN").matching("user_id|userId"),
            AccountKey.optional(CALL_STYLE, STRING, "header", "header: POST <service-path>/<method> with the key in the"
                    + " GiosisCertificationKey header; legacy: POST <service-path> with method and key as parameters")
                    .matching("header|legacy"),
            AccountKey.optional(QAPI_VERSION, STRING, "1.0", "QAPIVersion header (legacy: the v parameter)").matching("[0-9]+\\.[0-9]+"),
            AccountKey.optional(SAK_MAX_AGE, DURATION, "PT12H", "A seller authorization key older than this is renewed before"
                    + " the next call (Qoo10 publishes no lifetime; an expired one is renewed on -90004/-90005 anyway)"),
            AccountKey.optional(SAK_RENEW_CODES, STRING, "-90004,-90005", "ResultCodes that mean \"the SAK expired\": renewed"
                    + " once and the call made again").matching("-?[0-9]+( *, *-?[0-9]+)*"),
            AccountKey.optional(NO_ORDER_CODE, INTEGER, "-10002", "The ResultCode a list answers \"no order\" with (qoo10.md"
                    + " lists -10002 as \"search-date error / no order\"); read as an empty list. UNCERTAIN"),
            AccountKey.optional(RATE_PER_SECOND, INTEGER, "2", "Calls per second for this account (Qoo10 publishes no limit)")
                    .between(1, 20),
            AccountKey.optional(ORDERS_API, STRING, "v2", "GetShippingInfo_v2 (lower camel rows) or _v3 (PascalCase rows),"
                    + " for when v2 is retired").matching("v2|v3"),
            AccountKey.optional(SHIPPING_STAT, INTEGER, "2", "The ShippingStat the poll reads: 2 shipping requested (a new"
                    + " paid order); 1 waiting; 3 checked").between(1, 3),
            AccountKey.optional(SEARCH_CONDITION, INTEGER, "2", "search_condition of the poll: 2 payment date, 1 order date")
                    .between(1, 2),
            AccountKey.optional(WINDOW_DAYS, INTEGER, "7", "Longest window of one order list call, in days (Qoo10 publishes"
                    + " no maximum; practitioners stay within 90). UNCERTAIN").between(1, 90),
            AccountKey.optional(SELLER_SKU, STRING, "item-option", "seller_sku: item-option = sellerItemCode + sku-separator +"
                    + " optionCode (sellerItemCode alone without an option code); item = sellerItemCode; option-else-item ="
                    + " optionCode, else sellerItemCode").matching("item-option|item|option-else-item"),
            AccountKey.optional(SKU_SEPARATOR, STRING, "-", "Between sellerItemCode and optionCode in seller_sku").matching("[^,]{1,3}"),
            AccountKey.optional(EST_SHIP_DAYS, INTEGER, null, "When set: the confirmation sends EstShipDt = today (JST) plus"
                    + " this many days; empty: no estimated ship date").between(0, 60),
            AccountKey.optional(CARRIER_NAMES, STRING, null, "The account's own carrier names, overriding the courier table's"
                    + " qoo10 column: YAMATO=ヤマト運輸,SAGAWA=Sagawa (Qoo10's accepted spellings are not published)")
                    .matching("[A-Z0-9_]+=[^,=]+( *, *[A-Z0-9_]+=[^,=]+)*"),
            AccountKey.optional(CLAIM_WINDOW_DAYS, INTEGER, "30", "Longest window of one claim list call, in days (at most"
                    + " 90, qoo10.md)").between(1, 90),
            AccountKey.optional(CLAIM_STATS, STRING, "1,2,3,4,5,6", "The ClaimStats the claims poll lists: 1-3 cancel"
                    + " (requested, cancelling, cancelled), 4-6 return; add 11,12,13 for exchanges (their meaning is"
                    + " UNCERTAIN: qoo10.md only says 11-16 exchange/non-receipt/unpaid)")
                    .matching("(1|2|3|4|5|6|11|12|13)( *, *(1|2|3|4|5|6|11|12|13))*"),
            AccountKey.optional(CLAIM_FOLLOW_WINDOW, DURATION, "P14D", "How far back the claims poll reads open claims by"
                    + " their request date (a claim keeps it while it moves on)"));

    /** The runtime's clock once beans are bound (the time a replayed settled claim is stamped with). */
    private java.time.Clock clock = java.time.Clock.systemUTC();

    @Override
    public String key() {
        return "qoo10";
    }

    @Override
    public List<AccountKey> accountKeys() {
        return KEYS;
    }

    @Override
    public List<String> problemsAcross(Map<String, String> values) {
        String encoding = values.get(io.marketbridge.config.CommonAccountKeys.CSV_ENCODING);
        if (encoding != null && (encoding.equalsIgnoreCase("MS949") || encoding.equalsIgnoreCase("CP949"))) {
            return List.of(io.marketbridge.config.CommonAccountKeys.CSV_ENCODING + " = " + encoding + " cannot hold Japanese"
                    + " names and addresses (the long vowel mark, half-width kana, many kanji): use UTF-8 or UTF-8-BOM");
        }
        return List.of();
    }

    @Override
    public String ordersRoute() {
        return "qoo10-orders";
    }

    @Override
    public Set<Marketplace> marketplaces() {
        return Set.of(Marketplace.QOO10);
    }

    @Override
    public String shipRoute() {
        return "qoo10-ship";
    }

    @Override
    public String claimsRoute() {
        return "qoo10-claims";
    }

    @Override
    public String claimActionsRoute() {
        return "qoo10-claim-actions";
    }

    @Override
    public Set<ClaimActionType> claimActions() {
        return Qoo10ClaimActions.SUPPORTED;
    }

    @Override
    public String claimActionNotSupported(ClaimActionType action) {
        return Qoo10ClaimActions.notSupported(action);
    }

    /** Item stock by SetGoodsPriceQty, option stock by EditGoodsInventory, each after a read (Qoo10Stock). */
    @Override
    public String stockRoute() {
        return "qoo10-stock";
    }

    @Override
    public List<Claim> mapClaimsForReplay(Account account, String rawPayload) {
        return Qoo10Claims.mapRaw(account, rawPayload, clock);
    }

    @Override
    public void bindBeans(MarketplaceServices services, Registry registry) {
        registry.bind("qoo10Api", new Qoo10Api(services.clock()));
        registry.bind("qoo10Orders", new Qoo10Orders(services.intakeErrors(), services.confirmations(), services.clock()));
        registry.bind("qoo10Shipments", new Qoo10Shipments());
        registry.bind("qoo10Claims", new Qoo10Claims(services.intakeErrors(), services.dataSource(), services.clock()));
        registry.bind("qoo10ClaimActions", new Qoo10ClaimActions());
        registry.bind("qoo10Stock", new Qoo10Stock());
        clock = services.clock();
    }

    @Override
    public Order mapForReplay(Account account, String rawPayload) {
        return Qoo10Orders.mapRaw(account, rawPayload);
    }

    /** Qoo10's check: a seller authorization key (CreateCertificationKey), which proves the API key and the QSM login. */
    @Override
    public ConnectionCheck connectionCheck(Account account, java.time.Clock clock) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(account.get(USER_ID_PARAM), account.get(USER_ID));
        p.put("pwd", account.get(PASSWORD));
        return new ConnectionCheck("qoo10-call", Qoo10Api.call(Qoo10Api.CREATE_KEY, p,
                "connection check (seller authorization key)"));
    }

    /** The API key must be renewed every year, and Qoo10 sends no reminder (qoo10.md 3.1). */
    @Override
    public java.time.Period keyLifetime() {
        return java.time.Period.ofYears(1);
    }

    @Override
    public String keyRenewal() {
        return "Qoo10 (QSM: apply for the QAPI key again; Qoo10 issues it in about 5 business days); then set api-key";
    }
}
