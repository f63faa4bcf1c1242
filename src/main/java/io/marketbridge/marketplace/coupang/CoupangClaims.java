package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.db.Jdbc;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.coupang.CoupangClaimPoll.ListKind;
import io.marketbridge.marketplace.coupang.CoupangClaimPoll.ListRead;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Coupang-specific steps of the claims poll (route coupang-claims, the claim-poll template): read the v6
 * returnRequests list (cancelType RETURN once per status RU, UC, PR, CC; cancelType CANCEL once) in daily-mode
 * slices of at most 31 days, the v4 exchangeRequests list in slices of at most 7 days, and the v4
 * returnWithdrawRequests list (withdrawals, by their day) in slices of at most 7 days; then map them.
 *
 * <p>Both claim lists select by the day a claim was created, never by the day it changed, so the window read goes
 * back at least {@code claims.follow-window} (P14D) from now: a claim created within it is seen again in each
 * status it reaches. The withdrawal list is read over the poll's own window. A withdrawal names only the receipt;
 * its lines are those of the receipt, read in this poll or recorded earlier in MB_CLAIM.
 */
public class CoupangClaims {

    private static final Logger LOG = LoggerFactory.getLogger(CoupangClaims.class);
    static final String API = CoupangOrders.API;
    /** returnRequests: the order sheets' daily-mode rule, 31 calendar days, both ends inclusive. */
    static final WindowSlicer RECEIPT_DAYS = CoupangOrders.DAILY;
    /** exchangeRequests: at most 7 days from createdAtFrom to createdAtTo (yyyy-MM-ddTHH:mm:ss). */
    static final WindowSlicer EXCHANGE_SECONDS = WindowSlicer.of(ChronoUnit.SECONDS, Duration.ofDays(7),
            WindowSlicer.Boundary.NEXT_GRAIN);
    /** returnWithdrawRequests: at most 7 days, both ends counted. */
    static final WindowSlicer WITHDRAWAL_DAYS = WindowSlicer.of(ChronoUnit.DAYS, Duration.ofDays(6),
            WindowSlicer.Boundary.NEXT_GRAIN);
    /** The returnRequests statuses of cancelType RETURN; the list wants one (or an orderId). */
    static final List<String> RETURN_STATUSES = List.of("RU", "UC", "PR", "CC");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final int PAGE_SIZE = 50;
    private static final int WITHDRAWAL_PAGE_SIZE = 100;

    private final IntakeErrors intakeErrors;
    private final DataSource dataSource;

    public CoupangClaims(IntakeErrors intakeErrors, DataSource dataSource) {
        this.intakeErrors = intakeErrors;
        this.dataSource = dataSource;
    }

