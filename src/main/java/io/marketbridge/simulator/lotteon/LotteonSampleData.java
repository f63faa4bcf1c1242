package io.marketbridge.simulator.lotteon;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Invented, realistic-looking Lotte ON data (Hangul names, road-name addresses). Nothing here is a real person. */
final class LotteonSampleData {

    record Option(String sitmNo, String name, String sellerCode, long extra) {
    }

    record Product(String spdNo, String name, long price, List<Option> options, String addOnName, String addOnValue) {
    }

    private static final String[] SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "신"};
    private static final String[] GIVEN = {"서준", "하윤", "도현", "지아", "은우", "수빈", "현우", "채원", "민재", "예린",
        "지호", "소율"};
    private static final String[][] ADDRESSES = {
        {"05551", "서울특별시 송파구 올림픽로 300"},
        {"04533", "서울특별시 중구 남대문로 81"},
        {"07335", "서울특별시 영등포구 여의대로 108"},
        {"13494", "경기도 성남시 분당구 분당내곡로 131"},
        {"10391", "경기도 고양시 일산서구 중앙로 1455"},
        {"48095", "부산광역시 해운대구 해운대해변로 264"},
        {"61949", "광주광역시 서구 상무중앙로 110"},
        {"35209", "대전광역시 서구 둔산로 100"},
        {"44708", "울산광역시 남구 삼산로 261"},
        {"63309", "제주특별자치도 제주시 노연로 80"}};
    private static final String[] DETAILS = {"102동 1502호", "5층", "C동 301호", "1204호", "상가 1층 롯데마트", "7층 701호"};
    private static final String[] MEMOS = {"부재시 문 앞에 놓아주세요", "배송 전 연락 부탁드립니다", "경비실에 맡겨주세요", "", ""};
    static final List<Product> PRODUCTS = List.of(
            product("LO1928374650", "롯데 자일리톨 오리지날 리필 8개입", 23800, null, null,
                    "용량:리필 8개"),
            product("LO1928374651", "여성 캐시미어 라운드 니트", 89000, "선물포장", "포장함",
                    "색상:아이보리/사이즈:M", "색상:아이보리/사이즈:L", "색상:차콜/사이즈:M"),
            product("LO1928374652", "프리미엄 한우 선물세트 1.2kg", 129000, "보냉백", "추가",
                    "구성:등심+채끝", "구성:불고기+국거리"),
            product("LO1928374653", "무선 핸디 청소기 20000Pa", 159000, null, null, "색상:화이트"),
            product("LO1928374654", "유기농 귀리 우유 190ml x 24팩", 21900, null, null, "단일상품"),
            product("LO1928374655", "어린이 그림책 전집 30권", 99000, "독서대", "추가", "단일상품"));

    private LotteonSampleData() {
    }

    private static Product product(String spdNo, String name, long price, String addOnName, String addOnValue,
                                   String... options) {
        List<Option> list = new ArrayList<>();
        long base = Long.parseLong(spdNo.substring(2));
        for (int i = 0; i < options.length; i++) {
            list.add(new Option("LO" + (base * 10 + i + 1), options[i], "LON-" + spdNo.substring(8) + "-" + (i + 1),
                    i > 0 && price > 100000 ? 10000 : 0));
        }
        return new Product(spdNo, name, price, List.copyOf(list), addOnName, addOnValue);
    }

    static String name(Random r) {
        return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
    }

    static String mobile(Random r) {
        return String.format("010-%04d-%04d", 1000 + r.nextInt(9000), r.nextInt(10000));
    }

    static String landline(Random r) {
        return String.format("031-%03d-%04d", 200 + r.nextInt(700), r.nextInt(10000));
    }

    static String[] address(Random r) {
        return ADDRESSES[r.nextInt(ADDRESSES.length)];
    }

    static String detail(Random r) {
        return DETAILS[r.nextInt(DETAILS.length)];
    }

    static String memo(Random r) {
        return MEMOS[r.nextInt(MEMOS.length)];
    }

    static Product product(Random r) {
        return PRODUCTS.get(r.nextInt(PRODUCTS.size()));
    }
}
