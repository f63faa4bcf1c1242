package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.esm.EsmTokenCheck.Caller;

/** GET /item/v1/shipping/delivery-company: the static courier list, without ESM's envelope. */
final class DeliveryCompaniesHandler implements EsmHandler {

    private final EsmReplies replies;

    DeliveryCompaniesHandler(EsmReplies replies) {
        this.replies = replies;
    }

    @Override
    public SimReply answer(Caller caller, String path, JsonNode request) {
        ObjectNode out = replies.object();
        ArrayNode list = out.putArray("deliveryCompanies");
        EsmCouriers.NAMES.forEach((code, name) -> {
            ObjectNode c = list.addObject();
            c.put("deliveryCompCode", code);
            c.put("deliveryCompName", name);
        });
        return EsmReplies.json(200, out.toString());
    }
}
