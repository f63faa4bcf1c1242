package io.marketbridge.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Marketplace codes as written to every table and file of the ERP contract. */
public enum Marketplace {
    COUPANG("COUPANG", "KR"),
    NAVER("NAVER", "KR"),
    ELEVENST("11ST", "KR"),
    GMARKET("GMARKET", "KR"),
    AUCTION("AUCTION", "KR"),
    LOTTEON("LOTTEON", "KR"),
    QOO10("QOO10", "JP");

    private final String code;
    private final String country;

    Marketplace(String code, String country) {
        this.code = code;
        this.country = country;
    }

    /**
     * The marketplace's country (ISO 3166 alpha-2): KR, or JP for Qoo10 Japan, whose Japanese names and addresses a
     * Korean legacy encoding (MS949) cannot hold, so its orders are never written to a CSV with characters replaced.
     */
    public String country() {
        return country;
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
