package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.config.Account;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;

/**
 * The Coupang-specific steps of routes/coupang.camel.yaml: page through the v5 order sheets in daily mode,
 * group sheets into orders and map them, acknowledge delivered boxes, and re-read them afterwards.
 */
public class CoupangOrders {

    static final String API = "/v2/providers/openapi/apis/api";
    /** Coupang's daily-mode window limit: 31 calendar days, both ends inclusive. */
    static final int MAX_WINDOW_DAYS = 31;
    static final WindowSlicer DAILY = WindowSlicer.of(ChronoUnit.DAYS, Duration.ofDays(MAX_WINDOW_DAYS - 1),
            WindowSlicer.Boundary.NEXT_GRAIN);
    static final Set<String> PAST_ACCEPT = Set.of("INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY", "NONE_TRACKING");
    /** Route variable: the chunk of boxes an acknowledgement call is about. */
    public static final String CHUNK = "chunk";

    private final IntakeErrors intakeErrors;
    private final Confirmations confirmations;
    private final CoupangRereads rereads;

    public CoupangOrders(IntakeErrors intakeErrors, Confirmations confirmations, OrderChanges orderChanges) {
        this.intakeErrors = intakeErrors;
        this.confirmations = confirmations;
        this.rereads = new CoupangRereads(confirmations, orderChanges);
    }

