package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverReplies.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * POST /external/v1/oauth2/token: the bcrypt-signed client-credentials token request, from a form body or the
 * query string, within the timestamp window (5 minutes), for the application itself (SELF) or a seller account
 * (SELLER). Its errors have their own shape: {code, message, timestamp, invalidInputs, data}.
 */
final class TokenHandler {

    private final NaverStore store;
    private final NaverTokens tokens;
    private final NaverCallCounts counts;
    private final Duration timestampWindow;

    TokenHandler(NaverStore store, NaverTokens tokens, NaverCallCounts counts, Duration timestampWindow) {
        this.store = store;
        this.tokens = tokens;
        this.counts = counts;
        this.timestampWindow = timestampWindow;
    }

    SimReply answer(Map<String, List<String>> query, byte[] body, String contentType) {
        counts.token.incrementAndGet();
        Map<String, String> f = new HashMap<>();
        query.forEach((k, v) -> f.put(k, v.get(0)));
        String form = new String(body, StandardCharsets.UTF_8);
        boolean json = contentType != null && contentType.toLowerCase().contains("json");
        if (!json && !form.isBlank()) {
            SimHttp.query(form.trim()).forEach((k, v) -> f.put(k, v.get(0))); // the form body wins over the query string
        }
        ArrayNode invalid = JSON.createArrayNode();
        for (String field : List.of("client_id", "timestamp", "grant_type", "client_secret_sign", "type")) {
            if (f.get(field) == null || f.get(field).isBlank()) {
                invalidInput(invalid, field, "NotBlank", field + ": 필수 입력 항목입니다.");
            }
        }
        if (!invalid.isEmpty()) {
            return authError(400, "BAD_REQUEST", "유효하지 않은 요청입니다.", invalid);
        }
        if (!f.get("grant_type").equals("client_credentials")) {
            invalidInput(invalid, "grant_type", "InvalidValue", "grant_type은 client_credentials만 사용할 수 있습니다.");
        }
        String type = f.get("type");
        if (!type.equals("SELF") && !type.equals("SELLER")) {
            invalidInput(invalid, "type", "InvalidValue", "type은 SELF 또는 SELLER입니다.");
        }
        String accountId = f.getOrDefault("account_id", "").trim();
        if (type.equals("SELLER") && accountId.isEmpty()) {
            invalidInput(invalid, "account_id", "NotBlank", "type이 SELLER인 경우 account_id는 필수입니다.");
        }
        long timestamp = 0;
        try {
            timestamp = Long.parseLong(f.get("timestamp").trim());
        } catch (NumberFormatException e) {
            invalidInput(invalid, "timestamp", "TypeMismatch", "timestamp는 밀리초 단위의 Unix 시간입니다.");
        }
        if (!invalid.isEmpty()) {
            return authError(400, "BAD_REQUEST", "유효하지 않은 요청입니다.", invalid);
        }
        if (Math.abs(System.currentTimeMillis() - timestamp) > timestampWindow.toMillis()) {
            invalidInput(invalid, "timestamp", "InvalidValue", "timestamp가 유효 시간(5분)을 벗어났습니다.");
            return authError(400, "BAD_REQUEST", "유효하지 않은 요청입니다.", invalid);
        }
        String clientId = f.get("client_id").trim();
        Seller seller = store.sellerOfClient(clientId);
        if (seller == null) {
            invalidInput(invalid, "client_id", "InvalidValue", "client_id가 유효하지 않습니다.");
            return authError(400, "BAD_REQUEST", "유효하지 않은 요청입니다.", invalid);
        }
        String sign = f.get("client_secret_sign");
        if (!NaverTokens.verifySignature(clientId, seller.credentials.clientSecret(), f.get("timestamp").trim(), sign)) {
            invalidInput(invalid, "client_secret_sign", "InvalidValue", "client_secret_sign이 유효하지 않습니다.");
            return authError(400, "BAD_REQUEST", "유효하지 않은 요청입니다.", invalid);
        }
        if (type.equals("SELLER") && !accountId.equals(seller.id)) {
            return authError(404, "INTERLOCK_NOT_FOUND", "연동 정보를 찾을 수 없습니다.", invalid);
        }
        NaverTokens.Token t = tokens.issue(clientId + "|" + type + "|" + (type.equals("SELLER") ? accountId : ""), seller.id);
        ObjectNode out = JSON.createObjectNode();
        out.put("access_token", t.value);
        out.put("expires_in", Math.max(0, Duration.between(Instant.now(), t.expiresAt).toSeconds()));
        out.put("token_type", "Bearer");
        return SimReply.json(200, out.toString());
    }

    private static void invalidInput(ArrayNode invalid, String name, String type, String message) {
        ObjectNode i = invalid.addObject();
        i.put("name", name);
        i.put("type", type);
        i.put("message", message);
    }

    /** Token endpoint error body: {code, message, timestamp, invalidInputs, data}. */
    private static SimReply authError(int status, String code, String message, ArrayNode invalidInputs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("code", code);
        root.put("message", message);
        root.put("timestamp", NaverDates.now());
        root.set("invalidInputs", invalidInputs);
        root.putObject("data");
        return SimReply.json(status, root.toString());
    }
}
