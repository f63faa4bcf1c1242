package io.marketbridge.simulator.elevenst;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Invented, realistic-looking 11st data. Some names and address details use Hangul syllables outside KS X 1001
 * (똠, 햏, 뷁, 똘, 쏠 ...): MS949 encodes them, strict EUC-KR cannot. Nothing here belongs to a real person.
 */
final class ElevenstSampleData {

    record Option(String name, String stockNo, String sku, long extra) {
    }

    record Product(String prdNo, String name, String sellerCode, long price, List<Option> options, String addOnName,
                   String addOnNo, long addOnPrice) {
    }

    private static final String[] SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"};
    private static final String[] GIVEN = {"민준", "서연", "도윤", "하은", "시우", "지유", "예준", "서윤", "주원", "지민",
        "하준", "수아", "건우", "유진"};
    /** Given names with syllables outside KS X 1001 (MS949's extension). */
    private static final String[] RARE_GIVEN = {"똠이", "햏수", "뷁진", "똘미", "쏠희"};
    private static final String[][] ADDRESSES = {
        {"06236", "서울특별시 강남구 테헤란로 152"},
        {"04524", "서울특별시 중구 세종대로 110"},
        {"03925", "서울특별시 마포구 월드컵북로 396"},
        {"13529", "경기도 성남시 분당구 판교역로 235"},
        {"16677", "경기도 수원시 영통구 광교중앙로 140"},
        {"48058", "부산광역시 해운대구 센텀중앙로 79"},
        {"41911", "대구광역시 중구 공평로 88"},
        {"34126", "대전광역시 유성구 대학로 99"},
        {"63122", "제주특별자치도 제주시 문연로 6"},
        {"21999", "인천광역시 연수구 송도과학로 32"}};
    private static final String[] DETAILS = {"101동 1203호", "3층", "B동 502호", "805호", "상가 2층", "12층 1201호"};
    private static final String[] RARE_DETAILS = {"똠방빌라 201호", "햏빛마을 3단지 104동 701호"};
    private static final String[] MEMOS = {"부재시 경비실에 맡겨주세요", "문 앞에 놓아주세요", "배송 전 연락 바랍니다", null, null};
    static final List<Product> PRODUCTS = List.of(
            product("3456780011", "국산 유기농 현미 10kg", "ST-RICE-10", 39800, "쇼핑백", "5000011", 500,
                    "포장:일반", "포장:선물용"),
            product("3456780012", "남성 기능성 등산 티셔츠", "ST-TEE-M", 24900, null, null, 0,
                    "사이즈:95/색상:블랙", "사이즈:100/색상:블랙", "사이즈:105/색상:네이비"),
            product("3456780013", "스테인리스 냄비 3종 세트", "ST-POT-3", 59000, "실리콘 냄비받침", "5000013", 3900,
                    "색상:실버"),
            product("3456780014", "유아 물티슈 캡형 100매 x 10팩", "ST-WIPE-10", 15900, null, null, 0, "단일상품"),
            product("3456780015", "무선 충전 보조배터리 10000mAh", "ST-BAT-10K", 29900, "C타입 케이블", "5000015", 4900,
                    "색상:화이트", "색상:블랙"),
            product("3456780016", "제주 감귤 5kg 로얄과", "ST-JEJU-5", 27900, null, null, 0, "크기:중", "크기:대"));

    private ElevenstSampleData() {
    }

    private static Product product(String prdNo, String name, String sellerCode, long price, String addOnName,
                                   String addOnNo, long addOnPrice, String... options) {
        List<Option> list = new ArrayList<>();
        for (int i = 0; i < options.length; i++) {
            list.add(new Option(options[i], String.valueOf(Long.parseLong(prdNo) * 100 + i + 1),
                    sellerCode + "-" + String.format("%02d", i + 1), i > 0 && sellerCode.contains("JEJU") ? 5000 : 0));
        }
        return new Product(prdNo, name, sellerCode, price, List.copyOf(list), addOnName, addOnNo, addOnPrice);
    }

    static String name(Random r, boolean rare) {
        return SURNAMES[r.nextInt(SURNAMES.length)] + (rare ? RARE_GIVEN[r.nextInt(RARE_GIVEN.length)]
                : GIVEN[r.nextInt(GIVEN.length)]);
    }

    static String mobile(Random r) {
        return String.format("010-%04d-%04d", 1000 + r.nextInt(9000), r.nextInt(10000));
    }

    static String landline(Random r) {
        return String.format("02-%03d-%04d", 200 + r.nextInt(700), r.nextInt(10000));
    }

    static String[] address(Random r) {
        return ADDRESSES[r.nextInt(ADDRESSES.length)];
    }

    static String detail(Random r, boolean rare) {
        return rare && r.nextBoolean() ? RARE_DETAILS[r.nextInt(RARE_DETAILS.length)] : DETAILS[r.nextInt(DETAILS.length)];
    }

    static String memo(Random r) {
        return MEMOS[r.nextInt(MEMOS.length)];
    }

    static String memberId(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.append("***").toString();
    }

    static Product product(Random r) {
        return PRODUCTS.get(r.nextInt(PRODUCTS.size()));
    }
}