    /** Cuts the poll's window into daily-mode slices (inclusive KST dates, at most 31 days each). */
    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangPoll> poll) {
        poll.start(new CoupangPoll(slices(poll)));
    }

    /** The poll's window as daily-mode slices: inclusive KST dates, at most 31 days each, oldest first. */
    static List<WindowSlicer.Slice> slices(PollContext<?> poll) {
        return poll.isSkipped() ? List.of() : DAILY.slices(poll.getWindowFrom(), poll.getWindowTo());
    }

    /** The next page of ACCEPT (paid, not yet acknowledged) sheets. */
    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangPoll> poll) {
        SlicePaging<String> pages = poll.state().pages;
        return sheetsRequest(poll, pages.slice(), pages.cursor(), "ACCEPT", "ordersheets %s..%s");
    }

    /** One page of the window's sheets in one status (daily mode); the purpose is formatted with the slice's dates. */
    static ApiRequest sheetsRequest(PollContext<?> poll, WindowSlicer.Slice slice, String nextToken, String status,
                                    String purpose) {
        LocalDate from = slice.from().toLocalDate();
        LocalDate to = slice.to().toLocalDate();
        String query = "createdAtFrom=" + from + "%2B09:00&createdAtTo=" + to + "%2B09:00&maxPerPage=50"
                + (nextToken == null ? "" : "&nextToken=" + URLEncoder.encode(nextToken, StandardCharsets.UTF_8))
                + "&status=" + status;
        return ApiRequest.get(API + "/v5/vendors/" + vendor(poll) + "/ordersheets", query, purpose.formatted(from, to));
    }

    /** Collects the page's sheets by orderId and moves the paging on. */
    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangPoll> poll, @Body JsonNode root) {
        CoupangPoll state = poll.state();
        SlicePaging<String> pages = state.pages;
        JsonNode data = root.path("data");
        int index = 0;
        for (JsonNode sheet : data) {
            String key = sheet.hasNonNull("orderId") ? "order:" + sheet.get("orderId").asText()
                    : sheet.hasNonNull("shipmentBoxId") ? "box:" + sheet.get("shipmentBoxId").asText()
                    : "page:" + pages.slicesDone() + ":" + pages.cursor() + ":" + index;
            state.sheetsByOrder.computeIfAbsent(key, k -> new ArrayList<>()).add(sheet);
            index++;
        }
        poll.addFetched(data.size());
        nextToken(pages, root);
    }

    /** The slice goes on at the answer's nextToken, or ends when there is none (or the page was empty). */
    static void nextToken(SlicePaging<String> pages, JsonNode root) {
        String token = root.path("nextToken").asText("");
        if (token.isEmpty() || root.path("data").isEmpty()) {
            pages.sliceDone();
        } else {
            pages.nextPage(token);
        }
    }

    /** Maps every collected order; one that cannot be mapped goes to MB_INTAKE_ERROR and the rest go on. */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangPoll> poll) throws SQLException {
        CoupangPoll state = poll.state();
        for (Map.Entry<String, List<JsonNode>> group : state.sheetsByOrder.entrySet()) {
            intakeErrors.mapInto(poll, Marketplace.COUPANG, payloadRef(group),
                    () -> CoupangOrderMapper.map(poll.getAccountId(), group.getValue()), () -> {
                        ArrayNode raw = OrderJson.mapper().createArrayNode();
                        group.getValue().forEach(raw::add);
                        return raw.toString();
                    });
        }
        state.sheetsByOrder.clear();
    }

    private static String payloadRef(Map.Entry<String, List<JsonNode>> group) {
        JsonNode first = group.getValue().get(0);
        return first.hasNonNull("shipmentBoxId") ? "shipmentBoxId:" + first.get("shipmentBoxId").asText() : group.getKey();
    }

    /** Re-maps a stored raw payload (a JSON array of sheets, or one sheet) for a replay. */
    public static Order mapRaw(Account account, String rawPayload) {
        return CoupangOrderMapper.map(account.id(), JsonFields.rawPayload(rawPayload));
    }

    /** The poll account's delivered, unacknowledged boxes in chunks. */
    public List<List<String>> pendingAcknowledgements(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll)
            throws SQLException {
        return confirmations.pendingChunks(poll.getAccountId(), poll.getAccount().integer(CoupangConnector.CONFIRM_CHUNK_SIZE));
    }

    /** The acknowledgement of one chunk of shipmentBoxIds. */
    public ApiRequest acknowledgeRequest(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll,
                                         @Body List<String> boxIds) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("vendorId", vendor(poll));
        ArrayNode ids = body.putArray("shipmentBoxIds");
        boxIds.forEach(id -> ids.add(Long.parseLong(id)));
        return ApiRequest.withBody("PUT", API + "/v4/vendors/" + vendor(poll) + "/ordersheets/acknowledgement",
                body.toString(), "acknowledgement of " + boxIds.size() + " boxes");
    }

    /**
     * Records the per-box results. Acknowledged boxes are marked DUE for the re-read in the same transaction
     * (when recheck is on); refused ones are re-read in this poll to settle the refusal.
     */
    public void readAcknowledgement(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll,
                                    @Variable(CHUNK) List<String> chunk, @Body JsonNode answer) throws SQLException {
        JsonNode data = answer.path("data");
        Set<String> answered = new HashSet<>();
        List<Confirmations.Answer> answers = new ArrayList<>();
        boolean recheck = poll.getAccount().flag(CoupangConnector.RECHECK_AFTER_CONFIRM);
        for (JsonNode item : data.path("responseList")) {
            String box = item.path("shipmentBoxId").asText();
            if (!chunk.contains(box) || !answered.add(box)) {
                continue;
            }
            if (item.path("succeed").asBoolean(false)) {
                answers.add(new Confirmations.Answer(box, Confirmations.CONFIRMED, item.path("resultCode").asText("OK"), null));
                poll.addConfirmed(1);
            } else {
                // A refused box is re-read before the refusal counts: an earlier run may have acknowledged it
                // and stopped before recording that. Until the re-read it stays FAILED, so a stop in between
                // leaves it to be tried (and re-read) again, never wrongly REJECTED.
                poll.getConfirmedShipments().add(box);
                String code = item.path("resultCode").asText(null);
                String message = item.path("resultMessage").asText(null);
                answers.add(new Confirmations.Answer(box, Confirmations.FAILED, code, message));
                if (!item.path("retryRequired").asBoolean(false)) {
                    poll.refusals().put(box, new Confirmations.Answer(box, Confirmations.REJECTED, code, message));
                }
                poll.addConfirmFailed(1);
            }
        }
        for (String box : chunk) {
            if (!answered.contains(box)) {
                answers.add(new Confirmations.Answer(box, Confirmations.FAILED, "NO_RESULT",
                        data.path("responseMessage").asText("no per-item result in the answer")));
                poll.addConfirmFailed(1);
                poll.getConfirmedShipments().add(box);
            }
        }
        confirmations.recordAll(poll.getAccountId(), answers, recheck);
    }

    // the re-read after acknowledging: see CoupangRereads

    public void startRereads(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangPoll> poll) throws SQLException {
        rereads.start(poll);
    }

    public ApiRequest nextRereadPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangPoll> poll) {
        return rereads.nextPage(poll);
    }

    public void readRereadPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangPoll> poll, @Body JsonNode page)
            throws SQLException {
        rereads.readPage(poll, page);
    }

    public ApiRequest sheetRequest(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangPoll> poll, @Body String box) {
        return rereads.sheetRequest(poll, box);
    }

    public void readSheet(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangPoll> poll,
                          @Variable(CoupangRereads.BOX) String box, @Body JsonNode answer) throws SQLException {
        rereads.readSheet(poll, box, answer);
    }

    public void sheetUnreadable(@ExchangeProperty(PollContext.PROPERTY) PollContext<CoupangPoll> poll,
                                @Variable(CoupangRereads.BOX) String box) throws SQLException {
        rereads.unreadable(poll, box);
    }

    static String vendor(PollContext<?> poll) {
        return poll.getAccount().get(CoupangConnector.VENDOR_ID);
    }
}
