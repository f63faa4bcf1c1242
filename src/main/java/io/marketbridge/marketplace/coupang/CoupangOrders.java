package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.config.Account;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The Coupang-specific steps of routes/coupang.camel.yaml: page through the v5 order sheets in daily mode,
 * group sheets into orders and map them, acknowledge delivered boxes, and re-read them afterwards.
 */
public class CoupangOrders {

    static final String API = "/v2/providers/openapi/apis/api";
    /** Coupang's daily-mode window limit. */
    static final int MAX_WINDOW_DAYS = 31;
    static final String MORE_PAGES = "mbMorePages";
    static final Set<String> PAST_ACCEPT = Set.of("INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY", "NONE_TRACKING");

    /** Paging state: the window cut into slices of at most 31 days, the slice in progress, its nextToken. */
    static final class Paging {
        final List<LocalDate[]> slices = new ArrayList<>();
        int slice;
        String nextToken;
        final Map<String, List<JsonNode>> sheetsByOrder = new LinkedHashMap<>();
    }

    private final IntakeErrors intakeErrors;
    private final Confirmations confirmations;
    private final CoupangRereads rereads;

    public CoupangOrders(IntakeErrors intakeErrors, Confirmations confirmations, OrderChanges orderChanges) {
        this.intakeErrors = intakeErrors;
        this.confirmations = confirmations;
        this.rereads = new CoupangRereads(confirmations, orderChanges);
    }

    /** Cuts the poll's window into daily-mode slices (inclusive KST dates, at most 31 days each). */
    public void startPaging(Exchange exchange) {
        PollContext poll = poll(exchange);
        Paging paging = new Paging();
        paging.slices.addAll(slices(poll));
        poll.paging(paging);
        exchange.setProperty(MORE_PAGES, !poll.isSkipped() && !paging.slices.isEmpty());
    }

