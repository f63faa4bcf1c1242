package io.marketbridge.marketplace.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.config.Account;
import io.marketbridge.db.Jdbc;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The Qoo10 steps of the claims poll (route qoo10-claims, the claim-poll template).
 *
 * <p>Lists: ShippingBasic.GetClaimInfo_V3 once per JST slice of at most claims.window-days (≤ 90, qoo10.md) and per
 * ClaimStat of claims.stats (1-6 by default: cancel and return), "yyyyMMddHHmmss" with the boundary second read by
 * both slices. The requested and in-progress stats are read by claim request date (search_condition 2), over a window
 * reaching back at least claims.follow-window, since a claim keeps its request date while it moves; the completed
 * stats (3, 6, 13) by completion date (search_condition 3), so a completion is seen whenever it happens.
 *
 * <p>Qoo10 lists no withdrawn or refused claims. Once the lists are read, each claim recorded open (REQUESTED or
 * APPROVED) in MB_CLAIM that this poll did not list is read with GetShippingAndClaimInfoByOrderNo_V2: no claim on
 * the order any more is WITHDRAWN (REJECTED when the order has shipped), see {@link Qoo10ClaimMapper#settled}.
 */
public class Qoo10Claims {

    static final String LIST = "ShippingBasic.GetClaimInfo_V3";
    static final Set<String> COMPLETED_STATS = Set.of("3", "6", "13");

    private final IntakeErrors intakeErrors;
    private final DataSource dataSource;
    private final Clock clock;

    public Qoo10Claims(IntakeErrors intakeErrors, DataSource dataSource, Clock clock) {
        this.intakeErrors = intakeErrors;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10ClaimPoll> poll) {
        Qoo10ClaimPoll state = new Qoo10ClaimPoll();
        if (poll.isSkipped()) {
            state.reads = new ArrayDeque<>();
        } else {
            Account account = poll.getAccount();
            OffsetDateTime follow = poll.getWindowTo().minus(account.duration(Qoo10Connector.CLAIM_FOLLOW_WINDOW));
            OffsetDateTime from = poll.getWindowFrom().isBefore(follow) ? poll.getWindowFrom() : follow;
            WindowSlicer slicer = WindowSlicer.of(ChronoUnit.SECONDS,
                    Duration.ofDays(account.integer(Qoo10Connector.CLAIM_WINDOW_DAYS)), WindowSlicer.Boundary.SHARED);
            // KST and JST share +09:00: the slicer's wall clock is Qoo10's
            for (WindowSlicer.Slice slice : slicer.slices(from, poll.getWindowTo())) {
                for (String stat : stats(account)) {
                    state.lists.add(new Qoo10ClaimPoll.ListCall(slice, stat, COMPLETED_STATS.contains(stat) ? "3" : "2"));
                }
            }
            if (state.lists.isEmpty()) {
                state.reads = new ArrayDeque<>();
            }
        }
        poll.start(state);
    }

    static List<String> stats(Account account) {
        return java.util.Arrays.stream(account.get(Qoo10Connector.CLAIM_STATS).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).distinct().toList();
    }

    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10ClaimPoll> poll) {
        Qoo10ClaimPoll state = poll.state();
        Qoo10ClaimPoll.ListCall call = state.lists.peekFirst();
        if (call == null) {
            String orderNo = JsonFields.text(state.reads.peekFirst().row(), "orderNo");
            Map<String, String> p = new LinkedHashMap<>();
            p.put("OrderNo", orderNo);
            return Qoo10Api.call(Qoo10Shipments.READ_ORDER, p, "read of orderNo " + orderNo + " (an open claim no longer listed)");
        }
        String from = call.slice().from(Qoo10Orders.SECOND);
        String to = call.slice().to(Qoo10Orders.SECOND);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ClaimStat", call.stat());
        p.put("search_Sdate", from);
        p.put("search_Edate", to);
        p.put("search_condition", call.condition());
        return Qoo10Api.call(LIST, p, "claims (ClaimStat " + call.stat() + ") " + from + ".." + to);
    }

    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10ClaimPoll> poll, @Body JsonNode answer)
            throws SQLException {
        Qoo10ClaimPoll state = poll.state();
        if (state.lists.isEmpty()) {
            readOpenClaim(poll, answer);
            return;
        }
        state.lists.pollFirst();
        for (JsonNode row : Qoo10Orders.rows(answer.get("ResultObject"))) {
            poll.addFetched(1);
            String key;
            try {
                key = Qoo10ClaimMapper.claimId(row);
                state.listed.add(key);
            } catch (MappingException e) {
                key = "?" + state.rows.size(); // mapped (and refused) with the others, to land in MB_INTAKE_ERROR
            }
            state.rows.put(key + "/" + JsonFields.text(row, "claimStatus"), row);
        }
        if (state.lists.isEmpty()) {
            state.reads = new ArrayDeque<>(openClaims(poll.getAccountId(), state.listed));
        }
    }

    /** One read of an order whose open claim is no longer listed (a per-order call: its ResultCode is ours to read). */
    private void readOpenClaim(PollContext<Qoo10ClaimPoll> poll, JsonNode answer) {
        Qoo10ClaimPoll state = poll.state();
        Qoo10ClaimPoll.OpenClaim open = state.reads.pollFirst();
        if (answer.path("ResultCode").asInt(Integer.MIN_VALUE) != 0) {
            return; // unknown order (-10001) or a refusal: read again at the next poll
        }
        Claim settled = Qoo10ClaimMapper.settled(poll.getAccountId(), open.row(), answer.get("ResultObject"),
                OffsetDateTime.now(clock.withZone(Qoo10OrderMapper.TOKYO)));
        if (settled != null) {
            state.settled.add(settled);
        }
    }

    /** The account's claims whose latest recorded status is open and which this poll did not list: their last rows. */
    List<Qoo10ClaimPoll.OpenClaim> openClaims(String accountId, Set<String> listed) throws SQLException {
        Map<String, String> latest = new LinkedHashMap<>();
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT claim_id, claim_status, raw_payload FROM MB_CLAIM"
                     + " WHERE marketplace = ? AND account_id = ? ORDER BY id")) {
            Jdbc.bind(ps, Marketplace.QOO10.code(), accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    latest.put(rs.getString(1), rs.getString(2));
                    rows.put(rs.getString(1), rs.getString(3));
                }
            }
        }
        List<Qoo10ClaimPoll.OpenClaim> open = new java.util.ArrayList<>();
        Set<String> orderNos = new HashSet<>();
        latest.forEach((claimId, status) -> {
            boolean isOpen = status.equals(ClaimStatus.REQUESTED.name()) || status.equals(ClaimStatus.APPROVED.name());
            JsonNode row = isOpen && !listed.contains(claimId) ? parse(rows.get(claimId)) : null;
            if (row != null && row.hasNonNull("orderNo") && orderNos.add(row.get("orderNo").asText())) {
                open.add(new Qoo10ClaimPoll.OpenClaim(claimId, row));
            }
        });
        return open;
    }

    private static JsonNode parse(String raw) {
        try {
            return raw == null ? null : OrderJson.mapper().readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    /** Maps every row read; one that cannot be mapped goes to MB_INTAKE_ERROR and the rest go on. */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10ClaimPoll> poll) throws SQLException {
        Qoo10ClaimPoll state = poll.state();
        for (JsonNode row : state.rows.values()) {
            intakeErrors.mapClaimsInto(poll, Marketplace.QOO10, "claimId:orderNo " + JsonFields.text(row, "orderNo")
                    + " ClaimStat " + JsonFields.text(row, "claimStatus"),
                    () -> List.of(Qoo10ClaimMapper.map(poll.getAccountId(), row)), row::toString);
        }
        poll.getClaims().addAll(state.settled);
        state.rows.clear();
        state.settled.clear();
    }

    /** Re-maps a stored raw payload (a claim row, or a settled claim) for a replay. */
    public static List<Claim> mapRaw(Account account, String rawPayload, Clock clock) {
        return Qoo10ClaimMapper.mapRaw(account.id(), rawPayload, OffsetDateTime.now(clock.withZone(Qoo10OrderMapper.TOKYO)));
    }
}
