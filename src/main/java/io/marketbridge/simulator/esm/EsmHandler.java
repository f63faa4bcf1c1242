package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.esm.EsmTokenCheck.Caller;

/** One ESM API resource, reached once the gateway has checked the token and applied the faults. */
interface EsmHandler {

    /** Answers a call of the verified {@code caller}; {@code request} is the JSON body (an empty object when none). */
    SimReply answer(Caller caller, String path, JsonNode request);
}
