package jp.tsunagu.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.shared.Prefecture;

/**
 * Hospitals and clinics in all 47 prefectures, several per prefecture in proportion to its population,
 * named the way Japanese hospitals are named (県立中央病院, 市立病院, 赤十字病院, 記念病院, 内科クリニック),
 * plus the two fictional hospitals of the demo clinicians.
 */
final class Facilities {

    /** The demo clinician dr.tanaka's hospital (DemoAccount). */
    static final String TOKYO_CHUO = "1319990011";
    /** The demo clinician dr.yamamoto's hospital (DemoAccount). */
    static final String OSAKA_HOKUSO = "2719990021";

    record Facility(String code, String name, OrganisationKind kind, Prefecture prefecture, Places.City city,
            int beds, String phone, String address) {

        boolean hospital() {
            return kind == OrganisationKind.HOSPITAL;
        }

        OrganisationDetails details() {
            return new OrganisationDetails(kind, name, Optional.of(prefecture), Optional.of(beds),
                    Identifier.medicalInstitution(code), Optional.of(phone), Optional.of(address));
        }
    }

    private Facilities() {
    }

    static List<Facility> generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x6f7267616e6973L);
        List<Facility> all = new ArrayList<>();
        for (Prefecture prefecture : Prefecture.values()) {
            all.addAll(prefecture(random.split(), prefecture));
        }
        all.add(new Facility(TOKYO_CHUO, "東京中央病院", OrganisationKind.HOSPITAL, Prefecture.TOKYO,
                new Places.City("中央区", "中央", "104", "03"), 650, "03-0555-0100", "東京都中央区新川2丁目10-5"));
        all.add(new Facility(OSAKA_HOKUSO, "大阪北総合病院", OrganisationKind.HOSPITAL, Prefecture.OSAKA,
                new Places.City("大阪市北区", "大阪", "531", "06"), 480, "06-0555-0200", "大阪府大阪市北区中津3丁目8-12"));
        return List.copyOf(all);
    }

    private static List<Facility> prefecture(SplittableRandom random, Prefecture prefecture) {
        double share = Places.populationShare(prefecture);
        int hospitals = 3 + (int) Math.round(share * 250);
        int clinics = 2 + (int) Math.round(share * 150);
        List<Places.City> cities = Places.cities(prefecture);
        Set<String> names = new HashSet<>();
        List<Facility> facilities = new ArrayList<>();
        int index = 0;
        for (int i = 0; i < hospitals; i++) {
            Places.City city = i < cities.size() + 2 ? cities.get(i % cities.size()) : Places.city(random, prefecture);
            String[] kindAndName = hospitalName(random, prefecture, city, i, names);
            int beds = beds(random, kindAndName[0]);
            facilities.add(facility(random, prefecture, cities, city, index++, kindAndName[1], OrganisationKind.HOSPITAL,
                    beds));
        }
        for (int i = 0; i < clinics; i++) {
            Places.City city = Places.city(random, prefecture);
            facilities.add(facility(random, prefecture, cities, city, index++, clinicName(random, city, names),
                    OrganisationKind.CLINIC, 0));
        }
        return facilities;
    }

    private static Facility facility(SplittableRandom random, Prefecture prefecture, List<Places.City> cities,
            Places.City city, int index, String name, OrganisationKind kind, int beds) {
        return new Facility(code(prefecture, cities.indexOf(city) + 1, index), name, kind, prefecture, city, beds,
                Places.phone(random, city), Places.address(random, prefecture, city));
    }

    /**
     * 医療機関コード: prefecture (2), 点数表 1 = 医科 (1), 郡市区 (2), institution number (4) and a check
     * digit (modulus 10 with weights 2 and 1 over the six digits before it).
     */
    static String code(Prefecture prefecture, int district, int index) {
        String six = String.format("%02d%04d", district, 1000 + (index * 37) % 9000);
        int sum = 0;
        for (int i = 0; i < six.length(); i++) {
            int product = (six.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product / 10 + product % 10;
        }
        return prefecture.twoDigitCode() + "1" + six + (10 - sum % 10) % 10;
    }

    /** {kind, name}: the first hospitals of a prefecture are its public ones. */
    private static String[] hospitalName(SplittableRandom random, Prefecture prefecture, Places.City city, int i,
            Set<String> names) {
        String municipality = city.name().contains("市") ? city.name().substring(0, city.name().indexOf('市') + 1)
                : city.stem();
        String[] candidate = switch (i) {
            case 0 -> new String[] {"central", prefecture.japaneseName() + "立中央病院"};
            case 1 -> new String[] {"municipal", city.name().contains("市") ? municipality + "立病院"
                    : city.stem() + "総合病院"};
            case 2 -> new String[] {"redcross", city.stem() + "赤十字病院"};
            default -> switch (random.nextInt(14)) {
                case 0 -> new String[] {"municipal", city.name().contains("市") ? municipality + "立病院"
                        : city.stem() + "区民病院"};
                case 1 -> new String[] {"centre", "国立病院機構" + city.stem() + "医療センター"};
                case 2 -> new String[] {"public", city.stem() + "済生会病院"};
                case 3 -> new String[] {"public", city.stem() + "共済病院"};
                case 4 -> new String[] {"private", Names.family(random) + "記念病院"};
                case 5 -> new String[] {"private", city.stem() + "中央病院"};
                case 6 -> new String[] {"private", city.stem() + "第一病院"};
                case 7 -> new String[] {"private", Names.family(random) + "病院"};
                case 8 -> new String[] {"longterm", city.stem() + "リハビリテーション病院"};
                case 9 -> new String[] {"specialist", city.stem() + "脳神経外科病院"};
                case 10 -> new String[] {"specialist", city.stem() + "整形外科病院"};
                case 11 -> new String[] {"specialist", city.stem() + "循環器病院"};
                case 12 -> new String[] {"longterm", city.stem() + "療養病院"};
                default -> new String[] {"private", city.stem() + "協立病院"};
            };
        };
        candidate[1] = unique(candidate[1], names, random);
        return candidate;
    }

    private static String clinicName(SplittableRandom random, Places.City city, Set<String> names) {
        String town = Places.TOWNS.get(random.nextInt(Places.TOWNS.size())).replace("町", "");
        String name = switch (random.nextInt(10)) {
            case 0 -> Names.family(random) + "内科クリニック";
            case 1 -> Names.family(random) + "医院";
            case 2 -> city.stem() + "駅前クリニック";
            case 3 -> town + "ファミリークリニック";
            case 4 -> Names.family(random) + "整形外科";
            case 5 -> Names.family(random) + "眼科医院";
            case 6 -> town + "こどもクリニック";
            case 7 -> Names.family(random) + "内科・循環器内科";
            case 8 -> city.stem() + "メンタルクリニック";
            default -> List.of("さくら", "あおば", "ひまわり", "みどり", "すずらん", "なごみ").get(random.nextInt(6))
                    + "内科クリニック";
        };
        return unique(name, names, random);
    }

    private static String unique(String name, Set<String> names, SplittableRandom random) {
        String candidate = name;
        int n = 2;
        while (!names.add(candidate)) {
            candidate = name.replaceFirst("(病院|クリニック|医院|整形外科|内科)$", "第" + n++ + "$1");
            if (n > 9) {
                candidate = name + random.nextInt(100);
            }
        }
        return candidate;
    }

    private static int beds(SplittableRandom random, String kind) {
        return switch (kind) {
            case "central" -> 450 + random.nextInt(451);
            case "municipal" -> 200 + random.nextInt(401);
            case "redcross" -> 300 + random.nextInt(401);
            case "centre" -> 250 + random.nextInt(401);
            case "public" -> 150 + random.nextInt(301);
            case "longterm" -> 60 + random.nextInt(141);
            case "specialist" -> 40 + random.nextInt(111);
            default -> 80 + random.nextInt(321);
        };
    }
}
