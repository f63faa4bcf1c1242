package io.marketbridge.marketplace.lotteon;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.marketplace.JsonFields;
import java.util.HashMap;
import java.util.Map;

/**
 * The results inside an inform answer (IfComplete, ProgressStateInform) whose envelope said "0000": the whole call's
 * data.rsltCd / rsltMsg, and, where the answer lists its rows, each row's resultCode (or rsltCd) by odNo, odSeq and
 * procSeq. A row's result is its own when listed, else the whole call's: a "0000" envelope can hold refused rows.
 */
final class LotteonResults {

    static final String OK = "0000";

    /** One row's (or the call's) result. */
    record Result(String code, String message) {
        boolean ok() {
            return OK.equals(code);
        }
    }

    private final Result whole;
    private final Map<String, Result> rows = new HashMap<>();

    private LotteonResults(Result whole) {
        this.whole = whole;
    }

    /** Reads an inform answer; {@code listName} is the request's list (ifCompleteList, deliveryProgressStateList). */
    static LotteonResults of(JsonNode answer, String listName) {
        JsonNode data = answer.path("data");
        String code = JsonFields.firstText(data, "rsltCd", "resultCode");
        LotteonResults results = new LotteonResults(new Result(code == null ? OK : code,
                JsonFields.firstText(data, "rsltMsg", "resultMessage")));
        JsonNode list = data.path(listName);
        if (!list.isArray()) {
            list = data.isArray() ? data : list;
        }
        for (JsonNode row : list) {
            String rowCode = JsonFields.firstText(row, "resultCode", "rsltCd");
            if (rowCode != null) {
                results.rows.put(key(JsonFields.text(row, "odNo"), JsonFields.text(row, "odSeq"), JsonFields.text(row, "procSeq")),
                        new Result(rowCode, JsonFields.firstText(row, "resultMessage", "rsltMsg")));
            }
        }
        return results;
    }

    /** The row's result, or the whole call's when the row is not listed. */
    Result row(String odNo, String odSeq, String procSeq) {
        return rows.getOrDefault(key(odNo, odSeq, procSeq), whole);
    }

    /** True when the answer listed the row's own result. */
    boolean listed(String odNo, String odSeq, String procSeq) {
        return rows.containsKey(key(odNo, odSeq, procSeq));
    }

    private static String key(String odNo, String odSeq, String procSeq) {
        return odNo + "/" + strip(odSeq) + "/" + strip(procSeq);
    }

    private static String strip(String seq) {
        return seq == null ? "" : seq.trim().replaceFirst("^0+(?=.)", "");
    }
}
