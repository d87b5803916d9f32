package jp.tsunagu.demo;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import jp.tsunagu.shared.Prefecture;

/**
 * Where people live: prefectures by their share of Japan's population (2020 census, thousands) and a
 * few cities per prefecture with the first three digits of their postal codes and their telephone
 * area code. The first city is the prefectural capital and gets half of the prefecture's people.
 */
final class Places {

    /** A city: as written in an address, the short form used in hospital names, postal prefix, area code. */
    record City(String name, String stem, String postalPrefix, String areaCode) {
    }

    private static final Map<Prefecture, Integer> POPULATION = new EnumMap<>(Prefecture.class);
    private static final Map<Prefecture, List<City>> CITIES = new EnumMap<>(Prefecture.class);

    static final List<String> TOWNS = List.of("本町", "中央", "栄町", "緑町", "旭町", "幸町", "若葉町", "桜町", "錦町",
            "花園町", "宮前町", "東町", "西町", "南町", "北町", "新町", "元町", "平和町", "松原", "青葉台", "桜ケ丘",
            "富士見町", "春日町", "日吉町", "昭和町", "八幡町", "寿町", "住吉町", "清水町", "大町");

    static {
        city(Prefecture.HOKKAIDO, 5225, "札幌市中央区:札幌:060:011", "旭川市:旭川:070:0166", "函館市:函館:040:0138",
                "釧路市:釧路:085:0154", "帯広市:帯広:080:0155");
        city(Prefecture.AOMORI, 1238, "青森市:青森:030:017", "弘前市:弘前:036:0172", "八戸市:八戸:031:0178");
        city(Prefecture.IWATE, 1211, "盛岡市:盛岡:020:019", "一関市:一関:021:0191", "奥州市:奥州:023:0197");
        city(Prefecture.MIYAGI, 2302, "仙台市青葉区:仙台:980:022", "石巻市:石巻:986:0225", "大崎市:大崎:989:0229");
        city(Prefecture.AKITA, 960, "秋田市:秋田:010:018", "横手市:横手:013:0182", "大館市:大館:017:0186");
        city(Prefecture.YAMAGATA, 1068, "山形市:山形:990:023", "鶴岡市:鶴岡:997:0235", "米沢市:米沢:992:0238");
        city(Prefecture.FUKUSHIMA, 1833, "福島市:福島:960:024", "郡山市:郡山:963:024", "いわき市:いわき:970:0246",
                "会津若松市:会津若松:965:0242");
        city(Prefecture.IBARAKI, 2867, "水戸市:水戸:310:029", "つくば市:つくば:305:029", "日立市:日立:317:0294");
        city(Prefecture.TOCHIGI, 1933, "宇都宮市:宇都宮:320:028", "小山市:小山:323:0285", "足利市:足利:326:0284");
        city(Prefecture.GUNMA, 1939, "前橋市:前橋:371:027", "高崎市:高崎:370:027", "太田市:太田:373:0276");
        city(Prefecture.SAITAMA, 7345, "さいたま市浦和区:浦和:330:048", "川越市:川越:350:049", "川口市:川口:332:048",
                "越谷市:越谷:343:048", "所沢市:所沢:359:04");
        city(Prefecture.CHIBA, 6284, "千葉市中央区:千葉:260:043", "船橋市:船橋:273:047", "柏市:柏:277:04",
                "松戸市:松戸:271:047");
        city(Prefecture.TOKYO, 14048, "新宿区:新宿:160:03", "世田谷区:世田谷:154:03", "大田区:大田:143:03",
                "足立区:足立:120:03", "八王子市:八王子:192:042", "立川市:立川:190:042", "町田市:町田:194:042");
        city(Prefecture.KANAGAWA, 9237, "横浜市中区:横浜:231:045", "川崎市川崎区:川崎:210:044",
                "相模原市中央区:相模原:252:042", "横須賀市:横須賀:238:046", "藤沢市:藤沢:251:0466");
        city(Prefecture.NIIGATA, 2201, "新潟市中央区:新潟:951:025", "長岡市:長岡:940:0258", "上越市:上越:943:025");
        city(Prefecture.TOYAMA, 1035, "富山市:富山:930:076", "高岡市:高岡:933:0766");
        city(Prefecture.ISHIKAWA, 1133, "金沢市:金沢:920:076", "小松市:小松:923:0761", "七尾市:七尾:926:0767");
        city(Prefecture.FUKUI, 767, "福井市:福井:910:0776", "敦賀市:敦賀:914:0770");
        city(Prefecture.YAMANASHI, 810, "甲府市:甲府:400:055", "富士吉田市:富士吉田:403:0555");
        city(Prefecture.NAGANO, 2048, "長野市:長野:380:026", "松本市:松本:390:0263", "上田市:上田:386:0268");
        city(Prefecture.GIFU, 1979, "岐阜市:岐阜:500:058", "大垣市:大垣:503:0584", "高山市:高山:506:0577");
        city(Prefecture.SHIZUOKA, 3633, "静岡市葵区:静岡:420:054", "浜松市中央区:浜松:430:053", "沼津市:沼津:410:055");
        city(Prefecture.AICHI, 7542, "名古屋市中区:名古屋:460:052", "豊橋市:豊橋:440:0532", "岡崎市:岡崎:444:0564",
                "豊田市:豊田:471:0565", "一宮市:一宮:491:0586");
        city(Prefecture.MIE, 1770, "津市:津:514:059", "四日市市:四日市:510:059", "伊勢市:伊勢:516:0596");
        city(Prefecture.SHIGA, 1414, "大津市:大津:520:077", "草津市:草津:525:077", "彦根市:彦根:522:0749");
        city(Prefecture.KYOTO, 2578, "京都市中京区:京都:604:075", "宇治市:宇治:611:0774", "福知山市:福知山:620:0773");
        city(Prefecture.OSAKA, 8838, "大阪市北区:大阪:530:06", "堺市堺区:堺:590:072", "豊中市:豊中:560:06",
                "東大阪市:東大阪:577:06", "枚方市:枚方:573:072");
        city(Prefecture.HYOGO, 5465, "神戸市中央区:神戸:650:078", "姫路市:姫路:670:079", "西宮市:西宮:662:0798",
                "尼崎市:尼崎:660:06");
        city(Prefecture.NARA, 1324, "奈良市:奈良:630:0742", "橿原市:橿原:634:0744");
        city(Prefecture.WAKAYAMA, 923, "和歌山市:和歌山:640:073", "田辺市:田辺:646:0739");
        city(Prefecture.TOTTORI, 553, "鳥取市:鳥取:680:0857", "米子市:米子:683:0859");
        city(Prefecture.SHIMANE, 671, "松江市:松江:690:0852", "出雲市:出雲:693:0853");
        city(Prefecture.OKAYAMA, 1888, "岡山市北区:岡山:700:086", "倉敷市:倉敷:710:086", "津山市:津山:708:0868");
        city(Prefecture.HIROSHIMA, 2800, "広島市中区:広島:730:082", "福山市:福山:720:084", "呉市:呉:737:0823");
        city(Prefecture.YAMAGUCHI, 1342, "山口市:山口:753:083", "下関市:下関:750:083", "宇部市:宇部:755:0836");
        city(Prefecture.TOKUSHIMA, 720, "徳島市:徳島:770:088", "阿南市:阿南:774:0884");
        city(Prefecture.KAGAWA, 950, "高松市:高松:760:087", "丸亀市:丸亀:763:0877");
        city(Prefecture.EHIME, 1335, "松山市:松山:790:089", "今治市:今治:794:0898", "新居浜市:新居浜:792:0897");
        city(Prefecture.KOCHI, 692, "高知市:高知:780:088", "四万十市:四万十:787:0880");
        city(Prefecture.FUKUOKA, 5135, "福岡市中央区:福岡:810:092", "北九州市小倉北区:小倉:802:093",
                "久留米市:久留米:830:0942", "飯塚市:飯塚:820:0948");
        city(Prefecture.SAGA, 811, "佐賀市:佐賀:840:0952", "唐津市:唐津:847:0955");
        city(Prefecture.NAGASAKI, 1312, "長崎市:長崎:850:095", "佐世保市:佐世保:857:0956", "諫早市:諫早:854:0957");
        city(Prefecture.KUMAMOTO, 1738, "熊本市中央区:熊本:860:096", "八代市:八代:866:0965");
        city(Prefecture.OITA, 1124, "大分市:大分:870:097", "別府市:別府:874:0977");
        city(Prefecture.MIYAZAKI, 1070, "宮崎市:宮崎:880:0985", "都城市:都城:885:0986", "延岡市:延岡:882:0982");
        city(Prefecture.KAGOSHIMA, 1588, "鹿児島市:鹿児島:890:099", "霧島市:霧島:899:0995", "鹿屋市:鹿屋:893:0994");
        city(Prefecture.OKINAWA, 1467, "那覇市:那覇:900:098", "沖縄市:沖縄:904:098", "浦添市:浦添:901:098");
    }

