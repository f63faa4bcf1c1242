package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.ok;

import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimReply;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GET one v5 order sheet of a vendor by its shipmentBoxId. */
final class CoupangOrderSheetRead implements CoupangResource {

    private static final Pattern PATH = Pattern.compile(API + "/v5/vendors/([^/]+)/ordersheets/([0-9]+)");

    private final CoupangStore store;

    CoupangOrderSheetRead(CoupangStore store) {
        this.store = store;
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public String method() {
        return "GET";
    }

    /** A single-box read is how a client re-reads what it acknowledged. */
    @Override
    public boolean rereads(Map<String, String> query) {
        return true;
    }

    @Override
    public SimReply answer(String vendor, Matcher path, Map<String, String> query, HttpExchange http) {
        long boxId = Long.parseLong(path.group(2));
        store.countSingleRead(vendor);
        CoupangSheet s = store.box(vendor, boxId);
        if (s == null) {
            return SimReply.json(400, "{\"code\":400,\"message\":\"존재하지 않는 배송번호입니다. shipmentBoxId=" + boxId + "\"}");
        }
        return ok(s.render(), "single read");
    }
}
