package io.marketbridge.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Marketplace codes as written to every table and file of the ERP contract. */
public enum Marketplace {
    COUPANG("COUPANG"),
    NAVER("NAVER"),
    ELEVENST("11ST"),
    GMARKET("GMARKET"),
    AUCTION("AUCTION"),
    LOTTEON("LOTTEON"),
    QOO10("QOO10");

    private final String code;

    Marketplace(String code) {
        this.code = code;
    }

    /** The code in the ERP contract (11ST is not a valid Java name, hence the field); JSON files carry it too. */
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Marketplace fromCode(String code) {
        for (Marketplace m : values()) {
            // the Java name too: JSON written before the files carried the code said ELEVENST
            if (m.code.equalsIgnoreCase(code) || m.name().equalsIgnoreCase(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown marketplace code: " + code);
    }
}