    /** The poll's window as daily-mode slices: inclusive KST dates, at most 31 days each, oldest first. */
    static List<LocalDate[]> slices(PollContext poll) {
        List<LocalDate[]> slices = new ArrayList<>();
        LocalDate from = poll.getWindowFrom().toLocalDate();
        LocalDate to = poll.getWindowTo().toLocalDate();
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(MAX_WINDOW_DAYS)) {
            LocalDate end = start.plusDays(MAX_WINDOW_DAYS - 1);
            slices.add(new LocalDate[] {start, end.isAfter(to) ? to : end});
        }
        return slices;
    }

    /** Sets the ApiRequest for the next page of ACCEPT (paid, not yet acknowledged) sheets. */
    public void nextPage(Exchange exchange) {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
        LocalDate[] slice = paging.slices.get(paging.slice);
        String query = "createdAtFrom=" + slice[0] + "%2B09:00&createdAtTo=" + slice[1] + "%2B09:00&maxPerPage=50"
                + (paging.nextToken == null ? "" : "&nextToken=" + URLEncoder.encode(paging.nextToken, StandardCharsets.UTF_8))
                + "&status=ACCEPT";
        String path = API + "/v5/vendors/" + vendor(poll) + "/ordersheets";
        exchange.setProperty(ApiRequest.PROPERTY, ApiRequest.get(path, query, "ordersheets " + slice[0] + ".." + slice[1]));
    }

    /** Collects the page's sheets by orderId and moves the paging on. */
    public void readPage(Exchange exchange) {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
        JsonNode root = exchange.getMessage().getBody(JsonNode.class);
        JsonNode data = root.path("data");
        int index = 0;
        for (JsonNode sheet : data) {
            String key = sheet.hasNonNull("orderId") ? "order:" + sheet.get("orderId").asText()
                    : sheet.hasNonNull("shipmentBoxId") ? "box:" + sheet.get("shipmentBoxId").asText()
                    : "page:" + paging.slice + ":" + paging.nextToken + ":" + index;
            paging.sheetsByOrder.computeIfAbsent(key, k -> new ArrayList<>()).add(sheet);
            index++;
        }
        poll.addFetched(data.size());
        String token = root.path("nextToken").asText("");
        if (token.isEmpty() || data.isEmpty()) {
            paging.nextToken = null;
            paging.slice++;
        } else {
            paging.nextToken = token;
        }
        exchange.setProperty(MORE_PAGES, paging.slice < paging.slices.size());
    }

    /** Maps every collected order; one that cannot be mapped goes to MB_INTAKE_ERROR and the rest go on. */
    public void mapCollected(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
        for (Map.Entry<String, List<JsonNode>> group : paging.sheetsByOrder.entrySet()) {
            try {
                poll.getOrders().add(CoupangOrderMapper.map(poll.getAccountId(), group.getValue()));
            } catch (MappingException | IllegalArgumentException e) {
                ArrayNode raw = OrderJson.mapper().createArrayNode();
                group.getValue().forEach(raw::add);
                intakeErrors.record(Marketplace.COUPANG, poll.getAccountId(), payloadRef(group), ErrorType.MAPPING,
                        e, raw.toString());
                poll.addMappingError();
            }
        }
        paging.sheetsByOrder.clear();
    }

    private static String payloadRef(Map.Entry<String, List<JsonNode>> group) {
        JsonNode first = group.getValue().get(0);
        return first.hasNonNull("shipmentBoxId") ? "shipmentBoxId:" + first.get("shipmentBoxId").asText() : group.getKey();
    }

    /** Re-maps a stored raw payload (a JSON array of sheets, or one sheet) for a replay. */
    public static Order mapRaw(Account account, String rawPayload) {
        return CoupangOrderMapper.map(account.id(), JsonFields.rawPayload(rawPayload));
    }

    /** Body: the poll account's delivered, unacknowledged boxes in chunks. */
    public List<List<String>> pendingAcknowledgements(Exchange exchange) throws SQLException {
        int chunk = poll(exchange).getAccount().integer(CoupangConnector.CONFIRM_CHUNK_SIZE);
        return confirmations.pendingChunks(exchange, chunk);
    }

    /** Body: one chunk of shipmentBoxIds. */
    public void acknowledgeRequest(Exchange exchange) {
        PollContext poll = poll(exchange);
        @SuppressWarnings("unchecked")
        List<String> boxIds = exchange.getMessage().getBody(List.class);
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("vendorId", vendor(poll));
        ArrayNode ids = body.putArray("shipmentBoxIds");
        boxIds.forEach(id -> ids.add(Long.parseLong(id)));
        exchange.setProperty("mbChunk", List.copyOf(boxIds));
        exchange.setProperty(ApiRequest.PROPERTY, ApiRequest.withBody("PUT",
                API + "/v4/vendors/" + vendor(poll) + "/ordersheets/acknowledgement", body.toString(),
                "acknowledgement of " + boxIds.size() + " boxes"));
    }

    /**
     * Records the per-box results. Acknowledged boxes are marked DUE for the re-read in the same transaction
     * (when recheck is on); refused ones are re-read in this poll to settle the refusal.
     */
    public void readAcknowledgement(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        @SuppressWarnings("unchecked")
        List<String> chunk = exchange.getProperty("mbChunk", List.class);
        JsonNode data = exchange.getMessage().getBody(JsonNode.class).path("data");
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

    public void startRereads(Exchange exchange) throws SQLException {
        rereads.start(exchange);
    }

    public void nextRereadPage(Exchange exchange) {
        rereads.nextPage(exchange);
    }

    public void readRereadPage(Exchange exchange) throws SQLException {
        rereads.readPage(exchange);
    }

    public void sheetRequest(Exchange exchange) {
        rereads.sheetRequest(exchange);
    }

    public void readSheet(Exchange exchange) throws SQLException {
        rereads.readSheet(exchange);
    }

    public void sheetUnreadable(Exchange exchange) throws SQLException {
        rereads.unreadable(exchange);
    }

    private static PollContext poll(Exchange exchange) {
        return exchange.getProperty(PollContext.PROPERTY, PollContext.class);
    }

    private static String vendor(PollContext poll) {
        return poll.getAccount().get(CoupangConnector.VENDOR_ID);
    }
}
