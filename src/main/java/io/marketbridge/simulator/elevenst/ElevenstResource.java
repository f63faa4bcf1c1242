package io.marketbridge.simulator.elevenst;

import io.marketbridge.simulator.SimReply;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One operation of 11st's Seller OpenAPI: a GET of /rest/{service}/{operation}/{arg}/..., every parameter in the
 * path (a product service's change: a PUT with an XML body). Answered once the gateway has checked the key, the
 * traffic limit and the switches.
 */
interface ElevenstResource {

    /** "{service}/{operation}", as in ordservices/reqpackaging. */
    String operation();

    /** Whether a path of this many segments (the empty one before /rest included) is this resource. */
    boolean accepts(int segments);

    /** Actions change orders and answer under ResultOrder; lists and lookups answer under ns2:orders. */
    default boolean action() {
        return false;
    }

    /** Counts a call of an action whose answer the actionCode switch forced (answer() is not called then). */
    default void countCall() {
    }

    /** Answers the seller's call; {@code args} are the decoded path segments after the operation. */
    SimReply answer(ElevenstSeller seller, String[] args);

    /** The HTTP method: GET for the order and claim services, PUT for the product services' changes. */
    default String method() {
        return "GET";
    }

    /** Product services answer under ClientMessage with resultCode/message (camelCase), key errors included. */
    default boolean product() {
        return false;
    }

    /** Answers a call that carries a body (the product services' XML); {@code body} null for a GET. */
    default SimReply answer(ElevenstSeller seller, String[] args, byte[] body) {
        return answer(seller, args);
    }

    /** A yyyyMMddHHmm value (KST), or null when it is not one. */
    static LocalDateTime minute(String s) {
        if (s == null || !s.matches("[0-9]{12}")) {
            return null;
        }
        try {
            return LocalDateTime.parse(s, DateTimeFormatter.ofPattern("yyyyMMddHHmm"));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