    private static final Weighted<Prefecture> BY_POPULATION;

    static {
        Weighted.Builder<Prefecture> builder = Weighted.builder();
        POPULATION.forEach(builder::add);
        BY_POPULATION = builder.build();
    }

    private Places() {
    }

    static Prefecture prefecture(SplittableRandom random) {
        return BY_POPULATION.draw(random);
    }

    static double populationShare(Prefecture prefecture) {
        return POPULATION.get(prefecture) / (double) POPULATION.values().stream().mapToInt(Integer::intValue).sum();
    }

    static List<City> cities(Prefecture prefecture) {
        return CITIES.get(prefecture);
    }

    /** The capital with half the people, the other cities sharing the rest. */
    static City city(SplittableRandom random, Prefecture prefecture) {
        List<City> cities = CITIES.get(prefecture);
        if (random.nextDouble() < 0.5) {
            return cities.getFirst();
        }
        return cities.get(random.nextInt(cities.size()));
    }

    /** "東京都新宿区本町2丁目14-3". */
    static String address(SplittableRandom random, Prefecture prefecture, City city) {
        return prefecture.japaneseName() + city.name() + TOWNS.get(random.nextInt(TOWNS.size()))
                + (1 + random.nextInt(5)) + "丁目" + (1 + random.nextInt(30)) + "-" + (1 + random.nextInt(20));
    }

    static String postalCode(SplittableRandom random, City city) {
        return city.postalPrefix() + "-" + String.format("%04d", random.nextInt(10000));
    }

    /**
     * A fixed-line number in the city's area code whose local exchange starts with 0. No Japanese
     * subscriber number does, so the number cannot belong to anyone.
     */
    static String phone(SplittableRandom random, City city) {
        String area = city.areaCode();
        int exchangeDigits = 6 - area.length();
        StringBuilder exchange = new StringBuilder("0");
        for (int i = 1; i < exchangeDigits; i++) {
            exchange.append(random.nextInt(10));
        }
        return area + "-" + exchange + "-" + String.format("%04d", random.nextInt(10000));
    }

    private static void city(Prefecture prefecture, int thousands, String... cities) {
        POPULATION.put(prefecture, thousands);
        CITIES.put(prefecture, java.util.Arrays.stream(cities).map(c -> {
            String[] parts = c.split(":");
            return new City(parts[0], parts[1], parts[2], parts[3]);
        }).toList());
    }
}