    /** Plans the poll's list reads over its window (see the class comment). */
    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangClaimPoll> poll) {
        poll.start(new CoupangClaimPoll(reads(poll)));
    }

    /** Every list read of the poll, in the order they are made; none when the window was skipped. */
    static List<ListRead> reads(PollContext<?> poll) {
        List<ListRead> reads = new ArrayList<>();
        if (poll.isSkipped()) {
            return reads;
        }
        OffsetDateTime to = poll.getWindowTo();
        Duration follow = poll.getAccount().duration(CoupangConnector.CLAIMS_FOLLOW_WINDOW);
        OffsetDateTime from = poll.getWindowFrom().isAfter(to.minus(follow)) ? to.minus(follow) : poll.getWindowFrom();
        for (WindowSlicer.Slice slice : RECEIPT_DAYS.slices(from, to)) {
            for (String status : RETURN_STATUSES) {
                reads.add(new ListRead(ListKind.RETURNS, status, slice));
            }
            reads.add(new ListRead(ListKind.CANCELS, null, slice));
        }
        for (WindowSlicer.Slice slice : EXCHANGE_SECONDS.slices(from, to)) {
            reads.add(new ListRead(ListKind.EXCHANGES, null, slice));
        }
        for (WindowSlicer.Slice slice : WITHDRAWAL_DAYS.slices(poll.getWindowFrom(), to)) {
            reads.add(new ListRead(ListKind.WITHDRAWALS, null, slice));
        }
        return reads;
    }

    /** The next page of the read under way. */
    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangClaimPoll> poll) {
        CoupangClaimPoll state = poll.state();
        return request(CoupangOrders.vendor(poll), state.read(), state.cursor());
    }

    static ApiRequest request(String vendor, ListRead read, String cursor) {
        WindowSlicer.Slice s = read.slice();
        String token = cursor == null ? "" : "&nextToken=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        return switch (read.kind()) {
            case RETURNS, CANCELS -> {
                boolean cancels = read.kind() == ListKind.CANCELS;
                String query = "cancelType=" + (cancels ? "CANCEL" : "RETURN") + "&createdAtFrom=" + s.from().toLocalDate()
                        + "&createdAtTo=" + s.to().toLocalDate() + "&maxPerPage=" + PAGE_SIZE + token
                        + (cancels ? "" : "&status=" + read.status());
                yield ApiRequest.get(API + "/v6/vendors/" + vendor + "/returnRequests", query,
                        (cancels ? "cancel receipts " : read.status() + " return receipts ") + s.from().toLocalDate()
                                + ".." + s.to().toLocalDate());
            }
            case EXCHANGES -> ApiRequest.get(API + "/v4/vendors/" + vendor + "/exchangeRequests",
                    "createdAtFrom=" + s.from(SECONDS) + "&createdAtTo=" + s.to(SECONDS) + "&maxPerPage=" + PAGE_SIZE + token,
                    "exchanges " + s.from(SECONDS) + ".." + s.to(SECONDS));
            case WITHDRAWALS -> ApiRequest.get(API + "/v4/vendors/" + vendor + "/returnWithdrawRequests",
                    "dateFrom=" + s.from().toLocalDate() + "&dateTo=" + s.to().toLocalDate() + "&pageIndex="
                            + (cursor == null ? "1" : cursor) + "&sizePerPage=" + WITHDRAWAL_PAGE_SIZE,
                    "withdrawals " + s.from().toLocalDate() + ".." + s.to().toLocalDate());
        };
    }

    /** Keeps the page's entries (one per id and status) and moves the read on. */
    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangClaimPoll> poll, @Body JsonNode root) {
        CoupangClaimPoll state = poll.state();
        JsonNode data = root.path("data");
        ListKind kind = state.read().kind();
        for (JsonNode entry : data) {
            switch (kind) {
                case RETURNS, CANCELS -> keep(state.receipts, state.unkeyed, entry, "receiptId", "receiptStatus");
                case EXCHANGES -> keep(state.exchanges, state.unkeyed, entry, "exchangeId", "exchangeStatus");
                case WITHDRAWALS -> state.withdrawals.add(entry);
            }
        }
        poll.addFetched(data.size());
        String next = root.path(kind == ListKind.WITHDRAWALS ? "nextPageIndex" : "nextToken").asText("");
        if (next.isEmpty() || data.isEmpty()) {
            state.readDone();
        } else {
            state.nextPage(next);
        }
    }

    /** A claim read again in the same status (from another slice or list) is kept once; a new status is its own entry. */
    private static void keep(Map<String, JsonNode> into, List<JsonNode> unkeyed, JsonNode entry, String id, String status) {
        String key = JsonFields.blankToNull(JsonFields.text(entry, id));
        if (key == null) {
            unkeyed.add(entry);
        } else {
            into.put(key + "|" + JsonFields.text(entry, status), entry);
        }
    }

    /**
     * Maps what was read: receipts, then exchanges, then withdrawals (so a claim read and withdrawn in one poll is
     * recorded in that order). One that cannot be mapped goes to MB_INTAKE_ERROR and the rest go on.
     */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangClaimPoll> poll) throws SQLException {
        CoupangClaimPoll state = poll.state();
        String account = poll.getAccountId();
        for (JsonNode receipt : state.receipts.values()) {
            intakeErrors.mapClaimsInto(poll, Marketplace.COUPANG, "receipt-" + receipt.path("receiptId").asText(),
                    () -> CoupangClaimMapper.receipt(account, receipt), receipt::toString);
        }
        for (JsonNode exchange : state.exchanges.values()) {
            intakeErrors.mapClaimsInto(poll, Marketplace.COUPANG, "exchange-" + exchange.path("exchangeId").asText(),
                    () -> CoupangClaimMapper.exchange(account, exchange), exchange::toString);
        }
        for (int i = 0; i < state.unkeyed.size(); i++) {
            JsonNode entry = state.unkeyed.get(i);
            intakeErrors.mapClaimsInto(poll, Marketplace.COUPANG, "unkeyed-" + poll.getWindowTo().toInstant() + "-" + i,
                    () -> CoupangClaimMapper.raw(account, entry.toString()), entry::toString);
        }
        for (JsonNode withdrawal : state.withdrawals) {
            String receiptId = JsonFields.blankToNull(JsonFields.text(withdrawal, "cancelId"));
            JsonNode receipt = receiptId == null ? OrderJson.mapper().createObjectNode() : receiptOf(state, account, receiptId);
            if (receipt == null) {
                // withdrawn before any poll read it: nothing of it was recorded, so there is nothing to undo
                LOG.info("account={} job=claims withdrawal of receipt {} not recorded before: skipped", account, receiptId);
                continue;
            }
            String raw = CoupangClaimMapper.withdrawalPayload(withdrawal, receipt);
            intakeErrors.mapClaimsInto(poll, Marketplace.COUPANG, "withdrawal-" + (receiptId == null ? "unkeyed" : receiptId),
                    () -> CoupangClaimMapper.raw(account, raw), () -> raw);
        }
        state.receipts.clear();
        state.exchanges.clear();
        state.unkeyed.clear();
        state.withdrawals.clear();
    }

    /** The receipt a withdrawal names: as read in this poll (its last status), else as last recorded in MB_CLAIM. */
    private JsonNode receiptOf(CoupangClaimPoll state, String account, String receiptId) throws SQLException {
        JsonNode found = null;
        for (JsonNode receipt : state.receipts.values()) {
            if (receiptId.equals(receipt.path("receiptId").asText())) {
                found = receipt;
            }
        }
        return found != null ? found : recordedReceipt(account, receiptId);
    }

    private JsonNode recordedReceipt(String account, String receiptId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT raw_payload FROM MB_CLAIM WHERE marketplace = ?"
                     + " AND account_id = ? AND claim_id = ? AND claim_status <> 'WITHDRAWN' ORDER BY id DESC")) {
            Jdbc.bind(ps, Marketplace.COUPANG.code(), account, receiptId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode raw = parse(rs.getString(1));
                    if (raw != null && raw.has("receiptId") && raw.has("returnItems")) {
                        return raw;
                    }
                }
            }
        }
        return null;
    }

    private static JsonNode parse(String raw) {
        try {
            return raw == null ? null : OrderJson.mapper().readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    /** Re-maps a stored raw payload (a receipt, an exchange, or a withdrawal with its receipt) for a replay. */
    public static List<io.marketbridge.claim.Claim> mapRaw(Account account, String rawPayload) {
        return CoupangClaimMapper.raw(account.id(), rawPayload);
    }
}
